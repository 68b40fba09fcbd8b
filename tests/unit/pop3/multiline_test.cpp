#include "protocols/pop3/multiline.hpp"

#include <gtest/gtest.h>

namespace mailassist::pop3 {
namespace {

TEST(Pop3Multiline, UnstuffsOneLeadingDot) {
  EXPECT_EQ(unstuff_line("."), std::nullopt);
  EXPECT_EQ(unstuff_line(".."), ".");
  EXPECT_EQ(unstuff_line("..."), "..");
  EXPECT_EQ(unstuff_line("..hidden"), ".hidden");
  EXPECT_EQ(unstuff_line("plain"), "plain");
  EXPECT_EQ(unstuff_line(""), "");
  EXPECT_EQ(unstuff_line(" ."), " .");
}

struct Row {
  std::string_view bytes;
  bool ok;
  std::vector<std::string> lines;
  std::size_t consumed;
};

TEST(Pop3Multiline, ParsesWholeResponses) {
  const Row rows[] = {
      {"+OK 2 messages\r\n1 120\r\n2 200\r\n.\r\n", true, {"1 120", "2 200"}, 33},
      {"+OK\r\n.\r\n", true, {}, 8},
      // RFC 1939 section 3: stuffed lines, an empty line, a lone dot inside the text.
      {"+OK message follows\r\nSubject: x\r\n\r\n..\r\n...dots\r\nend.\r\n.\r\n",
       true,
       {"Subject: x", "", ".", "..dots", "end."},
       57},
      // Bare LF line ends from lenient servers.
      {"+OK\nTOP\nUIDL\n.\n", true, {"TOP", "UIDL"}, 15},
      // -ERR has no body: the following bytes belong to the next response.
      {"-ERR no such message\r\n1 120\r\n.\r\n", false, {}, 22},
      // Pipelined next response is left for the caller.
      {"+OK\r\nA\r\n.\r\n+OK next\r\n", true, {"A"}, 11},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.bytes);
    auto parsed = parse_multiline_response(row.bytes);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(parsed->status.ok, row.ok);
    EXPECT_EQ(parsed->lines, row.lines);
    EXPECT_EQ(parsed->consumed, row.consumed);
  }
}

TEST(Pop3Multiline, RejectsTruncatedAndOversizedResponses) {
  struct Bad {
    std::string_view bytes;
    std::string_view message_part;
  };
  const Bad rows[] = {
      {"", "(line 1, byte 0): the response has no complete first line"},
      {"+OK no line end", "no complete first line"},
      {"+OK\r\nline\r\n", "(line 3, byte 0): the response ends before its terminating"},
      {"+OK\r\nline\r\n.", "ends before its terminating"},
      {"+OK\r\nline\r\n. \r\n", "ends before its terminating"},
      {"HTTP/1.1 400 Bad Request\r\n", "expected \"+OK\" or \"-ERR\""},
      {"+OK\r\n1\r\n2\r\n3\r\n4\r\n.\r\n", "(line 5, byte 0): more than 3 lines"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.bytes);
    auto parsed = parse_multiline_response(row.bytes, 3);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, ErrorKind::protocol_error);
    EXPECT_NE(parsed.error().message.find(row.message_part), std::string::npos)
        << parsed.error().message;
  }
}

TEST(Pop3Multiline, JoinsMessageLinesWithCrlf) {
  EXPECT_EQ(join_message_lines({"Subject: x", "", ".body"}), "Subject: x\r\n\r\n.body\r\n");
  EXPECT_EQ(join_message_lines({}), "");
}

}  // namespace
}  // namespace mailassist::pop3
