// Table-driven: FETCH and STATUS responses as the server sends them (literals inline, as
// the assembler delivers them) and the typed data expected; malformed rows and where the
// parser must say the problem is; internal dates and Message-ID fields.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "protocols/imap/message_index.hpp"
#include "protocols/imap/response_parser.hpp"
#include "tests/unit/imap/parser_rows.hpp"

namespace mailassist::imap {
namespace {

using namespace std::chrono;

struct FetchRow {
  std::string name;
  std::string raw;
  FetchData expected;
};

FetchData fetch(std::uint32_t sequence) {
  FetchData f;
  f.sequence = sequence;
  return f;
}

std::vector<FetchRow> fetch_rows() {
  std::vector<FetchRow> r;
  {
    auto f = fetch(1);
    f.uid = 5;
    f.size = 2480;
    f.internal_date = "05-Mar-2024 09:15:00 +0700";
    f.sections.push_back(
        {"HEADER.FIELDS (MESSAGE-ID)", std::nullopt, "Message-ID: <a1@example.test>\r\n\r\n"});
    r.push_back({"DovecotIndexEntry",
                 "* 1 FETCH (UID 5 RFC822.SIZE 2480 INTERNALDATE \"05-Mar-2024 09:15:00 +0700\" "
                 "BODY[HEADER.FIELDS (MESSAGE-ID)] {33}\r\nMessage-ID: <a1@example.test>\r\n\r\n)",
                 f});
  }
  {
    // A body full of ")", "BODY[" and "{5}" is read by count and confuses nothing.
    auto f = fetch(7);
    f.uid = 40;
    f.sections.push_back({"", std::nullopt, "a) BODY[] {5}\r\n)"});
    r.push_back(
        {"BodyThatLooksLikeSyntax", "* 7 FETCH (BODY[] {16}\r\na) BODY[] {5}\r\n) UID 40)", f});
  }
  {
    auto f = fetch(2);
    f.flags = std::vector<std::string>{"\\Seen", "$Forwarded"};
    f.uid = 6;
    r.push_back({"UnsolicitedFlags", "* 2 FETCH (FLAGS (\\Seen $Forwarded) UID 6)", f});
  }
  {
    auto f = fetch(3);
    f.uid = 9;
    f.sections.push_back({"HEADER.FIELDS (MESSAGE-ID)", std::nullopt, std::nullopt});
    f.sections.push_back({"", 0, "Fro"});
    r.push_back({"NilSectionAndPartial",
                 "* 3 FETCH (uid 9 body[HEADER.FIELDS (MESSAGE-ID)] NIL BODY[]<0> \"Fro\")", f});
  }
  {
    auto f = fetch(4);
    f.uid = 10;
    f.size = 5000000000ull;  // number64 (RFC 9051)
    r.push_back({"SkipsWhatItDoesNotRead",
                 "* 4 FETCH (MODSEQ (12345) ENVELOPE (\"date\" \"subj\" NIL NIL NIL NIL NIL NIL "
                 "NIL \"<id>\") UID 10 X-GM-LABELS (\"\\\\Inbox\" Kerja) RFC822.SIZE 5000000000)",
                 f});
  }
  {
    auto f = fetch(5);
    f.sections.push_back({"HEADER.FIELDS (\"MESSAGE-ID\")", std::nullopt, ""});
    r.push_back({"QuotedFieldNameAndEmptyQuoted",
                 "* 5 FETCH (BODY[HEADER.FIELDS (\"MESSAGE-ID\")] \"\")", f});
  }
  {
    auto f = fetch(6);
    f.sections.push_back({"RFC822.HEADER", std::nullopt, "X: y\r\n\r\n"});
    r.push_back({"Rfc822Header", "* 6 FETCH (RFC822.HEADER {8}\r\nX: y\r\n\r\n)", f});
  }
  r.push_back({"Empty", "* 8 FETCH ()", fetch(8)});
  return r;
}

void PrintTo(const FetchRow& row, std::ostream* os) {
  *os << row.name;
}

class ImapFetchParse : public ::testing::TestWithParam<FetchRow> {};

TEST_P(ImapFetchParse, GivesTheTypedData) {
  const auto& row = GetParam();
  auto parsed = parse_fetch_response(row.raw);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, row.expected);
}

INSTANTIATE_TEST_SUITE_P(Rows, ImapFetchParse, ::testing::ValuesIn(fetch_rows()), RowName{});

std::vector<RejectedRow> bad_fetch_rows() {
  return {
      {"NoParen", "* 1 FETCH UID 5", 10, "'('"},
      {"Unclosed", "* 1 FETCH (UID 5", 16, "expected a space"},
      {"UidZero", "* 1 FETCH (UID 0)", 15, "non-zero"},
      {"SequenceZero", "* 0 FETCH (UID 1)", 2, "non-zero"},
      {"SizeNotNumber", "* 1 FETCH (RFC822.SIZE big)", 23, "a number"},
      {"SizeTooBig", "* 1 FETCH (RFC822.SIZE 99999999999999999999)", 23, "out of range"},
      {"SectionUnclosed", "* 1 FETCH (BODY[HEADER", 15, "closed by ']'"},
      {"LiteralPastTheEnd", "* 1 FETCH (BODY[] {10}\r\nabc)", 18, "literal longer"},
      {"DateNotQuoted", "* 1 FETCH (INTERNALDATE 05-Mar-2024)", 24, "quoted string"},
      {"Trailing", "* 1 FETCH (UID 1) extra", 17, "end of the response"},
      {"NoItemName", "* 1 FETCH ( UID 1)", 11, "item name"},
      {"DeepEnvelope", "* 1 FETCH (ENVELOPE " + std::string(40, '(') + ")", 52,
       "nested too deeply"},
      {"OriginUnclosed", "* 1 FETCH (BODY[]<0 \"x\")", 19, "'>'"},
  };
}

class ImapFetchReject : public ::testing::TestWithParam<RejectedRow> {};

TEST_P(ImapFetchReject, NamesTheOffset) {
  expect_rejected_as_row_says(parse_fetch_response(GetParam().raw), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Rows, ImapFetchReject, ::testing::ValuesIn(bad_fetch_rows()), RowName{});

TEST(ImapStatusParse, ReadsNumbersAndNil) {
  auto parsed = parse_status_response("* STATUS \"Kerja &- Proyek\" (MESSAGES 3 appendlimit NIL)");
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(parsed->mailbox, "Kerja &- Proyek");
  ASSERT_EQ(parsed->items.size(), 2u);
  EXPECT_EQ(parsed->items[0],
            (std::pair<std::string, std::optional<std::uint64_t>>{"MESSAGES", 3}));
  EXPECT_EQ(parsed->items[1].first, "APPENDLIMIT");
  EXPECT_FALSE(parsed->items[1].second);

  auto limit = parse_status_response("* STATUS INBOX (APPENDLIMIT 35651584)");
  ASSERT_TRUE(limit);
  EXPECT_EQ(limit->items[0].second, 35651584u);
}

TEST(ImapStatusParse, RejectsMalformedItems) {
  for (std::string raw : {"* STATUS INBOX (MESSAGES)", "* STATUS INBOX (MESSAGES x)",
                          "* STATUS INBOX MESSAGES 3", "* STATUS INBOX (MESSAGES 3"}) {
    auto parsed = parse_status_response(raw);
    ASSERT_FALSE(parsed) << raw;
    EXPECT_EQ(parsed.error().kind, ErrorKind::protocol_error) << raw;
  }
}

TEST(ImapInternalDate, ParsesWhatFormatWrites) {
  InternalDate date{sys_days{year{1996} / July / 17} + hours{9} + minutes{44} + seconds{25},
                    minutes{-7 * 60}};
  auto parsed = parse_internal_date(format_internal_date(date));
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->time, date.time);
  EXPECT_EQ(parsed->utc_offset, date.utc_offset);
}

TEST(ImapInternalDate, AcceptsASpacePaddedDayAndAnyMonthCase) {
  auto parsed = parse_internal_date(" 5-MAR-2024 09:15:00 +0700");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->time, sys_days{year{2024} / March / 5} + hours{2} + minutes{15});
  EXPECT_EQ(parsed->utc_offset, minutes{420});
}

