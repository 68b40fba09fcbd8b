// Conversation tests: the server's replies and the exact client transcript.
#include "protocols/smtp/smtp_client.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "tests/support/client_conversation.hpp"

namespace mailassist::smtp {
namespace {

using testing::ScriptedStream;
using testing::Step;

constexpr const char* kEhloPlain =
    "250-mail.example.test\r\n250-PIPELINING\r\n250-STARTTLS\r\n250 SIZE 1000\r\n";
constexpr const char* kEhloTls =
    "250-mail.example.test\r\n250-AUTH PLAIN LOGIN\r\n250 ENHANCEDSTATUSCODES\r\n";

// The tests log in as alice@example.test; `password` varies.
struct Conversation : testing::ClientConversation<SmtpClient, SmtpOptions> {
  using ClientConversation::ClientConversation;
  Result<void> login(const std::string& password = "s3cret pass") {
    return ClientConversation::login("alice@example.test", password);
  }
};

TEST(SmtpClient, GreetsUpgradesWithStarttlsAndAsksForCapabilitiesAgain) {
  Conversation c({{Step::server, "220 mail.example.test ESMTP\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, kEhloPlain},
                  {Step::client, "STARTTLS\r\n"},
                  {Step::server, "220 2.0.0 Ready to start TLS\r\n"},
                  {Step::starttls, ""},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, kEhloTls}},
                 false);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  EXPECT_TRUE(c.client->auth_mechanisms().empty());
  ASSERT_TRUE(c.client->start_tls(Deadline::never()));
  EXPECT_EQ(c.client->auth_mechanisms(), (std::vector<std::string>{"PLAIN", "LOGIN"}));
  EXPECT_FALSE(c.client->ehlo().starttls);
  EXPECT_TRUE(c.stream->finished());
  EXPECT_TRUE(c.stream->mismatches().empty());
}

TEST(SmtpClient, StarttlsNotOfferedIsAnErrorAndNothingIsWritten) {
  Conversation c({{Step::server, "220 ready\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, "250-mail\r\n250 AUTH PLAIN\r\n"}},
                 false);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto written = c.stream->written().size();
  auto upgraded = c.client->start_tls(Deadline::never());
  ASSERT_FALSE(upgraded);
  EXPECT_EQ(upgraded.error().kind, ErrorKind::starttls_unavailable);
  EXPECT_EQ(c.stream->written().size(), written);
  // And the login refuses on its own over the clear connection.
  auto login = c.login();
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::plaintext_refused);
  EXPECT_EQ(c.stream->written().size(), written);
}

TEST(SmtpClient, FallsBackToHeloWhenEhloIsUnknown) {
  Conversation c({{Step::server, "220 old\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, "502 5.5.1 Unrecognized command\r\n"},
                  {Step::client, "HELO localhost\r\n"},
                  {Step::server, "250 old\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  EXPECT_TRUE(c.client->capabilities().empty());
}

TEST(SmtpClient, A554GreetingSaysTheServerRefusesService) {
  Conversation c({{Step::server, "554 5.7.1 No SMTP service here\r\n"}});
  auto greeted = c.client->greet(Deadline::never());
  ASSERT_FALSE(greeted);
  EXPECT_NE(greeted.error().message.find("refuses service"), std::string::npos);
}

TEST(SmtpClient, AuthPlainSendsTheInitialResponseOnTheAuthLine) {
  std::string ir = base64_encode(std::string("\0alice@example.test\0s3cret pass", 31));
  Conversation c({{Step::server, "220 ready\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, kEhloTls},
                  {Step::client, "AUTH PLAIN " + ir + "\r\n"},
                  {Step::server, "235 2.7.0 Authentication successful\r\n"},
                  {Step::client, "QUIT\r\n"},
                  {Step::server, "221 2.0.0 Bye\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  ASSERT_TRUE(c.login());
  ASSERT_TRUE(c.client->quit(Deadline::never()));
  EXPECT_TRUE(c.stream->mismatches().empty());
  EXPECT_FALSE(c.trace_mentions(ir));
  EXPECT_FALSE(c.trace_mentions("s3cret pass"));
}

TEST(SmtpClient, AuthLoginAnswersTheChallengesInOrder) {
  Conversation c({{Step::server, "220 ready\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, "250-mail\r\n250 AUTH LOGIN\r\n"},
                  {Step::client, "AUTH LOGIN\r\n"},
                  {Step::server, "334 VXNlcm5hbWU6\r\n"},
                  {Step::client, base64_encode("alice@example.test") + "\r\n"},
                  {Step::server, "334 UGFzc3dvcmQ6\r\n"},
                  {Step::client, base64_encode("s3cret pass") + "\r\n"},
                  {Step::server, "235 ok\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  ASSERT_TRUE(c.login());
  EXPECT_FALSE(c.trace_mentions(base64_encode("s3cret pass")));
}

struct FailureRow {
  std::string name;
  std::string reply;
  ErrorKind kind;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const FailureRow& row, std::ostream* out) {
  *out << row.name;
}

class SmtpLoginFailure : public ::testing::TestWithParam<FailureRow> {};

TEST_P(SmtpLoginFailure, MapsToTheCategoryTheUserCanActOn) {
  std::string ir = base64_encode(std::string("\0alice@example.test\0s3cret pass", 31));
  Conversation c({{Step::server, "220 ready\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, kEhloTls},
                  {Step::client, "AUTH PLAIN " + ir + "\r\n"},
                  {Step::server, GetParam().reply}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto login = c.login();
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, GetParam().kind) << login.error().message;
  EXPECT_NE(login.error().message.find("the server said"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    ServerWords, SmtpLoginFailure,
    ::testing::Values(
        FailureRow{"wrong_password",
                   "535-5.7.8 Username and Password not accepted. Learn more at\r\n"
                   "535 5.7.8  https://support.google.com/mail/?p=BadCredentials\r\n",
                   ErrorKind::auth_failed},
        FailureRow{"gmail_app_password",
                   "534-5.7.9 Application-specific password required. Learn more at\r\n"
                   "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor\r\n",
                   ErrorKind::app_password_required},
        FailureRow{"gmail_web_login",
                   "534-5.7.14 <https://accounts.google.com/signin/continue?x> Please log in "
                   "via your web browser and\r\n534 5.7.14 then try again.\r\n",
                   ErrorKind::web_login_required},
        FailureRow{"encryption_required", "538 5.7.11 Encryption required\r\n",
                   ErrorKind::plaintext_refused},
        FailureRow{"temporary", "454 4.7.0 Temporary authentication failure\r\n",
                   ErrorKind::protocol_error}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(SmtpClient, NoAuthOnTheConnectionSaysSo) {
  Conversation c({{Step::server, "220 ready\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, "250 mail\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto login = c.login();
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::auth_unsupported);
}

TEST(SmtpClient, ACredentialWithALineBreakIsNeverSent) {
  Conversation c({{Step::server, "220 ready\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, kEhloTls}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto login = c.login("pass\r\nRSET");
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::invalid_input);
}

TEST(SmtpClient, EndlessChallengesAreCutOff) {
  std::vector<Step> script{{Step::server, "220 ready\r\n"},
                           {Step::client, "EHLO localhost\r\n"},
                           {Step::server, "250-mail\r\n250 AUTH LOGIN\r\n"},
                           {Step::client, "AUTH LOGIN\r\n"},
                           {Step::server, "334 VXNlcm5hbWU6\r\n"},
                           {Step::client, base64_encode("alice@example.test") + "\r\n"},
                           {Step::server, "334 UGFzc3dvcmQ6\r\n"},
                           {Step::client, base64_encode("s3cret pass") + "\r\n"},
                           {Step::server, "334 TW9yZT8=\r\n"},
                           {Step::client, "*\r\n"},
                           {Step::server, "501 cancelled\r\n"}};
  Conversation c(script);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto login = c.login();
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::protocol_error);
  EXPECT_TRUE(c.stream->mismatches().empty());
}

}  // namespace
}  // namespace mailassist::smtp
