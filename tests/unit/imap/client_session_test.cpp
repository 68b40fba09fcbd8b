// Conversations: greeting, CAPABILITY, STARTTLS, login, logout.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "tests/unit/imap/conversation.hpp"

namespace mailassist::imap {
namespace {

using ::testing::Contains;
using ::testing::Not;

const std::string kDovecotGreeting =
    "* OK [CAPABILITY IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS "
    "LOGINDISABLED] Dovecot (Debian) ready.\r\n";

sasl::Credentials alice(std::string password = "s3cret!") {
  sasl::Credentials c;
  c.username = "alice";
  c.password = std::move(password);
  return c;
}

TEST(ImapSession, GreetingWithCapabilitiesSendsNothing) {
  Conversation c({{Step::server, kDovecotGreeting}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  EXPECT_EQ(c.stream->written(), "");
  EXPECT_EQ(c.client->state(), SessionState::not_authenticated);
  EXPECT_TRUE(c.client->has_capability("starttls"));
  EXPECT_TRUE(c.client->auth_mechanisms().empty());
  EXPECT_EQ(c.client->greeting()->text, "Dovecot (Debian) ready.");
}

TEST(ImapSession, GreetingWithoutCapabilitiesAsksForThem) {
  Conversation c({{Step::server, "* OK Gimap ready for requests from 198.51.100.7\r\n"},
                  {Step::client, "A1 CAPABILITY\r\n"},
                  {Step::server,
                   "* CAPABILITY IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN "
                   "X-GM-EXT-1 XYZZY SASL-IR AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN "
                   "AUTH=OAUTHBEARER AUTH=XOAUTH\r\nA1 OK Thats all she wrote! u8mb1lfr\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  EXPECT_TRUE(c.script_done());
  EXPECT_EQ(
      c.client->auth_mechanisms(),
      (std::vector<std::string>{"XOAUTH2", "PLAIN", "PLAIN-CLIENTTOKEN", "OAUTHBEARER", "XOAUTH"}));
}

TEST(ImapSession, ByeGreetingIsRefusal) {
  Conversation c({{Step::server, "* BYE Too many connections from your IP\r\n"}});
  auto greeted = c.client->greet(kNoDeadline);
  ASSERT_FALSE(greeted);
  EXPECT_EQ(greeted.error().kind, ErrorKind::unreachable);
  EXPECT_NE(greeted.error().message.find("Too many connections"), std::string::npos);
}

TEST(ImapSession, PreauthNeedsNoLogin) {
  Conversation c({{Step::server, "* PREAUTH [CAPABILITY IMAP4rev1] logged in as alice\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  EXPECT_EQ(c.client->state(), SessionState::authenticated);
  ASSERT_TRUE(c.client->login(alice(), plaintext_ok(), kNoDeadline));
  EXPECT_EQ(c.stream->written(), "");
}

TEST(ImapSession, StartTlsDiscardsWhatCameBeforeTheHandshake) {
  // A forged CAPABILITY right behind the OK must not survive the handshake.
  Conversation c({{Step::server, kDovecotGreeting},
                  {Step::client, "A1 STARTTLS\r\n"},
                  {Step::server,
                   "A1 OK Begin TLS negotiation now.\r\n* CAPABILITY IMAP4rev1 "
                   "AUTH=FORGED\r\n"},
                  {Step::starttls, ""},
                  {Step::client, "A2 CAPABILITY\r\n"},
                  {Step::server,
                   "* CAPABILITY IMAP4rev1 SASL-IR ID AUTH=PLAIN\r\n"
                   "A2 OK Pre-login capabilities listed, post-login capabilities "
                   "have more.\r\n"}},
                 ClientOptions{}, 4096);  // the forged line arrives with the OK
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto upgraded = c.client->start_tls(kNoDeadline);
  ASSERT_TRUE(upgraded) << upgraded.error().message;
  EXPECT_TRUE(c.client->encrypted());
  EXPECT_TRUE(c.script_done());
  EXPECT_EQ(c.client->auth_mechanisms(), std::vector<std::string>{"PLAIN"});
  EXPECT_FALSE(c.client->has_capability("STARTTLS"));
}

TEST(ImapSession, StartTlsNotOfferedWritesNothing) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] ready\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto upgraded = c.client->start_tls(kNoDeadline);
  ASSERT_FALSE(upgraded);
  EXPECT_EQ(upgraded.error().kind, ErrorKind::starttls_unavailable);
  EXPECT_EQ(c.stream->written(), "");
  EXPECT_FALSE(c.client->encrypted());
}

TEST(ImapSession, LoginSuccessTakesTheNewCapabilities) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"},
                  {Step::client, "A1 LOGIN \"alice\" \"s3cret!\"\r\n"},
                  {Step::server, "A1 OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] Logged in\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto logged_in = c.client->login(alice(), plaintext_ok(), kNoDeadline);
  ASSERT_TRUE(logged_in) << logged_in.error().message;
  EXPECT_EQ(c.client->state(), SessionState::authenticated);
  EXPECT_TRUE(c.client->has_capability("UIDPLUS"));
  EXPECT_TRUE(c.stream->mismatches().empty());
}

TEST(ImapSession, NoPasswordOverPlaintextWithoutConsent) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto logged_in = c.client->login(alice(), protocols::LoginPolicy{}, kNoDeadline);
  ASSERT_FALSE(logged_in);
  EXPECT_EQ(logged_in.error().kind, ErrorKind::plaintext_refused);
  EXPECT_EQ(c.stream->written(), "");
}

TEST(ImapSession, LoginDisabledIsPlaintextRefused) {
  Conversation c({{Step::server, kDovecotGreeting}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto logged_in = c.client->login(alice(), plaintext_ok(), kNoDeadline);
  ASSERT_FALSE(logged_in);
  EXPECT_EQ(logged_in.error().kind, ErrorKind::plaintext_refused);
  EXPECT_NE(logged_in.error().message.find("LOGINDISABLED"), std::string::npos);
  EXPECT_EQ(c.stream->written(), "");
}

TEST(ImapSession, AuthenticatePlainWithSaslIr) {
  std::string ir = base64_encode(std::string("\0alice\0s3cret!", 14));
  Conversation c(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=PLAIN AUTH=LOGIN] hi\r\n"},
       {Step::client, "A1 AUTHENTICATE PLAIN " + ir + "\r\n"},
       {Step::server, "A1 OK [CAPABILITY IMAP4rev1 UIDPLUS] Logged in\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto logged_in = c.client->login(alice(), plaintext_ok(), kNoDeadline);
  ASSERT_TRUE(logged_in) << logged_in.error().message;
  EXPECT_TRUE(c.script_done());
  EXPECT_THAT(c.lines, Contains("C: A1 AUTHENTICATE PLAIN <redacted>"));
}

TEST(ImapSession, AuthenticatePlainWaitsForTheGoAheadWithoutSaslIr) {
  std::string ir = base64_encode(std::string("\0alice\0s3cret!", 14));
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] hi\r\n"},
                  {Step::client, "A1 AUTHENTICATE PLAIN\r\n"},
                  {Step::server, "+ \r\n"},
                  {Step::client, ir + "\r\n"},
                  {Step::server, "A1 OK Logged in\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto logged_in = c.client->login(alice(), plaintext_ok(), kNoDeadline);
  ASSERT_TRUE(logged_in) << logged_in.error().message;
  EXPECT_TRUE(c.script_done());
}

TEST(ImapSession, AuthenticateLoginAnswersChallenges) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 AUTH=LOGIN] hi\r\n"},
                  {Step::client, "A1 AUTHENTICATE LOGIN\r\n"},
                  {Step::server, "+ VXNlcm5hbWU6\r\n"},
                  {Step::client, base64_encode("alice") + "\r\n"},
                  {Step::server, "+ UGFzc3dvcmQ6\r\n"},
                  {Step::client, base64_encode("s3cret!") + "\r\n"},
                  {Step::server, "A1 OK Logged in\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto logged_in = c.client->login(alice(), plaintext_ok(), kNoDeadline);
  ASSERT_TRUE(logged_in) << logged_in.error().message;
  EXPECT_TRUE(c.script_done());
}

TEST(ImapSession, OAuthErrorDocumentGetsTheDummyReply) {
  sasl::Credentials token;
  token.username = "alice@gmail.com";
  token.oauth_token = "ya29.token";
  sasl::Exchange exchange(sasl::Mechanism::xoauth2, token);
  std::string error_doc = R"({"status":"400","schemes":"Bearer"})";
  Conversation c(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 SASL-IR AUTH=XOAUTH2] hi\r\n"},
       {Step::client, "A1 AUTHENTICATE XOAUTH2 " + *exchange.initial_response() + "\r\n"},
       {Step::server, "+ " + base64_encode(error_doc) + "\r\n"},
       {Step::client, "\r\n"},
       {Step::server, "A1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto logged_in = c.client->login(token, plaintext_ok(), kNoDeadline);
  ASSERT_FALSE(logged_in);
  EXPECT_EQ(logged_in.error().kind, ErrorKind::auth_failed);
  EXPECT_NE(logged_in.error().message.find(error_doc), std::string::npos);
  EXPECT_TRUE(c.script_done());
}

struct GmailFailure {
  std::string name;
  std::string reply;
  ErrorKind kind;
};

void PrintTo(const GmailFailure& row, std::ostream* os) {
  *os << row.name;
}

class ImapGmailLoginFailure : public ::testing::TestWithParam<GmailFailure> {};

TEST_P(ImapGmailLoginFailure, MapsToTheAdviceCategory) {
  const auto& row = GetParam();
  std::string ir = base64_encode(std::string("\0alice\0s3cret!", 14));
  Conversation c({{Step::server, "* OK Gimap ready\r\n"},
                  {Step::client, "A1 CAPABILITY\r\n"},
                  {Step::server,
                   "* CAPABILITY IMAP4rev1 ID SASL-IR AUTH=XOAUTH2 AUTH=PLAIN\r\n"
                   "A1 OK done\r\n"},
                  {Step::client, "A2 AUTHENTICATE PLAIN " + ir + "\r\n"},
                  {Step::server, "A2 " + row.reply + "\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto logged_in = c.client->login(alice(), plaintext_ok(), kNoDeadline);
  ASSERT_FALSE(logged_in);
  EXPECT_EQ(logged_in.error().kind, row.kind) << logged_in.error().message;
  EXPECT_NE(logged_in.error().message.find("the server said: " +
                                           row.reply.substr(row.reply.find(' ') + 1)),
            std::string::npos)
      << logged_in.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, ImapGmailLoginFailure,
    ::testing::Values(
        GmailFailure{"AppPassword",
                     "NO [ALERT] Application-specific password required: "
                     "https://support.google.com/accounts/answer/185833 (Failure)",
                     ErrorKind::app_password_required},
        GmailFailure{"WebLogin",
                     "NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1&plt=AK]"
                     " Web login required.",
                     ErrorKind::web_login_required},
        GmailFailure{"ImapDisabled",
                     "NO [ALERT] Your account is not enabled for IMAP use. Please visit your "
                     "Gmail settings page and enable your account for IMAP access. (Failure)",
                     ErrorKind::imap_disabled},
        GmailFailure{"WrongPassword", "NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
                     ErrorKind::auth_failed},
        GmailFailure{"PlainNo", "NO Login failed", ErrorKind::auth_failed},
        GmailFailure{"Bad", "BAD Invalid SASL argument", ErrorKind::protocol_error}),
    [](const auto& row_info) { return row_info.param.name; });

TEST(ImapSession, PasswordNeverReachesTheTrace) {
  // A password with 8-bit bytes goes as a synchronizing literal after "+".
  std::string password = "p\xC3\xA4sswort!";
  Conversation c(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
       {Step::client, "A1 LOGIN \"alice\" {" + std::to_string(password.size()) + "}\r\n"},
       {Step::server, "+ Ready for literal data\r\n"},
       {Step::client, password + "\r\n"},
       {Step::server, "A1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n"},
       {Step::client, "A2 LOGIN \"alice\" \"s3cret!\"\r\n"},
       {Step::server, "A2 OK Logged in\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto first = c.client->login(alice(password), plaintext_ok(), kNoDeadline);
  ASSERT_FALSE(first);
  EXPECT_EQ(first.error().kind, ErrorKind::auth_failed);
  ASSERT_TRUE(c.client->login(alice(), plaintext_ok(), kNoDeadline));
  EXPECT_TRUE(c.script_done());
  auto traced = c.traced();
  EXPECT_EQ(traced.find(password), std::string::npos) << traced;
  EXPECT_EQ(traced.find("s3cret!"), std::string::npos) << traced;
  EXPECT_NE(traced.find("A1 LOGIN \"alice\" <redacted>"), std::string::npos) << traced;
  EXPECT_NE(traced.find("A2 LOGIN \"alice\" <redacted>"), std::string::npos) << traced;
}

TEST(ImapSession, LogoutReadsByeAndOk) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 LOGOUT\r\n"},
                  {Step::server, "* BYE Logging out\r\nA1 OK Logout completed.\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  ASSERT_TRUE(c.client->quit(kNoDeadline));
  EXPECT_EQ(c.client->state(), SessionState::logged_out);
  EXPECT_TRUE(c.script_done());
}

TEST(ImapSession, LogoutToleratesAClose) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 LOGOUT\r\n"},
                  {Step::server, "* BYE\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  EXPECT_TRUE(c.client->quit(kNoDeadline));
}

TEST(ImapSession, ACloseAfterByeSaysWhatTheServerSaid) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 NOOP\r\n"},
                  {Step::server, "* BYE [UNAVAILABLE] Shutting down for maintenance\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto done = c.client->execute(Command("NOOP"), kNoDeadline);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::connection_closed);
  EXPECT_NE(done.error().message.find("Shutting down for maintenance"), std::string::npos);
}

TEST(ImapSession, MalformedGreetingIsAProtocolError) {
  Conversation c({{Step::server, "* OK [UIDNEXT x] ready\r\n"}});
  auto greeted = c.client->greet(kNoDeadline);
  ASSERT_FALSE(greeted);
  EXPECT_EQ(greeted.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(greeted.error().message.find("at byte 14"), std::string::npos)
      << greeted.error().message;
}

}  // namespace
}  // namespace mailassist::imap
