// `mailassist detect --verify`: logs in to what was found, incoming and outgoing, falling
// back through servers and user-name forms, with a bound on password attempts. The
// settings come from a preset written by the test, pointing at the fixture's Dovecot.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_runner.hpp"
#include "dovecot_environment.hpp"
#include "fake_server_process.hpp"

namespace mailassist::testing {
namespace {

const DovecotEnvironment& env() {
  return DovecotEnvironment::get();
}

// A preset for "localhost" whose first IMAP server is a closed port and whose user name
// form is the local part ("alice"), which the test Dovecot does not know: verification
// has to move on to the second server and to the full address.
std::filesystem::path write_preset(std::uint16_t closed_port) {
  auto dir = std::filesystem::path(::testing::TempDir()) / "verify-presets";
  std::filesystem::create_directories(dir);
  const auto host = env().valid_hostname;
  std::ofstream(dir / "localhost.xml")
      << "<clientConfig version=\"1.1\"><emailProvider id=\"localhost\">"
         "<domain>localhost</domain>"
         "<incomingServer type=\"imap\"><hostname>127.0.0.1</hostname><port>"
      << closed_port
      << "</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username>"
         "</incomingServer>"
         "<incomingServer type=\"imap\"><hostname>"
      << host << "</hostname><port>" << env().port(Protocol::imap, Security::tls)
      << "</port><socketType>SSL</socketType><username>%EMAILLOCALPART%</username>"
         "</incomingServer>"
         "<outgoingServer type=\"smtp\"><hostname>"
      << host << "</hostname><port>" << env().port(Protocol::smtp, Security::starttls)
      << "</port><socketType>STARTTLS</socketType><username>%EMAILLOCALPART%</username>"
         "</outgoingServer></emailProvider></clientConfig>";
  return dir;
}

std::vector<std::string> verify_args(const std::filesystem::path& presets) {
  return {"detect",           "alice@localhost", "--offline",
          "--providers-dir",  presets.string(),  "--verify",
          "--password-stdin", "--ca-file",       env().ca_file.string(),
          "--json",           "--timeout",       "20"};
}

TEST(DetectVerify, FallsBackThroughServersAndUserNamesUntilBothDirectionsLogIn) {
  ClosedPort closed;
  const auto& alice = env().user("alice@localhost");
  auto run = run_cli(verify_args(write_preset(closed.port())), alice.password);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_EQ((*run.json)["verified_config"], 0) << run.trace();
  const auto& verified = (*run.json)["configs"][0]["verified"];
  EXPECT_EQ(verified["incoming"]["result"], "ok") << run.trace();
  EXPECT_EQ(verified["outgoing"]["result"], "ok") << run.trace();
  const auto& attempts = verified["incoming"]["attempts"];
  ASSERT_EQ(attempts.size(), 3u) << run.trace();
  EXPECT_EQ(attempts[0]["result"], "unreachable");  // the closed port: no password sent
  EXPECT_EQ(attempts[1]["username"], "alice");
  EXPECT_EQ(attempts[1]["result"], "auth-failed");
  EXPECT_EQ(attempts[2]["username"], "alice@localhost");
  // Outgoing starts with the name that worked incoming: one attempt.
  ASSERT_EQ(verified["outgoing"]["attempts"].size(), 1u) << run.trace();
  EXPECT_EQ(verified["outgoing"]["attempts"][0]["username"], "alice@localhost");
  EXPECT_EQ((*run.json)["password_attempts"], 3);
}

TEST(DetectVerify, AWrongPasswordStopsWithinTheAttemptLimit) {
  ClosedPort closed;
  auto run = run_cli(verify_args(write_preset(closed.port())), "not-the-password");
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_TRUE((*run.json)["verified_config"].is_null());
  EXPECT_LE((*run.json)["password_attempts"].get<int>(), 4) << run.trace();
  EXPECT_EQ((*run.json)["configs"][0]["verified"]["incoming"]["result"], "auth-failed");
}

TEST(DetectVerify, WithoutAPasswordItIsAUsageError) {
  auto run = run_cli({"detect", "alice@gmail.com", "--offline", "--verify"}, std::nullopt);
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

}  // namespace
}  // namespace mailassist::testing
