// SHA-256 in pieces (net/sha256) against the FIPS 180-2 test vectors, and a source
// message's digest read through the store in pieces.
#include "migrate/content_digest.hpp"

#include <gtest/gtest.h>

#include <map>

namespace mailassist::migrate {
namespace {

std::string hex(const ContentDigest& digest) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char b : digest) {
    out += digits[b >> 4];
    out += digits[b & 15];
  }
  return out;
}

TEST(Sha256, KnownVectorsWholeAndInPieces) {
  net::Sha256 hash;
  EXPECT_EQ(hex(*hash.finish()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  hash.update("abc");
  EXPECT_EQ(hex(*hash.finish()),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // finish() started over; the same bytes in pieces give the same digest.
  for (char c : std::string("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
    hash.update(std::string_view(&c, 1));
  EXPECT_EQ(hex(*hash.finish()),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

// A store of in-memory messages that hands out at most 3 bytes per read.
class MemoryStore final : public MailStore {
 public:
  std::map<std::string, std::string> messages;
  std::string description() const override { return "memory"; }
  Result<std::vector<SourceFolder>> folders(const CancelToken&) override {
    return std::vector<SourceFolder>{};
  }
  Result<void> scan(const SourceFolder&, const EnvelopeSink&, const ProblemSink&,
                    const CancelToken&) override {
    return ok();
  }
  Result<std::unique_ptr<MessageReader>> open(const SourceFolder&,
                                              const MessageEnvelope& m) override {
    auto found = messages.find(m.key);
    if (found == messages.end()) return make_error(ErrorKind::io_error, "gone");
    struct Reader final : MessageReader {
      std::string_view rest;
      Result<std::size_t> read(std::span<char> buffer) override {
        auto n = std::min<std::size_t>({buffer.size(), rest.size(), 3});
        std::copy_n(rest.data(), n, buffer.data());
        rest.remove_prefix(n);
        return n;
      }
    };
    auto reader = std::make_unique<Reader>();
    reader->rest = found->second;
    return std::unique_ptr<MessageReader>(std::move(reader));
  }
};

TEST(ContentDigest, SourceMessageIsHashedAsTheStoreYieldsIt) {
  MemoryStore store;
  store.messages["a"] = "abc";
  store.messages["b"] = "abd";
  MessageEnvelope a, b, missing;
  a.key = "a";
  b.key = "b";
  missing.key = "z";
  auto da = source_digest(store, {}, a);
  ASSERT_TRUE(da);
  EXPECT_EQ(hex(*da), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_NE(*source_digest(store, {}, b), *da);
  EXPECT_FALSE(source_digest(store, {}, missing));
}

}  // namespace
}  // namespace mailassist::migrate
