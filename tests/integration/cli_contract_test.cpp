// The parts of the command line contract scripts rely on (DESIGN.md): one JSON document
// on stdout, one result per server in order, exit codes 0/1/2, and a -v trace on stderr
// that never shows a password.
#include <gtest/gtest.h>

#include <ostream>

#include "cli_runner.hpp"
#include "dovecot_environment.hpp"
#include "fake_server_process.hpp"
#include "secrets.hpp"

namespace mailassist::testing {
namespace {

const DovecotEnvironment& env() {
  return DovecotEnvironment::get();
}

std::vector<std::string> with_ca() {
  return {"--ca-file", env().ca_file.string()};
}

TEST(CliContract, JsonOutputIsExactlyOneDocumentWhenTheLoginWorks) {
  const auto& alice = env().user("alice@localhost");
  const auto run =
      run_cli(test_args(alice.email, Protocol::imap,
                        env().endpoint(HostKind::valid, Protocol::imap, Security::tls)) +
                  with_ca(),
              alice.password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json.has_value()) << run.trace();
  EXPECT_TRUE(run.json->is_object());
  EXPECT_EQ((*run.json)["results"].size(), 1u) << run.trace();
}

TEST(CliContract, JsonOutputIsExactlyOneDocumentWhenTheLoginFails) {
  const auto run =
      run_cli(test_args("alice@localhost", Protocol::smtp,
                        env().endpoint(HostKind::valid, Protocol::smtp, Security::tls)) +
                  with_ca(),
              "wrong");
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  ASSERT_TRUE(run.json.has_value()) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "auth-failed") << run.trace();
}

TEST(CliContract, EveryServerIsReportedInTheOrderGivenAndAllOkExitsZero) {
  const auto& alice = env().user("alice@localhost");
  const auto run =
      run_cli({"test", alice.email, "--imap",
               env().endpoint(HostKind::valid, Protocol::imap, Security::tls), "--pop3",
               env().endpoint(HostKind::valid, Protocol::pop3, Security::starttls), "--smtp",
               env().endpoint(HostKind::valid, Protocol::smtp, Security::starttls), "--ca-file",
               env().ca_file.string(), "--password-stdin", "--json", "--timeout", "20"},
              alice.password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json.has_value()) << run.trace();
  ASSERT_EQ((*run.json)["results"].size(), 3u) << run.trace();
  const char* protocols[] = {"imap", "pop3", "smtp"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(run.result(i).value("protocol", ""), protocols[i]) << run.trace();
    EXPECT_EQ(run.result(i).value("result", ""), "ok") << run.trace();
  }
}

TEST(CliContract, ResultsFollowTheCommandLineOrderAcrossOptions) {
  const auto& alice = env().user("alice@localhost");
  const auto run =
      run_cli({"test", alice.email, "--smtp",
               env().endpoint(HostKind::valid, Protocol::smtp, Security::starttls), "--imap",
               env().endpoint(HostKind::valid, Protocol::imap, Security::tls), "--pop3",
               env().endpoint(HostKind::valid, Protocol::pop3, Security::tls), "--smtp",
               env().endpoint(HostKind::valid, Protocol::smtp, Security::tls), "--ca-file",
               env().ca_file.string(), "--password-stdin", "--json", "--timeout", "20"},
              alice.password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  const auto& results = (*run.json)["results"];
  ASSERT_EQ(results.size(), 4u) << run.trace();
  const std::pair<const char*, const char*> expected[] = {
      {"smtp", "starttls"}, {"imap", "tls"}, {"pop3", "tls"}, {"smtp", "tls"}};
  for (std::size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i]["protocol"], expected[i].first) << i << "\n" << run.trace();
    EXPECT_EQ(results[i]["security"], expected[i].second) << i << "\n" << run.trace();
  }
}

