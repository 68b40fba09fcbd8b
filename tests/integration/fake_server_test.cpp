// The scripted fake server does what the CLI tests rely on, and always ends.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>

#include "fake_server_process.hpp"
#include "line_client.hpp"

namespace mailassist::testing {
namespace {

using namespace std::chrono_literals;

TEST(FakeServer, AnnouncesAPortThatAcceptsConnections) {
  FakeServer server({.mode = "silent"});
  EXPECT_NE(server.port(), 0);
  EXPECT_TRUE(accepts_connections("127.0.0.1", server.port()));
}

TEST(FakeServer, CloseDuringGreetingSendsPartOfALineThenCloses) {
  FakeServer server({.mode = "close-during-greeting"});
  LineClient client("127.0.0.1", server.port());
  EXPECT_EQ(client.read_until_closed(10s, 1024), "* OK");
  EXPECT_TRUE(client.closed());
}

std::string garbage_from_a_new_server() {
  FakeServer server({.mode = "garbage"});
  LineClient client("127.0.0.1", server.port());
  // The server waits for us to hang up after its junk; stop reading once it pauses.
  std::string junk;
  while (auto line = client.read_line(2s)) junk += *line + "\n";
  return junk;
}

TEST(FakeServer, GarbageIsBinaryAndTheSameOnEveryRun) {
  const auto first = garbage_from_a_new_server();
  EXPECT_EQ(std::count(first.begin(), first.end(), '\n'), 64);
  EXPECT_NE(first.find('\0'), std::string::npos);
  EXPECT_EQ(first, garbage_from_a_new_server());
}

TEST(FakeServer, LongLineSendsTenMegabytesWithoutALineEnd) {
  FakeServer server({.mode = "long-line"});
  LineClient client("127.0.0.1", server.port());
  const auto data = client.read_until_closed(5s, (10u << 20) + 5);
  EXPECT_EQ(data.size(), (10u << 20) + 5);
  EXPECT_EQ(data.find('\n'), std::string::npos);
}

TEST(FakeServer, SilentSaysNothing) {
  FakeServer server({.mode = "silent"});
  LineClient client("127.0.0.1", server.port());
  EXPECT_EQ(client.read_until_closed(500ms, 1), "");
  EXPECT_FALSE(client.closed());
}

TEST(FakeServer, EndlessKeepsSendingLines) {
  FakeServer server({.mode = "endless", .protocol = "smtp"});
  LineClient client("127.0.0.1", server.port());
  for (int i = 0; i < 10000; ++i) {
    const auto line = client.read_line();
    ASSERT_TRUE(line.has_value());
    ASSERT_EQ(line->rfind("220-", 0), 0u) << *line;
  }
}

struct RecordCase {
  const char* protocol;
  const char* client_sends;
  const char* expected_reply;  // a reply that proves the dialogue went on

  friend std::ostream& operator<<(std::ostream& out, const RecordCase& c) {
    return out << c.protocol;
  }
};

class FakeServerRecord : public ::testing::TestWithParam<RecordCase> {};

TEST_P(FakeServerRecord, KeepsEveryByteTheClientSent) {
  FakeServer server({.mode = "record", .protocol = GetParam().protocol});
  {
    LineClient client("127.0.0.1", server.port());
    client.send(GetParam().client_sends);
    const auto replies = client.read_until_closed(10s, 1 << 16);
    EXPECT_NE(replies.find(GetParam().expected_reply), std::string::npos) << replies;
  }
  EXPECT_EQ(server.recorded(), GetParam().client_sends);
}

INSTANTIATE_TEST_SUITE_P(
    AllProtocols, FakeServerRecord,
    ::testing::Values(
        RecordCase{"imap", "a CAPABILITY\r\nb LOGIN me {6+}\r\nsecret\r\nc LOGOUT\r\n",
                   "b NO [AUTHENTICATIONFAILED]"},
        RecordCase{"pop3", "CAPA\r\nUSER me\r\nPASS secret\r\nQUIT\r\n", "-ERR [AUTH]"},
        RecordCase{"smtp", "EHLO me\r\nAUTH PLAIN AG1lAHNlY3JldA==\r\nQUIT\r\n", "535 "}),
    [](const auto& test) { return std::string(test.param.protocol); });

TEST(FakeServer, EndsOnSigterm) {
  FakeServer server({.mode = "silent", .max_seconds = 600});
  LineClient client("127.0.0.1", server.port());
  EXPECT_TRUE(server.process().terminate(10s)) << "needed SIGKILL";
}

TEST(FakeServer, EndsOnItsOwnAfterItsLifetime) {
  FakeServer server({.mode = "silent", .max_seconds = 1});
  LineClient client("127.0.0.1", server.port());
  EXPECT_TRUE(server.process().wait_exit(15s));
}

}  // namespace
}  // namespace mailassist::testing
