#include "protocols/imap/mailbox_name.hpp"

#include <gtest/gtest.h>

namespace mailassist::imap {
namespace {

struct RoundTrip {
  std::string utf8;
  std::string wire;
};

void PrintTo(const RoundTrip& row, std::ostream* os) {
  *os << row.wire;
}

class ImapMailboxName : public ::testing::TestWithParam<RoundTrip> {};

TEST_P(ImapMailboxName, EncodesAndDecodes) {
  const auto& row = GetParam();
  auto encoded = encode_mailbox_name(row.utf8);
  ASSERT_TRUE(encoded) << encoded.error().message;
  EXPECT_EQ(*encoded, row.wire);
  auto decoded = decode_mailbox_name(row.wire);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, row.utf8);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ImapMailboxName,
    ::testing::Values(
        // RFC 3501 section 5.1.3's example.
        RoundTrip{"~peter/mail/\xE5\x8F\xB0\xE5\x8C\x97/\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E",
                  "~peter/mail/&U,BTFw-/&ZeVnLIqe-"},
        RoundTrip{"Kerja & Proyek", "Kerja &- Proyek"}, RoundTrip{"Tok\xC3\xB3", "Tok&APM-"},
        RoundTrip{"\xE5\x8F\xB0\xE5\x8C\x97", "&U,BTFw-"},
        RoundTrip{"Entw\xC3\xBCrfe", "Entw&APw-rfe"},
        RoundTrip{"\xF0\x9F\x93\xA7 Inbox", "&2D3c5w- Inbox"},  // a surrogate pair
        RoundTrip{"\xD0\x9E\xD1\x82\xD0\xBF\xD1\x80\xD0\xB0\xD0\xB2\xD0\xBB\xD0\xB5\xD0\xBD"
                  "\xD0\xBD\xD1\x8B\xD0\xB5",
                  "&BB4EQgQ,BEAEMAQyBDsENQQ9BD0ESwQ1-"},
        RoundTrip{"&&", "&-&-"}, RoundTrip{"", ""}, RoundTrip{"Sent Items", "Sent Items"}));

TEST(ImapMailboxNameErrors, DecodeRejectsMalformedInput) {
  const std::vector<std::string> bad{
      "&U,BTFw",      // no closing '-'
      "&AGE-",        // 'a' must stand for itself
      "&2D0-",        // a lone high surrogate
      "&3mM-",        // a lone low surrogate
      "&U,BTF-",      // leftover non-zero bits
      "&U/BTFw-",     // '/' is not in the modified alphabet
      "Tok\xC3\xB3",  // raw 8-bit
      "&-&",          // '&' at the end
      "&-",           // fine, see below
  };
  for (std::size_t i = 0; i + 1 < bad.size(); ++i) {
    auto decoded = decode_mailbox_name(bad[i]);
    EXPECT_FALSE(decoded) << bad[i];
    if (!decoded) {
      EXPECT_EQ(decoded.error().kind, ErrorKind::protocol_error);
    }
  }
  EXPECT_EQ(*decode_mailbox_name("&-"), "&");
}

TEST(ImapMailboxNameErrors, EncodeRejectsInvalidUtf8) {
  for (std::string bad : {"\xFF", "\xC0\xAF", "\xED\xA0\x80", "abc\xE5\x8F", "\xF4\x90\x80\x80"}) {
    auto encoded = encode_mailbox_name(bad);
    ASSERT_FALSE(encoded);
    EXPECT_EQ(encoded.error().kind, ErrorKind::invalid_input);
  }
}

TEST(ImapMailboxNameErrors, DecodeNamesTheOffset) {
  auto decoded = decode_mailbox_name("Inbox/&U/BTFw-");
  ASSERT_FALSE(decoded);
  EXPECT_NE(decoded.error().message.find("at byte 8"), std::string::npos)
      << decoded.error().message;
}

}  // namespace
}  // namespace mailassist::imap
