// Conversation tests for the edges of an SMTP session: an initial response too long for
// the AUTH line, and a session that stops after a reply it could not read.
#include <gtest/gtest.h>

#include "core/base64.hpp"
#include "protocols/smtp/smtp_client.hpp"
#include "tests/support/client_conversation.hpp"

namespace mailassist::smtp {
namespace {

using testing::Step;
using Conversation = testing::ClientConversation<SmtpClient, SmtpOptions>;

TEST(SmtpSession, AnInitialResponseTooLongForTheLineWaitsForTheEmptyChallenge) {
  sasl::Credentials credentials;
  credentials.username = "alice@example.test";
  credentials.oauth_token = "ya29." + std::string(600, 't');
  sasl::Exchange expected(sasl::Mechanism::xoauth2, credentials);
  Conversation c({{Step::server, "220 smtp.gmail.com ESMTP\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, "250-smtp.gmail.com\r\n250 AUTH XOAUTH2 PLAIN\r\n"},
                  {Step::client, "AUTH XOAUTH2\r\n"},
                  {Step::server, "334 \r\n"},
                  {Step::client, *expected.initial_response() + "\r\n"},
                  {Step::server, "235 2.7.0 Accepted\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  ASSERT_TRUE(c.client->login(credentials, {}, Deadline::never()));
  EXPECT_TRUE(c.stream->mismatches().empty());
  EXPECT_FALSE(c.trace_mentions(credentials.oauth_token));
}

TEST(SmtpSession, AReplyItCouldNotReadStopsTheSession) {
  Conversation c({{Step::server, "220 mail.example.test ESMTP\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, "250-mail.example.test\r\n251 SIZE 10\r\n"}});
  auto greeted = c.client->greet(Deadline::never());
  ASSERT_FALSE(greeted);
  EXPECT_EQ(greeted.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(greeted.error().message.find("(line 2, byte 0)"), std::string::npos)
      << greeted.error().message;
  auto written = c.stream->written().size();
  auto quit = c.client->quit(Deadline::never());
  ASSERT_FALSE(quit);
  EXPECT_NE(quit.error().message.find("no longer usable"), std::string::npos);
  EXPECT_EQ(c.stream->written().size(), written);
}

TEST(SmtpSession, AMechanismTooWeakIsRefusedWithTheServersWords) {
  Conversation c({{Step::server, "220 mail.example.test ESMTP\r\n"},
                  {Step::client, "EHLO localhost\r\n"},
                  {Step::server, "250-mail.example.test\r\n250 AUTH LOGIN\r\n"},
                  {Step::client, "AUTH LOGIN\r\n"},
                  {Step::server, "334 VXNlcm5hbWU6\r\n"},
                  {Step::client, base64_encode("alice@example.test") + "\r\n"},
                  {Step::server, "334 UGFzc3dvcmQ6\r\n"},
                  {Step::client, base64_encode("s3cret pass") + "\r\n"},
                  {Step::server,
                   "535-5.7.8 Username and Password not accepted. Learn more at\r\n"
                   "535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1sm123\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto login = c.login("alice@example.test", "s3cret pass");
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::auth_failed);
  EXPECT_NE(login.error().message.find("Username and Password not accepted"), std::string::npos);
  EXPECT_FALSE(c.trace_mentions(base64_encode("s3cret pass")));
  EXPECT_FALSE(c.trace_mentions("s3cret pass"));
}

}  // namespace
}  // namespace mailassist::smtp
