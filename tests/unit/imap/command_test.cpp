#include "protocols/imap/command.hpp"

#include <gtest/gtest.h>

#include "protocols/imap/internal_date.hpp"

namespace mailassist::imap {
namespace {

std::string wire(const Command& c, LiteralMode mode = LiteralMode::synchronizing) {
  std::string out;
  for (const auto& s : encode(Tag{"A1"}, c, mode)) {
    out += s.line + "\r\n";
    if (s.has_literal) out += s.literal;
  }
  return out;
}

TEST(ImapCommand, TagsCountUp) {
  TagGenerator tags;
  EXPECT_EQ(tags.next().text, "A1");
  EXPECT_EQ(tags.next().text, "A2");
}

TEST(ImapCommand, AstringPicksAtomQuotedOrLiteral) {
  EXPECT_EQ(wire(Command("SELECT").astring("INBOX")), "A1 SELECT INBOX\r\n");
  EXPECT_EQ(wire(Command("SELECT").astring("Sent Items")), "A1 SELECT \"Sent Items\"\r\n");
  EXPECT_EQ(wire(Command("SELECT").astring("")), "A1 SELECT \"\"\r\n");
  EXPECT_EQ(wire(Command("SELECT").astring("nil")), "A1 SELECT \"nil\"\r\n");
  EXPECT_EQ(wire(Command("SELECT").astring("a\"b\\c")), "A1 SELECT \"a\\\"b\\\\c\"\r\n");
  EXPECT_EQ(wire(Command("SELECT").astring("[Gmail]/Sent")), "A1 SELECT \"[Gmail]/Sent\"\r\n");
}

TEST(ImapCommand, NeverQuotesLineBreaksNulOrEightBit) {
  for (std::string value :
       {std::string("a\r\nb"), std::string("a\0b", 3), std::string("p\xC3\xA4ss")}) {
    auto segments = encode(Tag{"A1"}, Command("LOGIN").string(value), LiteralMode::synchronizing);
    ASSERT_EQ(segments.size(), 2u);
    EXPECT_EQ(segments[0].line, "A1 LOGIN {" + std::to_string(value.size()) + "}");
    EXPECT_TRUE(segments[0].synchronizing);
    EXPECT_EQ(segments[0].literal, value);
    EXPECT_EQ(segments[0].line.find('\0'), std::string::npos);
  }
}

TEST(ImapCommand, LiteralModes) {
  std::string small(10, 'x');
  std::string big(5000, 'y');
  EXPECT_EQ(
      encode(Tag{"A1"}, Command("APPEND").literal(small), LiteralMode::non_synchronizing)[0].line,
      "A1 APPEND {10+}");
  EXPECT_EQ(
      encode(Tag{"A1"}, Command("APPEND").literal(big), LiteralMode::non_synchronizing)[0].line,
      "A1 APPEND {5000+}");
  EXPECT_EQ(encode(Tag{"A1"}, Command("APPEND").literal(small), LiteralMode::limited)[0].line,
            "A1 APPEND {10+}");
  auto limited_big = encode(Tag{"A1"}, Command("APPEND").literal(big), LiteralMode::limited);
  EXPECT_EQ(limited_big[0].line, "A1 APPEND {5000}");
  EXPECT_TRUE(limited_big[0].synchronizing);
  EXPECT_EQ(wire(Command("APPEND").astring("INBOX").literal("hi")),
            "A1 APPEND INBOX {2}\r\nhi\r\n");
}

TEST(ImapCommand, ArgumentsContinueAfterALiteral) {
  EXPECT_EQ(wire(Command("LOGIN").string("j\xC3\xB6rg").string("pw")),
            "A1 LOGIN {5}\r\nj\xC3\xB6rg \"pw\"\r\n");
}

TEST(ImapCommand, SecretsAreShownRedacted) {
  auto segments = encode(Tag{"A2"}, Command("LOGIN").string("alice").secret("s3cret"),
                         LiteralMode::synchronizing);
  ASSERT_EQ(segments.size(), 1u);
  EXPECT_EQ(segments[0].line, "A2 LOGIN \"alice\" \"s3cret\"");
  EXPECT_EQ(segments[0].shown, "A2 LOGIN \"alice\" <redacted>");
  auto literal = encode(Tag{"A2"}, Command("LOGIN").string("alice").secret("s3\r\ncret"),
                        LiteralMode::non_synchronizing);
  EXPECT_EQ(literal[0].shown, "A2 LOGIN \"alice\" <redacted>");
}

TEST(ImapCommand, ListsHaveNoInnerPadding) {
  EXPECT_EQ(wire(Command("ID").begin_list().string("name").string("MailAssist").end_list()),
            "A1 ID (\"name\" \"MailAssist\")\r\n");
  EXPECT_EQ(wire(Command("X").begin_list().end_list()), "A1 X ()\r\n");
}

TEST(ImapInternalDate, FormatsRfc3501DateTime) {
  using namespace std::chrono;
  // 1996-07-17 09:44:25 UTC shown in -07:00, RFC 3501's example date.
  InternalDate d{sys_days{year{1996} / July / 17} + hours{9} + minutes{44} + seconds{25},
                 minutes{-7 * 60}};
  EXPECT_EQ(format_internal_date(d), "17-Jul-1996 02:44:25 -0700");
  InternalDate jakarta{sys_days{year{2024} / January / 1} + hours{20}, hours{7}};
  EXPECT_EQ(format_internal_date(jakarta), "02-Jan-2024 03:00:00 +0700");
  InternalDate india{sys_days{year{2024} / March / 5}, minutes{330}};
  EXPECT_EQ(format_internal_date(india), "05-Mar-2024 05:30:00 +0530");
}

}  // namespace
}  // namespace mailassist::imap