TEST(ImapInternalDate, RejectsImpossibleDates) {
  for (std::string text :
       {"31-Feb-2024 09:15:00 +0700", "05-Foo-2024 09:15:00 +0700", "05-Mar-2024 24:00:00 +0700",
        "05-Mar-2024 09:15:00 0700", "05-Mar-2024 09:15:00 +07", "", "05-Mar-2024 09:15:00 +0760",
        "5-Mar-2024 09:15:00 +0700"}) {
    EXPECT_FALSE(parse_internal_date(text)) << text;
  }
}

TEST(ImapMessageIdField, UnfoldsAndTrims) {
  EXPECT_EQ(message_id_field("Message-ID: <a1@example.test>\r\n\r\n"), "<a1@example.test>");
  EXPECT_EQ(message_id_field("message-id:\r\n  <folded@example.test>  \r\n\r\n"),
            "<folded@example.test>");
  EXPECT_EQ(message_id_field("MESSAGE-ID:<a@b>\n\n"), "<a@b>");
  EXPECT_EQ(message_id_field("\r\n"), "");
  EXPECT_EQ(message_id_field(""), "");
  // Only the field itself, not one whose name merely starts the same.
  EXPECT_EQ(message_id_field("Message-ID-Extra: x\r\nMessage-ID: <b@c>\r\n"), "<b@c>");
}

TEST(ImapMessageIndex, EntriesNeedUidAndSize) {
  auto entry_of = [](std::string raw) {
    auto parsed = parse_fetch_response(raw);
    EXPECT_TRUE(parsed) << raw;
    return index_entry(*parsed);
  };
  EXPECT_FALSE(entry_of("* 1 FETCH (FLAGS (\\Seen))"));
  EXPECT_FALSE(entry_of("* 1 FETCH (UID 4)"));
  auto entry = entry_of(
      "* 1 FETCH (UID 4 RFC822.SIZE 12 INTERNALDATE \"bad date\" BODY[HEADER.FIELDS "
      "(MESSAGE-ID)] {2}\r\n\r\n)");
  ASSERT_TRUE(entry);
  EXPECT_EQ(entry->uid, 4u);
  EXPECT_EQ(entry->size, 12u);
  EXPECT_FALSE(entry->internal_date);
  EXPECT_EQ(entry->message_id, "");
}

}  // namespace
}  // namespace mailassist::imap