TEST(CliContract, OneFailedServerAmongSeveralExitsOne) {
  const auto& alice = env().user("alice@localhost");
  ClosedPort closed;
  const auto run =
      run_cli({"test", alice.email, "--imap",
               env().endpoint(HostKind::valid, Protocol::imap, Security::tls), "--pop3",
               "127.0.0.1:" + std::to_string(closed.port()) + "/tls", "--ca-file",
               env().ca_file.string(), "--password-stdin", "--json", "--timeout", "20"},
              alice.password);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  ASSERT_TRUE(run.json.has_value()) << run.trace();
  ASSERT_EQ((*run.json)["results"].size(), 2u) << run.trace();
  EXPECT_EQ(run.result(0).value("result", ""), "ok") << run.trace();
  EXPECT_EQ(run.result(1).value("result", ""), "unreachable") << run.trace();
}

class VerboseTrace : public ::testing::TestWithParam<std::tuple<Protocol, Security, const char*>> {
};

TEST_P(VerboseTrace, GoesToStderrAndNeverShowsThePassword) {
  const auto& [protocol, security, email] = GetParam();
  const auto& user = env().user(email);
  const auto run =
      run_cli(test_args(user.email, protocol, env().endpoint(HostKind::valid, protocol, security)) +
                  std::vector<std::string>{"--ca-file", env().ca_file.string(), "-v"},
              user.password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_TRUE(run.json.has_value()) << "the trace must not reach stdout: " << run.trace();
  EXPECT_FALSE(run.process.err.empty()) << "no trace on stderr: " << run.trace();
  EXPECT_EQ(find_secret(run.process.err, user.username, user.password), "")
      << "the trace shows the password: " << run.trace();
  EXPECT_EQ(find_secret(run.process.out, user.username, user.password), "") << run.trace();
}

INSTANTIATE_TEST_SUITE_P(
    AllProtocols, VerboseTrace,
    ::testing::Combine(::testing::Values(Protocol::imap, Protocol::pop3, Protocol::smtp),
                       ::testing::Values(Security::tls, Security::starttls),
                       ::testing::Values("alice@localhost", "carol@localhost")),
    [](const auto& test) {
      std::string user = std::get<2>(test.param);
      return std::string(to_string(std::get<0>(test.param))) + "_" +
             std::string(to_string(std::get<1>(test.param))) + "_" + user.substr(0, user.find('@'));
    });

TEST(CliContract, NoServerIsAUsageError) {
  const auto run = run_cli({"test", "alice@localhost", "--password-stdin", "--json"}, "x");
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

TEST(CliContract, MissingEmailIsAUsageError) {
  const auto run = run_cli({"test", "--imap", "127.0.0.1:993/tls", "--password-stdin"}, "x");
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

TEST(CliContract, UnknownOptionIsAUsageError) {
  const auto run = run_cli({"test", "alice@localhost", "--imap", "127.0.0.1:993/tls",
                            "--password-stdin", "--no-such-option"},
                           "x");
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

struct BadSpec {
  const char* name;
  const char* spec;

  friend std::ostream& operator<<(std::ostream& out, const BadSpec& b) {
    return out << '"' << b.spec << '"';
  }
};

const BadSpec kBadSpecs[] = {
    {"unknown_security", "127.0.0.1:993/ssl"},
    {"port_too_big", "127.0.0.1:99999/tls"},
    {"port_zero", "127.0.0.1:0/tls"},
    {"port_not_a_number", "127.0.0.1:abc/tls"},
    {"no_host", ":993/tls"},
    {"empty", ""},
    {"empty_security", "127.0.0.1:993/"},
};

class MalformedServer : public ::testing::TestWithParam<std::tuple<Protocol, BadSpec>> {};

TEST_P(MalformedServer, IsAUsageError) {
  const auto& [protocol, bad] = GetParam();
  const auto run = run_cli({"test", "alice@localhost", "--" + std::string(to_string(protocol)),
                            bad.spec, "--password-stdin", "--json"},
                           "x");
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

INSTANTIATE_TEST_SUITE_P(BadSpecs, MalformedServer,
                         ::testing::Combine(::testing::Values(Protocol::imap, Protocol::pop3,
                                                              Protocol::smtp),
                                            ::testing::ValuesIn(kBadSpecs)),
                         [](const auto& test) {
                           return std::string(to_string(std::get<0>(test.param))) + "_" +
                                  std::get<1>(test.param).name;
                         });

}  // namespace
}  // namespace mailassist::testing
