// Conversation tests: the server's replies and the exact client transcript.
#include "protocols/pop3/pop3_client.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "tests/support/client_conversation.hpp"

namespace mailassist::pop3 {
namespace {

using testing::ScriptedStream;
using testing::Step;

constexpr const char* kCapaPlain = "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nSTLS\r\n.\r\n";
constexpr const char* kCapaTls = "+OK\r\nCAPA\r\nUSER\r\nUIDL\r\nSASL PLAIN LOGIN\r\n.\r\n";
constexpr const char* kCapaUserOnly = "+OK\r\nUSER\r\nUIDL\r\n.\r\n";

// The tests log in as alice@example.test unless they say otherwise.
struct Conversation : testing::ClientConversation<Pop3Client, Pop3Options> {
  using ClientConversation::ClientConversation;
  Result<void> login(const std::string& username = "alice@example.test",
                     const std::string& password = "s3cret pass") {
    return ClientConversation::login(username, password);
  }
};

TEST(Pop3Client, GreetsUpgradesWithStlsAndAsksForCapabilitiesAgain) {
  Conversation c({{Step::server, "+OK Dovecot ready.\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, kCapaPlain},
                  {Step::client, "STLS\r\n"},
                  {Step::server, "+OK Begin TLS negotiation now.\r\n"},
                  {Step::starttls, ""},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, kCapaTls}},
                 false);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  EXPECT_TRUE(c.client->auth_mechanisms().empty());
  ASSERT_TRUE(c.client->start_tls(Deadline::never()));
  EXPECT_EQ(c.client->auth_mechanisms(), (std::vector<std::string>{"PLAIN", "LOGIN"}));
  EXPECT_TRUE(c.stream->finished());
  EXPECT_TRUE(c.stream->mismatches().empty());
}

TEST(Pop3Client, StlsNotOfferedIsAnErrorAndNothingIsWritten) {
  Conversation c(
      {{Step::server, "+OK ready\r\n"}, {Step::client, "CAPA\r\n"}, {Step::server, kCapaUserOnly}},
      false);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto written = c.stream->written().size();
  auto upgraded = c.client->start_tls(Deadline::never());
  ASSERT_FALSE(upgraded);
  EXPECT_EQ(upgraded.error().kind, ErrorKind::starttls_unavailable);
  auto login = c.login();
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::plaintext_refused);
  EXPECT_EQ(c.stream->written().size(), written);
}

TEST(Pop3Client, UserPassWhenNoSaslMechanismIsShared) {
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, kCapaUserOnly},
                  {Step::client, "USER alice@example.test\r\n"},
                  {Step::server, "+OK\r\n"},
                  {Step::client, "PASS s3cret pass\r\n"},
                  {Step::server, "+OK Logged in.\r\n"},
                  {Step::client, "QUIT\r\n"},
                  {Step::server, "+OK Logging out.\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  ASSERT_TRUE(c.login());
  ASSERT_TRUE(c.client->quit(Deadline::never()));
  EXPECT_TRUE(c.stream->mismatches().empty());
  EXPECT_FALSE(c.trace_mentions("s3cret pass"));
}

TEST(Pop3Client, ServersWithoutCapaStillLogInWithUserPass) {
  Conversation c({{Step::server, "+OK old server\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, "-ERR unknown command\r\n"},
                  {Step::client, "USER alice@example.test\r\n"},
                  {Step::server, "+OK\r\n"},
                  {Step::client, "PASS s3cret pass\r\n"},
                  {Step::server, "+OK\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  EXPECT_FALSE(c.client->capa_supported());
  ASSERT_TRUE(c.login());
}

TEST(Pop3Client, AuthPlainRidesOnTheAuthLine) {
  std::string ir = base64_encode(std::string("\0alice@example.test\0s3cret pass", 31));
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, kCapaTls},
                  {Step::client, "AUTH PLAIN " + ir + "\r\n"},
                  {Step::server, "+OK Logged in.\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  ASSERT_TRUE(c.login());
  EXPECT_FALSE(c.trace_mentions(ir));
  EXPECT_FALSE(c.trace_mentions("s3cret pass"));
}

TEST(Pop3Client, AuthLoginAnswersTheChallenges) {
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, "+OK\r\nSASL LOGIN\r\n.\r\n"},
                  {Step::client, "AUTH LOGIN\r\n"},
                  {Step::server, "+ VXNlcm5hbWU6\r\n"},
                  {Step::client, base64_encode("alice@example.test") + "\r\n"},
                  {Step::server, "+ UGFzc3dvcmQ6\r\n"},
                  {Step::client, base64_encode("s3cret pass") + "\r\n"},
                  {Step::server, "+OK\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  ASSERT_TRUE(c.login());
  EXPECT_FALSE(c.trace_mentions(base64_encode("s3cret pass")));
}

TEST(Pop3Client, ApopUsesTheGreetingTimestampOnlyWhenAskedFor) {
  // RFC 1939 section 7's example: timestamp and secret give this digest.
  Pop3Options options;
  options.use_apop = true;
  Conversation c({{Step::server, "+OK POP3 server ready <1896.697170952@dbc.mtview.ca.us>\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, "-ERR\r\n"},
                  {Step::client, "APOP mrose c4c9334bac560ecc979e58001b3e22fb\r\n"},
                  {Step::server, "+OK maildrop has 1 message (369 octets)\r\n"}},
                 true, options);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  ASSERT_TRUE(c.login("mrose", "tanstaaf"));
  EXPECT_FALSE(c.trace_mentions("c4c9334bac560ecc979e58001b3e22fb"));
}

struct FailureRow {
  std::string name;
  std::string reply;
  ErrorKind kind;
  std::string message_part;
};

void PrintTo(const FailureRow& row, std::ostream* out) {
  *out << row.name;
}

class Pop3LoginFailure : public ::testing::TestWithParam<FailureRow> {};

TEST_P(Pop3LoginFailure, MapsToWhatTheUserCanDo) {
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, kCapaUserOnly},
                  {Step::client, "USER alice@example.test\r\n"},
                  {Step::server, "+OK\r\n"},
                  {Step::client, "PASS s3cret pass\r\n"},
                  {Step::server, GetParam().reply}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto login = c.login();
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, GetParam().kind) << login.error().message;
  EXPECT_NE(login.error().message.find(GetParam().message_part), std::string::npos)
      << login.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    ServerWords, Pop3LoginFailure,
    ::testing::Values(
        FailureRow{"wrong_password", "-ERR [AUTH] Authentication failed.\r\n",
                   ErrorKind::auth_failed, "Authentication failed"},
        FailureRow{
            "gmail_web_login",
            "-ERR [AUTH] Web login required: https://support.google.com/mail/answer/78754\r\n",
            ErrorKind::web_login_required, "Web login required"},
        FailureRow{"gmail_app_password", "-ERR [AUTH] Application-specific password required\r\n",
                   ErrorKind::app_password_required, "Application-specific"},
        FailureRow{"in_use", "-ERR [IN-USE] Mailbox locked\r\n", ErrorKind::protocol_error,
                   "in use"},
        FailureRow{"temporary", "-ERR [SYS/TEMP] Try later\r\n", ErrorKind::protocol_error,
                   "temporary"},
        FailureRow{"permanent", "-ERR [SYS/PERM] Account disabled\r\n", ErrorKind::protocol_error,
                   "contact the provider"},
        FailureRow{"login_delay", "-ERR [LOGIN-DELAY] wait\r\n", ErrorKind::protocol_error,
                   "only every so often"},
        FailureRow{"microsoft_bad_password",
                   "-ERR Logon failure: unknown user name or bad password.\r\n",
                   ErrorKind::auth_failed, "the server said: Logon failure"}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(Pop3Client, RetrUnstuffsDotsAndReadsUidl) {
  Conversation c(
      {{Step::server, "+OK ready\r\n"},
       {Step::client, "CAPA\r\n"},
       {Step::server, kCapaUserOnly},
       {Step::client, "UIDL\r\n"},
       {Step::server, "+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 QhdPYR:00WBw1Ph7x7\r\n.\r\n"},
       {Step::client, "RETR 1\r\n"},
       {Step::server, "+OK 40 octets\r\nSubject: dots\r\n\r\n..leading\r\n...\r\n.\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto uids = c.client->uidl(Deadline::never());
  ASSERT_TRUE(uids) << uids.error().message;
  ASSERT_EQ(uids->size(), 2u);
  EXPECT_EQ((*uids)[1].uid, "QhdPYR:00WBw1Ph7x7");
  auto message = c.client->retr(1, Deadline::never());
  ASSERT_TRUE(message) << message.error().message;
  EXPECT_EQ(*message, "Subject: dots\r\n\r\n.leading\r\n..\r\n");
}

}  // namespace
}  // namespace mailassist::pop3
