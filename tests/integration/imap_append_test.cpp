// The IMAP client's migration commands against the real Dovecot fixture: a streamed
// MULTIAPPEND of three messages (one of 5 MB, generated while it is sent), the APPENDUID
// UIDs, the message index reading them back with sizes and dates, one message fetched for a
// hash, and a source that ends early leaving nothing behind on the server.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "dovecot_environment.hpp"
#include "net/connect.hpp"
#include "protocols/imap/client.hpp"

namespace mailassist::imap {
namespace {

using namespace std::chrono;
using testing::DovecotEnvironment;
using testing::HostKind;
using testing::Protocol;
using testing::Security;

Deadline soon() {
  return Deadline::after(seconds(60));
}

// FNV-1a: enough to tell two byte streams apart in a test.
struct Hash {
  std::uint64_t value = 14695981039346656037ull;
  void add(std::string_view bytes) {
    for (char c : bytes) value = (value ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  }
};

// A message produced line by line while it is sent, never whole in memory.
class GeneratedMessage {
 public:
  GeneratedMessage(std::string header, std::uint64_t body_size)
      : header_(std::move(header) + "\r\n") {
    std::uint64_t lines = body_size / kLine.size();
    size_ = header_.size() + lines * kLine.size();
  }
  std::uint64_t size() const { return size_; }
  // A reader that yields the first `stop_at` bytes only (all by default).
  LiteralReader reader(Hash* hash, std::uint64_t stop_at = UINT64_MAX) {
    return [this, hash, stop_at](std::span<char> buffer) -> Result<std::size_t> {
      std::size_t n = 0;
      while (n < buffer.size() && offset_ < std::min(size_, stop_at)) {
        buffer[n++] = at(offset_++);
      }
      if (hash) hash->add(std::string_view(buffer.data(), n));
      return n;
    };
  }

 private:
  static constexpr std::string_view kLine =
      "Laporan bulanan terlampir, mohon diperiksa sebelum rapat.\r\n";
  char at(std::uint64_t i) const {
    if (i < header_.size()) return header_[i];
    return kLine[(i - header_.size()) % kLine.size()];
  }
  std::string header_;
  std::uint64_t size_ = 0;
  std::uint64_t offset_ = 0;
};

class ImapAppendAgainstDovecot : public ::testing::Test {
 protected:
  std::unique_ptr<ImapClient> connect_and_login() {
    const auto& env = DovecotEnvironment::get();
    // The plaintext address: this suite is about APPEND and FETCH, not TLS.
    net::Endpoint endpoint{env.host(HostKind::no_tls), env.port(Protocol::imap, Security::none)};
    auto stream = net::connect(endpoint, net::ConnectOptions{}, soon());
    EXPECT_TRUE(stream) << stream.error().message;
    if (!stream) return nullptr;
    auto client = std::make_unique<ImapClient>(std::move(*stream), trace_);
    const auto& user = env.users.front();
    sasl::Credentials credentials;
    credentials.username = user.username;
    credentials.password = user.password;
    if (auto r = client->greet(soon()); !r) ADD_FAILURE() << r.error().message;
    if (auto r = client->login(credentials, protocols::LoginPolicy{true}, soon()); !r) {
      ADD_FAILURE() << r.error().message;
      return nullptr;
    }
    if (auto r = client->ensure_capabilities(soon()); !r) ADD_FAILURE() << r.error().message;
    return client;
  }

  std::vector<MessageIndexEntry> index_of(ImapClient& client) {
    std::vector<MessageIndexEntry> out;
    auto selected = client.select(mailbox_, soon());
    EXPECT_TRUE(selected) << selected.error().message;
    auto done = client.fetch_message_index(
        [&](const MessageIndexEntry& entry) { out.push_back(entry); }, soon());
    EXPECT_TRUE(done) << done.error().message;
    return out;
  }

  // Unique per run: the fixture's mailboxes outlive a test. Non-ASCII on purpose (sent
  // in modified UTF-7).
  std::string mailbox_ = "Migrasi Tok\xC3\xB3 " + std::to_string(::getpid()) + "-" +
                         std::to_string(system_clock::now().time_since_epoch().count());
  Trace trace_;
};

TEST_F(ImapAppendAgainstDovecot, MultiappendStreamsAndTheIndexReadsItBack) {
  auto client = connect_and_login();
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->has_capability("MULTIAPPEND"));
  ASSERT_TRUE(client->has_capability("UIDPLUS"));
  ASSERT_TRUE(client->create(mailbox_, soon()));

  GeneratedMessage rapat("Subject: Rapat\r\nMessage-ID: <rapat@example.test>\r\n", 2000);
  GeneratedMessage besar("Subject: Lampiran besar\r\nMessage-ID:\r\n <besar@example.test>\r\n",
                         5u << 20);
  GeneratedMessage tanpa("Subject: Tanpa Message-ID\r\n", 300);
  Hash sent_big;
  const InternalDate jakarta{sys_days{year{2023} / December / 31} + hours{16}, minutes{7 * 60}};
  std::vector<StreamedMessage> batch(3);
  batch[0] = {{"\\Seen"}, jakarta, rapat.size(), rapat.reader(nullptr)};
  batch[1] = {{"\\Flagged", "$Forwarded"}, std::nullopt, besar.size(), besar.reader(&sent_big)};
  batch[2] = {{},
              InternalDate{sys_days{year{2001} / May / 2}, minutes{0}},
              tanpa.size(),
              tanpa.reader(nullptr)};

