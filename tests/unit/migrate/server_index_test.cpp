#include "migrate/server_index.hpp"

#include <gtest/gtest.h>

namespace mailassist::migrate {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

TEST(ServerIndex, InternalDates) {
  auto t = parse_internal_date("17-Jul-1996 02:44:25 -0700");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, sys_days(std::chrono::year(1996) / 7 / 17) + 9h + 44min + 25s);
  EXPECT_EQ(parse_internal_date(" 7-Jul-1996 02:44:25 +0000"),
            sys_days(std::chrono::year(1996) / 7 / 7) + 2h + 44min + 25s);
  for (auto bad :
       {"", "17-Jux-1996 02:44:25 -0700", "31-Feb-1996 02:44:25 -0700",
        "17-Jul-1996 25:44:25 -0700", "17-Jul-1996 02:44:25 0700", "17-Jul-1996 02:44:25 -07000"}) {
    EXPECT_FALSE(parse_internal_date(bad)) << bad;
  }
}

TEST(ServerIndex, ParsesFetchIndexResponses) {
  auto parsed = parse_index_fetch(
      "* 3 FETCH (UID 17 RFC822.SIZE 2048 INTERNALDATE \"01-Feb-2024 10:00:00 +0700\" "
      "BODY[HEADER.FIELDS (MESSAGE-ID)] {31}\r\nMessage-ID:\r\n <a@b.example>\r\n\r\n)");
  ASSERT_TRUE(parsed) << parsed.error().message;
  ASSERT_TRUE(*parsed);
  EXPECT_EQ((*parsed)->uid, 17u);
  EXPECT_EQ((*parsed)->size, 2048u);
  EXPECT_EQ((*parsed)->message_id, "<a@b.example>");
  EXPECT_EQ((*parsed)->internal_date, sys_days(std::chrono::year(2024) / 2 / 1) + 3h);

  // No Message-ID: an empty header block.
  auto none = parse_index_fetch(
      "* 1 FETCH (UID 1 RFC822.SIZE 5 BODY[HEADER.FIELDS (\"MESSAGE-ID\")] {2}\r\n\r\n "
      "FLAGS (\\Seen))");
  ASSERT_TRUE(none);
  ASSERT_TRUE(*none);
  EXPECT_EQ((*none)->message_id, "");

  // An unsolicited flag update is not index data.
  auto flags = parse_index_fetch("* 4 FETCH (FLAGS (\\Seen))");
  ASSERT_TRUE(flags);
  EXPECT_FALSE(*flags);
  for (auto bad : {"* 4 FETCH (UID x)", "* 4 FETCH (UID 1 BODY[HEADER", "* 4 FETCH UID 1"}) {
    EXPECT_FALSE(parse_index_fetch(bad)) << bad;
  }
}

MessageEnvelope envelope(std::string id, std::uint64_t size,
                         std::optional<std::chrono::sys_seconds> date = std::nullopt) {
  MessageEnvelope e;
  e.message_id = std::move(id);
  e.size = size;
  if (date) e.date = imap::InternalDate{*date, 420min};
  return e;
}

TEST(ServerIndex, DuplicateRuleClaimsEachServerMessageOnce) {
  auto day = sys_days(std::chrono::year(2024) / 2 / 1) + 0s;
  ServerIndex index(
      {{1, 100, day, "<a@x>"}, {2, 100, day, "<a@x>"}, {3, 200, day, "<b@x>"}, {4, 50, day, ""}});
  // Same id, size and date: claimed, once per server copy.
  EXPECT_EQ(index.claim(envelope("<a@x>", 100, day)), 1u);
  EXPECT_EQ(index.claim(envelope("<a@x>", 100, day)), 2u);
  EXPECT_FALSE(index.claim(envelope("<a@x>", 100, day)));
  // Shared Message-ID, different size or date: a different message.
  EXPECT_FALSE(index.claim(envelope("<b@x>", 201, day)));
  EXPECT_FALSE(index.claim(envelope("<b@x>", 200, day + 1s)));
  // No date in the source: id and size decide.
  EXPECT_EQ(index.claim(envelope("<b@x>", 200)), 3u);
  // No Message-ID on either side.
  EXPECT_EQ(index.claim(envelope("", 50, day)), 4u);
  ServerIndex by_uid({{9, 1, day, "<c@x>"}});
  EXPECT_TRUE(by_uid.claim_uid(9));
  EXPECT_FALSE(by_uid.claim(envelope("<c@x>", 1)));
  EXPECT_FALSE(by_uid.claim_uid(10));
}

}  // namespace
}  // namespace mailassist::migrate
