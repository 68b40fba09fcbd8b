// Every certificate failure, on every protocol, over implicit TLS and STARTTLS alike:
// the right category, and a message that tells the user what is wrong.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <ostream>

#include "cli_runner.hpp"
#include "dovecot_environment.hpp"
#include "protocol_params.hpp"

namespace mailassist::testing {
namespace {

const DovecotEnvironment& env() {
  return DovecotEnvironment::get();
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

struct Failure {
  HostKind host;
  const char* result;
  std::vector<std::string> message_mentions_one_of;  // lower case; empty: no check

  friend std::ostream& operator<<(std::ostream& out, const Failure& f) { return out << f.host; }
};

const Failure kFailures[] = {
    {HostKind::wrong_name, "tls-hostname", {}},
    {HostKind::expired, "tls-certificate", {"expired"}},
    {HostKind::untrusted,
     "tls-certificate",
     {"not trusted", "untrusted", "unknown ca", "local issuer", "unable to verify"}},
    {HostKind::self_signed, "tls-certificate", {"self-signed", "self signed"}},
};

void expect_message_mentions(const CliRun& run, const std::vector<std::string>& words) {
  if (words.empty()) return;
  const auto message = lower(run.result().value("message", ""));
  EXPECT_TRUE(
      std::any_of(words.begin(), words.end(),
                  [&](const std::string& w) { return message.find(w) != std::string::npos; }))
      << "message should say why: " << run.trace();
}

class TlsFailure : public ::testing::TestWithParam<std::tuple<Failure, Protocol, Security>> {};

TEST_P(TlsFailure, IsReportedWithItsCategoryAndReason) {
  const auto& [failure, protocol, security] = GetParam();
  const auto& alice = env().user("alice@localhost");
  const auto run =
      run_cli(test_args(alice.email, protocol, env().endpoint(failure.host, protocol, security)) +
                  std::vector<std::string>{"--ca-file", env().ca_file.string()},
              alice.password);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), failure.result) << run.trace();
  expect_message_mentions(run, failure.message_mentions_one_of);
}

INSTANTIATE_TEST_SUITE_P(AllFailures, TlsFailure,
                         ::testing::Combine(::testing::ValuesIn(kFailures),
                                            ::testing::Values(Protocol::imap, Protocol::pop3,
                                                              Protocol::smtp),
                                            ::testing::Values(Security::tls, Security::starttls)),
                         [](const auto& test) {
                           return std::string(to_string(std::get<0>(test.param).host)) + "_" +
                                  std::string(to_string(std::get<1>(test.param))) + "_" +
                                  std::string(to_string(std::get<2>(test.param)));
                         });

class WithoutTestCa : public ::testing::TestWithParam<ProtocolAndTlsMode> {};

TEST_P(WithoutTestCa, ValidServerCertificateIsNotTrusted) {
  // The fixture's CA is in no system store: without --ca-file the chain cannot verify.
  const auto& [protocol, security] = GetParam();
  const auto& alice = env().user("alice@localhost");
  const auto run =
      run_cli(test_args(alice.email, protocol, env().endpoint(HostKind::valid, protocol, security)),
              alice.password);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "tls-certificate") << run.trace();
}

INSTANTIATE_TEST_SUITE_P(AllProtocols, WithoutTestCa, every_protocol_and_tls_mode(),
                         ProtocolAndTlsModeName());

}  // namespace
}  // namespace mailassist::testing
