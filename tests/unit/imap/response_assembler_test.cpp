#include "protocols/imap/response_assembler.hpp"

#include <gtest/gtest.h>

#include "protocols/imap/response_parser.hpp"

namespace mailassist::imap {
namespace {

using Need = ResponseAssembler::Need;

TEST(ImapAssembler, ALineWithoutLiteralIsComplete) {
  ResponseAssembler a;
  ASSERT_TRUE(a.add_line("* 3 EXISTS"));
  EXPECT_EQ(a.need(), Need::complete);
  EXPECT_EQ(a.take(), "* 3 EXISTS");
  EXPECT_EQ(a.need(), Need::line);
}

TEST(ImapAssembler, AsksForTheLiteralThenTheRestOfTheLine) {
  ResponseAssembler a;
  ASSERT_TRUE(a.add_line("* LIST () \"/\" {5}"));
  ASSERT_EQ(a.need(), Need::literal);
  EXPECT_EQ(a.literal_size(), 5u);
  ASSERT_TRUE(a.add_literal("T\xC3\xB6k\r"));
  ASSERT_EQ(a.need(), Need::line);
  ASSERT_TRUE(a.add_line(""));
  ASSERT_EQ(a.need(), Need::complete);
  auto text = a.take();
  EXPECT_EQ(text, "* LIST () \"/\" {5}\r\nT\xC3\xB6k\r");
  auto parsed = parse_response(text);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(std::get<ListData>(*parsed).name, "T\xC3\xB6k\r");
}

TEST(ImapAssembler, SeveralLiteralsInOneResponse) {
  ResponseAssembler a;
  ASSERT_TRUE(a.add_line("* ID ({4}"));
  ASSERT_TRUE(a.add_literal("name"));
  ASSERT_TRUE(a.add_line(" {7}"));
  ASSERT_TRUE(a.add_literal("Dovecot"));
  ASSERT_TRUE(a.add_line(")"));
  ASSERT_EQ(a.need(), Need::complete);
  auto parsed = parse_response(a.take());
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(std::get<IdData>(*parsed), (IdData{{{{"name", "Dovecot"}}}}));
}

TEST(ImapAssembler, AZeroLengthLiteral) {
  ResponseAssembler a;
  ASSERT_TRUE(a.add_line("* LIST () \"/\" {0}"));
  ASSERT_EQ(a.need(), Need::literal);
  ASSERT_TRUE(a.add_literal(""));
  ASSERT_TRUE(a.add_line(""));
  EXPECT_EQ(a.need(), Need::complete);
}

TEST(ImapAssembler, RefusesAnOversizedLiteralBeforeReadingIt) {
  ResponseAssembler a(ResponseLimits{1024, 8});
  auto added = a.add_line("* 1 FETCH (BODY[] {4294967295}");
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(added.error().message.find("larger than 1024 bytes"), std::string::npos);
}

TEST(ImapAssembler, RefusesTooManyLiterals) {
  ResponseAssembler a(ResponseLimits{1024, 2});
  ASSERT_TRUE(a.add_line("* X {1}"));
  ASSERT_TRUE(a.add_literal("a"));
  ASSERT_TRUE(a.add_line(" {1}"));
  ASSERT_TRUE(a.add_literal("b"));
  auto added = a.add_line(" {1}");
  ASSERT_FALSE(added);
  EXPECT_NE(added.error().message.find("more than 2 literals"), std::string::npos);
}

TEST(ImapAssembler, RefusesLinesBeyondTheTotal) {
  ResponseAssembler a(ResponseLimits{16, 8});
  ASSERT_TRUE(a.add_line("* X {2}"));
  ASSERT_TRUE(a.add_literal("ab"));
  EXPECT_FALSE(a.add_line(" and a long tail"));
}

TEST(ImapAssembler, ServersMayNotSendNonSynchronizingLiterals) {
  ResponseAssembler a;
  auto added = a.add_line("* LIST () \"/\" {5+}");
  ASSERT_FALSE(added);
  EXPECT_NE(added.error().message.find("non-synchronizing literal at byte 14"), std::string::npos)
      << added.error().message;
}

TEST(ImapAssembler, RefusesElevenDigitLiteralSizes) {
  ResponseAssembler a;
  EXPECT_FALSE(a.add_line("* X {99999999999}"));
}

TEST(ImapAssembler, BracesThatAreNotALiteralEndTheResponse) {
  for (const char* line : {"* OK {abc}", "* OK {}", "* OK 5}", "}"}) {
    ResponseAssembler a;
    ASSERT_TRUE(a.add_line(line)) << line;
    EXPECT_EQ(a.need(), Need::complete) << line;
  }
}

}  // namespace
}  // namespace mailassist::imap
