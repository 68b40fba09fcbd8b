#include "protocols/pop3/listing.hpp"

#include <gtest/gtest.h>

#include "protocols/pop3/multiline.hpp"

namespace mailassist::pop3 {
namespace {

TEST(Pop3Listing, ParsesStat) {
  struct Row {
    std::string_view text;
    MaildropStat expected;
  };
  const Row rows[] = {
      {"2 320", {2, 320}},
      {"0 0", {0, 0}},
      {"4294967295 18446744073709551615", {4294967295u, 18446744073709551615ull}},
      {"3 1200 messages follow", {3, 1200}},  // RFC 1939 allows text after the size
      {"3  1200", {3, 1200}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    auto stat = parse_stat(row.text);
    ASSERT_TRUE(stat) << stat.error().message;
    EXPECT_EQ(*stat, row.expected);
  }
}

TEST(Pop3Listing, RejectsBadStatSayingWhere) {
  struct Row {
    std::string_view text;
    std::string_view message_part;
  };
  const Row rows[] = {
      {"", "(line 1, byte 0): expected the message count"},
      {"two 320", "byte 0): expected the message count"},
      {"2", "(line 1, byte 1): expected a space"},
      {"2 ", "(line 1, byte 2): expected the maildrop size"},
      {"-1 5", "byte 0"},
      {"4294967296 5", "the message count is too large"},
      {"1 18446744073709551616", "(line 1, byte 2): the maildrop size is too large"},
      {"1 5x", "(line 1, byte 3): unexpected text after the maildrop size"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.text);
    auto stat = parse_stat(row.text);
    ASSERT_FALSE(stat);
    EXPECT_NE(stat.error().message.find(row.message_part), std::string::npos)
        << stat.error().message;
  }
}

TEST(Pop3Listing, ParsesListAndUidlBodies) {
  auto list = parse_multiline_response(
      "+OK 3 messages (1024 octets)\r\n1 120\r\n2 200\r\n"
      "3 704\r\n.\r\n");
  ASSERT_TRUE(list);
  auto entries = parse_list(list->lines);
  ASSERT_TRUE(entries) << entries.error().message;
  EXPECT_EQ(*entries, (std::vector<ListEntry>{{1, 120}, {2, 200}, {3, 704}}));

  // Dovecot's default UIDL format, Gmail's, and the RFC's example.
  auto uidl = parse_multiline_response(
      "+OK\r\n1 00000001512345ab\r\n2 GmailId17a1b2c3d4e5f6\r\n3 QhdPYR:00WBw1Ph7x7\r\n.\r\n");
  ASSERT_TRUE(uidl);
  auto ids = parse_uidl(uidl->lines);
  ASSERT_TRUE(ids) << ids.error().message;
  EXPECT_EQ(*ids,
            (std::vector<UidEntry>{
                {1, "00000001512345ab"}, {2, "GmailId17a1b2c3d4e5f6"}, {3, "QhdPYR:00WBw1Ph7x7"}}));
  EXPECT_EQ(parse_uidl_entry("7 abc  ")->uid, "abc");
  EXPECT_EQ(*parse_list_entry("7 100 extra"), (ListEntry{7, 100}));
}

TEST(Pop3Listing, ChecksUniqueIdsAgainstTheRfcAlphabet) {
  EXPECT_TRUE(is_valid_unique_id("!"));
  EXPECT_TRUE(is_valid_unique_id("~"));
  EXPECT_TRUE(is_valid_unique_id(std::string(70, 'x')));
  EXPECT_FALSE(is_valid_unique_id(std::string(71, 'x')));
  EXPECT_FALSE(is_valid_unique_id(""));
  EXPECT_FALSE(is_valid_unique_id("a b"));
  EXPECT_FALSE(is_valid_unique_id("caf\xc3\xa9"));
  EXPECT_FALSE(is_valid_unique_id(std::string_view("a\0b", 3)));
  EXPECT_FALSE(is_valid_unique_id("a\x7f"));
}

TEST(Pop3Listing, RejectsBadListingsSayingWhere) {
  struct Row {
    std::vector<std::string> lines;
    bool uidl;
    std::string_view message_part;
  };
  const Row rows[] = {
      {{"1 abc", "2 a b"}, true, "(line 3, byte 2): a unique-id must be 1-70 characters"},
      {{"1 " + std::string(71, 'u')}, true, "a unique-id must be"},
      {{"1 "}, true, "(line 2, byte 2): a unique-id must be"},
      {{"1"}, true, "(line 2, byte 1): expected a space"},
      {{"0 abc"}, true, "(line 2, byte 0): message number 0"},
      {{"1 a", "2 b", "1 c"}, true, "(line 4, byte 0): message 1 is listed twice"},
      {{"1 10", "x 10"}, false, "(line 3, byte 0): expected a message number"},
      {{"1 10", "1 10"}, false, "message 1 is listed twice"},
      {{"1 -5"}, false, "(line 2, byte 2): expected the message size"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.message_part);
    auto error = [&]() -> std::string {
      if (row.uidl) {
        auto ids = parse_uidl(row.lines);
        return ids ? std::string() : ids.error().message;
      }
      auto sizes = parse_list(row.lines);
      return sizes ? std::string() : sizes.error().message;
    }();
    EXPECT_NE(error.find(row.message_part), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace mailassist::pop3
