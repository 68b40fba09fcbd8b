#include "net/line_reader.hpp"

#include <gtest/gtest.h>

#include "tests/support/scripted_stream.hpp"

namespace mailassist::net {
namespace {

using testing::ScriptedStream;
using testing::Step;

LineReader reader_for(std::vector<Step> script, std::size_t max_line = 64,
                      std::size_t max_read = 4096) {
  return LineReader(std::make_unique<ScriptedStream>(std::move(script), max_read), max_line);
}

TEST(LineReader, SplitsCrlfAndBareLfLines) {
  auto r = reader_for({{Step::server, "one\r\ntwo\nthree\r\n"}});
  EXPECT_EQ(*r.read_line(Deadline::never()), "one");
  EXPECT_EQ(*r.read_line(Deadline::never()), "two");
  EXPECT_EQ(*r.read_line(Deadline::never()), "three");
}

TEST(LineReader, JoinsLinesSplitAcrossReads) {
  auto r = reader_for({{Step::server, "a long line arriving in pieces\r\nnext\r\n"}}, 64, 3);
  EXPECT_EQ(*r.read_line(Deadline::never()), "a long line arriving in pieces");
  EXPECT_EQ(*r.read_line(Deadline::never()), "next");
}

TEST(LineReader, ReadsExactCountsAcrossTheBuffer) {
  auto r = reader_for({{Step::server, "{5}\r\nhello world\r\n"}}, 64, 7);
  EXPECT_EQ(*r.read_line(Deadline::never()), "{5}");
  EXPECT_EQ(*r.read_exact(5, Deadline::never()), "hello");
  EXPECT_EQ(*r.read_line(Deadline::never()), " world");
}

TEST(LineReader, RejectsAnOverlongLineWithoutBufferingIt) {
  auto r = reader_for({{Step::server, std::string(1000, 'x') + "\r\n"}}, 64, 16);
  auto line = r.read_line(Deadline::never());
  ASSERT_FALSE(line);
  EXPECT_EQ(line.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(line.error().message.find("longer than 64 bytes"), std::string::npos);
  EXPECT_LE(r.buffered(), 64u + 16u + 1u);
}

TEST(LineReader, AcceptsALineOfExactlyTheLimit) {
  auto r = reader_for({{Step::server, std::string(64, 'y') + "\r\n"}}, 64, 5);
  EXPECT_EQ(r.read_line(Deadline::never())->size(), 64u);
}

TEST(LineReader, ReportsACloseInTheMiddleOfALine) {
  auto r = reader_for({{Step::server, "partial"}});
  auto line = r.read_line(Deadline::never());
  ASSERT_FALSE(line);
  EXPECT_EQ(line.error().kind, ErrorKind::connection_closed);
}

TEST(LineReader, StartTlsDiscardsBytesBufferedBeforeTheHandshake) {
  // A man in the middle appends a forged reply right after "OK Begin TLS": it must not be
  // read as if it came over the protected channel.
  auto r = reader_for({{Step::server, "220 go ahead\r\n250 FORGED\r\n"},
                       {Step::starttls, ""},
                       {Step::server, "250 real\r\n"}});
  EXPECT_EQ(*r.read_line(Deadline::never()), "220 go ahead");
  EXPECT_GT(r.buffered(), 0u);
  ASSERT_TRUE(r.start_tls(Deadline::never()));
  EXPECT_EQ(*r.read_line(Deadline::never()), "250 real");
}

TEST(LineReader, GivesUpAtTheDeadlineEvenWhileDataKeepsComing) {
  // An endless reply never makes the socket wait, so the deadline is checked on every read.
  std::string endless;
  for (int i = 0; i < 1000; ++i) endless += "* CAPABILITY IMAP4rev1\r\n";
  auto r = reader_for({{Step::server, endless}}, 64, 16);
  auto deadline = Deadline::after(std::chrono::milliseconds(0));
  auto line = r.read_line(deadline);
  ASSERT_FALSE(line);
  EXPECT_EQ(line.error().kind, ErrorKind::timeout);
  auto bytes = r.read_exact(100, deadline);
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().kind, ErrorKind::timeout);
}

}  // namespace
}  // namespace mailassist::net
