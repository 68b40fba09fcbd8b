// `mailassist test` logs in to a real Dovecot over implicit TLS and STARTTLS, for IMAP,
// POP3 and SMTP submission.
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "dovecot_environment.hpp"
#include "openssl_tool.hpp"
#include "protocol_params.hpp"

namespace mailassist::testing {
namespace {

const DovecotEnvironment& env() {
  return DovecotEnvironment::get();
}

class Login : public ::testing::TestWithParam<ProtocolAndTlsMode> {
 protected:
  Protocol protocol() const { return std::get<0>(GetParam()); }
  Security security() const { return std::get<1>(GetParam()); }
  std::string endpoint() const { return env().endpoint(HostKind::valid, protocol(), security()); }

  CliRun login(const TestUser& user, const std::string& password) const {
    return run_cli(test_args(user.email, protocol(), endpoint()) +
                       std::vector<std::string>{"--ca-file", env().ca_file.string()},
                   password);
  }
};

TEST_P(Login, RightPasswordIsOkAndReportsTheServerCertificate) {
  const auto& alice = env().user("alice@localhost");
  const auto run = login(alice, alice.password);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  const auto& result = run.result();
  EXPECT_EQ(result.value("result", ""), "ok") << run.trace();
  EXPECT_EQ(result.value("protocol", ""), to_string(protocol()));
  EXPECT_EQ(result.value("host", ""), env().host(HostKind::valid));
  EXPECT_EQ(result.value("port", 0), env().port(protocol(), security()));
  EXPECT_EQ(result.value("security", ""), to_string(security()));
  EXPECT_EQ(result.value("username", ""), alice.username);
  EXPECT_TRUE(result.contains("message")) << run.trace();
  EXPECT_TRUE(result.contains("ms") && result["ms"].is_number()) << run.trace();
  EXPECT_TRUE(result.contains("capabilities") && result["capabilities"].is_array());
  EXPECT_TRUE(result.contains("auth_mechanisms") && result["auth_mechanisms"].is_array());

  const auto tls = result.value("tls", nlohmann::json::object());
  EXPECT_EQ(tls.value("version", "").rfind("TLSv1.", 0), 0u) << run.trace();
  EXPECT_FALSE(tls.value("cipher", "").empty()) << run.trace();
  const auto certificate = tls.value("certificate", nlohmann::json::object());
  EXPECT_EQ(normalize_fingerprint(certificate.value("sha256", "")),
            sha256_fingerprint(env().certificate(HostKind::valid)))
      << run.trace();
  EXPECT_NE(certificate.value("subject", "").find("server"), std::string::npos) << run.trace();
  EXPECT_FALSE(certificate.value("issuer", "").empty()) << run.trace();
  EXPECT_NE(certificate.value("issuer", ""), certificate.value("subject", "")) << run.trace();
  EXPECT_FALSE(certificate.value("not_after", "").empty()) << run.trace();
}

TEST_P(Login, WrongPasswordIsAuthFailed) {
  const auto run = login(env().user("alice@localhost"), "not-alices-password");
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "auth-failed") << run.trace();
}

TEST_P(Login, PasswordWithSpacesQuotesBackslashBracesAndUtf8IsOk) {
  // Needs an IMAP literal (8-bit, "{3}" at the end), escaping in a quoted string, and
  // the whole line after POP3's PASS.
  const auto& carol = env().user("carol@localhost");
  const auto run = login(carol, carol.password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "ok") << run.trace();
}

TEST_P(Login, UsernameOptionIsUsedInsteadOfTheEmailAddress) {
  const auto& bob = env().user("bob@localhost");
  const auto run = run_cli(
      test_args("robert@example.test", protocol(), endpoint()) +
          std::vector<std::string>{"--ca-file", env().ca_file.string(), "--username", bob.username},
      bob.password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "ok") << run.trace();
  EXPECT_EQ(run.result().value("username", ""), bob.username) << run.trace();
}

TEST_P(Login, HostNameIsOkAgainstTheCertificatesDnsName) {
  // The other tests connect to addresses (IP SANs); here the DNS name is checked.
  const auto& alice = env().user("alice@localhost");
  const std::string endpoint = env().valid_hostname + ":" +
                               std::to_string(env().port(protocol(), security())) + "/" +
                               std::string(to_string(security()));
  const auto run = run_cli(test_args(alice.email, protocol(), endpoint) +
                               std::vector<std::string>{"--ca-file", env().ca_file.string()},
                           alice.password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(run.result().value("result", ""), "ok") << run.trace();
  EXPECT_EQ(run.result().value("host", ""), env().valid_hostname) << run.trace();
}

INSTANTIATE_TEST_SUITE_P(AllProtocols, Login, every_protocol_and_tls_mode(),
                         ProtocolAndTlsModeName());

}  // namespace
}  // namespace mailassist::testing
