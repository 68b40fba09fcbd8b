// Servers that misbehave in ways no real server does: the CLI ends with a clear
// category, in bounded time and memory, and never crashes.
#include <gtest/gtest.h>

#include <algorithm>
#include <ostream>

#include "cli_runner.hpp"
#include "dovecot_environment.hpp"
#include "fake_server_process.hpp"
#include "protocol_params.hpp"

namespace mailassist::testing {
namespace {

#if !MAILASSIST_SANITIZED
// The CLI may buffer a line up to its limit (64 KiB), but never the 10 MB the server sends.
// The bound is relative to the same binary checking a closed port, because a sanitizer
// build starts at several times the RSS of a normal one.
constexpr long kMaxExtraRssKb = 8 * 1024;

long baseline_rss_kb() {
  static const long baseline = [] {
    ClosedPort closed;
    return run_cli(test_args("alice@localhost", Protocol::imap,
                             "127.0.0.1:" + std::to_string(closed.port()) + "/none"),
                   "alice-secret-1")
        .process.max_rss_kb;
  }();
  return baseline;
}
#endif

struct Misbehaviour {
  const char* mode;
  std::vector<std::string> results;  // any of these is right
  int timeout_seconds;

  friend std::ostream& operator<<(std::ostream& out, const Misbehaviour& m) {
    return out << m.mode;
  }
};

const Misbehaviour kMisbehaviours[] = {
    // The contract has no "connection closed" category: a greeting cut short is a
    // protocol error.
    {"close-during-greeting", {"protocol-error"}, 10},
    {"garbage", {"protocol-error"}, 10},
    {"long-line", {"protocol-error"}, 10},
    {"endless", {"protocol-error", "timeout"}, 5},
    {"silent", {"timeout"}, 2},
};

class HostileServer : public ::testing::TestWithParam<std::tuple<Misbehaviour, Protocol>> {};

TEST_P(HostileServer, EndsWithACategoryInBoundedMemory) {
  const auto& [misbehaviour, protocol] = GetParam();
  FakeServer server({.mode = misbehaviour.mode, .protocol = std::string(to_string(protocol))});
  // --allow-plaintext: the client must get far enough to meet the misbehaviour.
  const auto run = run_cli(test_args("alice@localhost", protocol, server.endpoint("none"),
                                     misbehaviour.timeout_seconds) +
                               std::vector<std::string>{"--allow-plaintext"},
                           "alice-secret-1");
  ASSERT_FALSE(run.process.timed_out) << "the CLI hung: " << run.trace();
  EXPECT_EQ(run.process.signal, 0) << "the CLI crashed: " << run.trace();
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  const auto result = run.result().value("result", "");
  EXPECT_TRUE(std::find(misbehaviour.results.begin(), misbehaviour.results.end(), result) !=
              misbehaviour.results.end())
      << "result '" << result << "'\n"
      << run.trace();
  EXPECT_FALSE(run.result().value("message", "").empty()) << run.trace();
#if !MAILASSIST_SANITIZED
  // Under ASan freed memory sits in its quarantine, so peak RSS measures how much was
  // allocated over the run, not how much was held: the bound is checked in normal builds.
  EXPECT_LT(run.process.max_rss_kb, baseline_rss_kb() + kMaxExtraRssKb)
      << "baseline " << baseline_rss_kb() << " kB\n"
      << run.trace();
#endif
}

INSTANTIATE_TEST_SUITE_P(AllModes, HostileServer,
                         ::testing::Combine(::testing::ValuesIn(kMisbehaviours),
                                            ::testing::Values(Protocol::imap, Protocol::pop3,
                                                              Protocol::smtp)),
                         [](const auto& test) {
                           std::string name = std::get<0>(test.param).mode;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name + "_" + std::string(to_string(std::get<1>(test.param)));
                         });

class ClosedPortTest : public ::testing::TestWithParam<ProtocolAndTlsMode> {};

TEST_P(ClosedPortTest, IsUnreachable) {
  const auto& [protocol, security] = GetParam();
  ClosedPort closed;
  const auto run = run_cli(test_args("alice@localhost", protocol,
                                     "127.0.0.1:" + std::to_string(closed.port()) + "/" +
                                         std::string(to_string(security))),
                           "alice-secret-1");
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "unreachable") << run.trace();
}

INSTANTIATE_TEST_SUITE_P(AllProtocols, ClosedPortTest, every_protocol_and_tls_mode(),
                         ProtocolAndTlsModeName());

}  // namespace
}  // namespace mailassist::testing
