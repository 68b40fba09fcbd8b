// No password crosses an unencrypted connection unless the user allows it: STARTTLS
// that is not offered is an error (never a silent downgrade), and security "none" is
// refused without --allow-plaintext. Each refusal is proven twice: a recording fake
// server never receives the password, and Dovecot's auth log never sees an attempt.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "cli_runner.hpp"
#include "dovecot_environment.hpp"
#include "fake_server_process.hpp"
#include "secrets.hpp"

namespace mailassist::testing {
namespace {

using namespace std::chrono_literals;

const DovecotEnvironment& env() {
  return DovecotEnvironment::get();
}

constexpr const char* kProbePassword = "probe-secret-never-sent";

// A user name that appears nowhere else, so Dovecot's log can be searched for it.
std::string probe_user(const std::string& purpose, Protocol protocol) {
  static int counter = 0;
  return purpose + "-" + std::string(to_string(protocol)) + "-" + std::to_string(::getpid()) + "-" +
         std::to_string(counter++) + "@localhost";
}

// Dovecot (auth_verbose) logs "passwd-file(USER,...)" for every password it checks.
std::string auth_line_for(const std::string& user) {
  return "passwd-file(" + user + ",";
}

// Proves that `user` never reached Dovecot's password check since `mark`: a control
// login that is allowed to go in plaintext must show up in the log, and by then the
// refused attempt (made earlier) would have shown up too.
void expect_no_auth_attempt_since(std::uintmax_t mark, const std::string& user, Protocol protocol) {
  const std::string control = probe_user("control", protocol);
  const auto run = run_cli(
      test_args(control, protocol, env().endpoint(HostKind::no_tls, protocol, Security::none)) +
          std::vector<std::string>{"--allow-plaintext"},
      "wrong-on-purpose");
  ASSERT_EQ(run.result().value("result", ""), "auth-failed")
      << "the control login must reach Dovecot's password check\n"
      << run.trace();
  std::string log;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while ((log = env().read_log_since(mark)).find(auth_line_for(control)) == std::string::npos) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline)
        << "Dovecot never logged the control login " << control << "\n"
        << log;
    // Dovecot writes its log asynchronously; nothing to wait on but the file itself.
    std::this_thread::sleep_for(50ms);
  }
  EXPECT_EQ(log.find(auth_line_for(user)), std::string::npos)
      << "Dovecot checked a password for " << user << ":\n"
      << log;
}

class Plaintext : public ::testing::TestWithParam<Protocol> {
 protected:
  Protocol protocol() const { return GetParam(); }
  std::string no_tls(Security security) const {
    return env().endpoint(HostKind::no_tls, protocol(), security);
  }
};

TEST_P(Plaintext, StarttlsNotOfferedIsStarttlsUnavailableAndDovecotSeesNoPassword) {
  const std::string user = probe_user("starttls", protocol());
  const auto mark = env().log_mark();
  const auto run = run_cli(test_args(user, protocol(), no_tls(Security::starttls)) +
                               std::vector<std::string>{"--ca-file", env().ca_file.string()},
                           kProbePassword);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "starttls-unavailable") << run.trace();
  expect_no_auth_attempt_since(mark, user, protocol());
}

TEST_P(Plaintext, StarttlsNotOfferedSendsNoPasswordToARecordingServer) {
  FakeServer server({.mode = "record", .protocol = std::string(to_string(protocol()))});
  const std::string user = "alice@localhost";
  const auto run =
      run_cli(test_args(user, protocol(), server.endpoint("starttls")), kProbePassword);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "starttls-unavailable") << run.trace();
  const auto recorded = server.recorded();
  EXPECT_EQ(find_secret(recorded, user, kProbePassword), "") << "client sent:\n" << recorded;
}

TEST_P(Plaintext, NoneWithoutAllowPlaintextIsRefusedAndDovecotSeesNoPassword) {
  const std::string user = probe_user("refused", protocol());
  const auto mark = env().log_mark();
  const auto run = run_cli(test_args(user, protocol(), no_tls(Security::none)), kProbePassword);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "plaintext-refused") << run.trace();
  expect_no_auth_attempt_since(mark, user, protocol());
}

TEST_P(Plaintext, NoneWithoutAllowPlaintextSendsNoPasswordToARecordingServer) {
  FakeServer server({.mode = "record", .protocol = std::string(to_string(protocol()))});
  const std::string user = "alice@localhost";
  const auto run = run_cli(test_args(user, protocol(), server.endpoint("none")), kProbePassword);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "plaintext-refused") << run.trace();
  const auto recorded = server.recorded();
  EXPECT_EQ(find_secret(recorded, user, kProbePassword), "") << "client sent:\n" << recorded;
}

TEST_P(Plaintext, NoneWithAllowPlaintextIsOk) {
  const auto& alice = env().user("alice@localhost");
  const auto run = run_cli(test_args(alice.email, protocol(), no_tls(Security::none)) +
                               std::vector<std::string>{"--allow-plaintext"},
                           alice.password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "ok") << run.trace();
  EXPECT_EQ(run.result().value("security", ""), "none") << run.trace();
  const auto& result = run.result();
  EXPECT_TRUE(!result.contains("tls") || result["tls"].is_null() || result["tls"].empty())
      << "no TLS was used, yet: " << run.trace();
}

INSTANTIATE_TEST_SUITE_P(AllProtocols, Plaintext,
                         ::testing::Values(Protocol::imap, Protocol::pop3, Protocol::smtp),
                         [](const auto& test) { return std::string(to_string(test.param)); });

}  // namespace
}  // namespace mailassist::testing