  auto appended = client->append_messages(mailbox_, batch, soon());
  ASSERT_TRUE(appended) << appended.error().message;
  EXPECT_TRUE(appended->multiappend);
  std::vector<std::uint32_t> uids;
  for (const auto& outcome : appended->outcomes) {
    ASSERT_TRUE(outcome.appended) << outcome.refusal;
    ASSERT_TRUE(outcome.uid);
    uids.push_back(*outcome.uid);
  }
  EXPECT_LT(uids[0], uids[1]);
  EXPECT_LT(uids[1], uids[2]);

  auto index = index_of(*client);
  ASSERT_EQ(index.size(), 3u);
  EXPECT_EQ(index[0].uid, uids[0]);
  EXPECT_EQ(index[0].size, rapat.size());
  ASSERT_TRUE(index[0].internal_date);
  EXPECT_EQ(index[0].internal_date->time, jakarta.time);
  EXPECT_EQ(index[0].message_id, "<rapat@example.test>");
  EXPECT_EQ(index[1].uid, uids[1]);
  EXPECT_EQ(index[1].size, besar.size());
  EXPECT_EQ(index[1].message_id, "<besar@example.test>");  // unfolded
  EXPECT_EQ(index[2].size, tanpa.size());
  EXPECT_EQ(index[2].message_id, "");
  ASSERT_TRUE(index[2].internal_date);
  EXPECT_EQ(index[2].internal_date->time, sys_days{year{2001} / May / 2});

  Hash fetched;
  std::uint64_t fetched_size = 0;
  auto found = client->fetch_message(
      uids[1],
      [&](std::string_view bytes) -> Result<void> {
        fetched.add(bytes);
        fetched_size += bytes.size();
        return ok();
      },
      soon());
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(*found);
  EXPECT_EQ(fetched_size, besar.size());
  EXPECT_EQ(fetched.value, sent_big.value);
  EXPECT_TRUE(client->quit(soon()));
}

TEST_F(ImapAppendAgainstDovecot, ASourceEndingEarlyLeavesNothingOnTheServer) {
  {
    auto client = connect_and_login();
    ASSERT_TRUE(client);
    ASSERT_TRUE(client->create(mailbox_, soon()));
    GeneratedMessage whole("Subject: Utuh\r\n", 1000);
    GeneratedMessage cut("Subject: Terpotong\r\n", 1u << 20);
    std::vector<StreamedMessage> batch(2);
    batch[0] = {{}, std::nullopt, whole.size(), whole.reader(nullptr)};
    batch[1] = {{}, std::nullopt, cut.size(), cut.reader(nullptr, 300000)};
    auto appended = client->append_messages(mailbox_, batch, soon());
    ASSERT_FALSE(appended);
    EXPECT_EQ(appended.error().kind, ErrorKind::io_error);
    EXPECT_EQ(client->state(), SessionState::logged_out);
  }  // destroying the client closes the connection mid-literal
  auto client = connect_and_login();
  ASSERT_TRUE(client);
  // MULTIAPPEND is atomic (RFC 3502): not even the complete first message was kept.
  EXPECT_TRUE(index_of(*client).empty());
}

TEST_F(ImapAppendAgainstDovecot, PipelinedBatchesGetTheirOwnUids) {
  auto client = connect_and_login();
  ASSERT_TRUE(client);
  ASSERT_TRUE(client->create(mailbox_, soon()));
  std::vector<GeneratedMessage> sources;
  for (std::size_t i = 0; i < 6; ++i) {
    sources.emplace_back("Subject: Pesan " + std::to_string(i) + "\r\n", 500 + 100 * i);
  }
  std::vector<std::vector<StreamedMessage>> batches(3);
  std::vector<PendingAppend> pending;
  for (std::size_t b = 0; b < 3; ++b) {
    for (std::size_t k = 0; k < 2; ++k) {
      auto& source = sources[b * 2 + k];
      batches[b].push_back({{}, std::nullopt, source.size(), source.reader(nullptr)});
    }
    auto submitted = client->submit_append(mailbox_, batches[b], soon());
    ASSERT_TRUE(submitted) << submitted.error().message;
    pending.push_back(std::move(*submitted));
  }
  std::vector<std::uint32_t> uids;
  for (auto& p : pending) {
    auto done = client->finish_append(std::move(p), soon());
    ASSERT_TRUE(done) << done.error().message;
    for (const auto& outcome : done->outcomes) {
      ASSERT_TRUE(outcome.uid);
      uids.push_back(*outcome.uid);
    }
  }
  auto index = index_of(*client);
  ASSERT_EQ(index.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(index[i].uid, uids[i]);
    EXPECT_EQ(index[i].size, sources[i].size());
  }
}

}  // namespace
}  // namespace mailassist::imap
