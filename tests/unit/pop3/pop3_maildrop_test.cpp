// Conversation tests for the read-only commands migration uses (STAT, LIST, UIDL, RETR,
// TOP) and for how the session stays in step, or refuses to go on, after an error.
#include <gtest/gtest.h>

#include <algorithm>

#include "protocols/pop3/pop3_client.hpp"
#include "tests/support/client_conversation.hpp"

namespace mailassist::pop3 {
namespace {

using testing::Step;
using Conversation = testing::ClientConversation<Pop3Client, Pop3Options>;

// Greeting and CAPA; the tests then talk to a logged-in maildrop.
std::vector<Step> maildrop(std::vector<Step> rest) {
  std::vector<Step> script{{Step::server, "+OK Dovecot ready.\r\n"},
                           {Step::client, "CAPA\r\n"},
                           {Step::server, "+OK\r\nUSER\r\nUIDL\r\nTOP\r\n.\r\n"}};
  script.insert(script.end(), rest.begin(), rest.end());
  return script;
}

TEST(Pop3Maildrop, StatListAndUidl) {
  Conversation c(
      maildrop({{Step::client, "STAT\r\n"},
                {Step::server, "+OK 2 320\r\n"},
                {Step::client, "LIST\r\n"},
                {Step::server, "+OK 2 messages:\r\n1 120\r\n2 200\r\n.\r\n"},
                {Step::client, "UIDL\r\n"},
                {Step::server, "+OK\r\n1 whqtswO00WBw418f9t5JxYwZ\r\n2 Qh:00W\r\n.\r\n"}}));
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  EXPECT_EQ(*c.client->stat(Deadline::never()), (MaildropStat{2, 320}));
  EXPECT_EQ(*c.client->list(Deadline::never()), (std::vector<ListEntry>{{1, 120}, {2, 200}}));
  EXPECT_EQ(*c.client->uidl(Deadline::never()),
            (std::vector<UidEntry>{{1, "whqtswO00WBw418f9t5JxYwZ"}, {2, "Qh:00W"}}));
  EXPECT_TRUE(c.stream->finished());
  EXPECT_TRUE(c.stream->mismatches().empty());
}

TEST(Pop3Maildrop, RetrStreamsUnstuffedLinesAndKeepsTheBodyOutOfTheTrace) {
  Conversation c(maildrop({{Step::client, "RETR 2\r\n"},
                           {Step::server, "+OK\r\nSubject: secret plans\r\n\r\n..x\r\n.\r\n"}}));
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  std::vector<std::string> lines;
  ASSERT_TRUE(c.client->retr(
      2,
      [&](std::string_view line) -> Result<void> {
        lines.emplace_back(line);
        return ok();
      },
      Deadline::never()));
  EXPECT_EQ(lines, (std::vector<std::string>{"Subject: secret plans", "", ".x"}));
  EXPECT_FALSE(c.trace_mentions("secret plans"));
  EXPECT_TRUE(c.trace_mentions("(3 lines,"));
}

TEST(Pop3Maildrop, ATooLargeMessageIsAnErrorAndTheSessionGoesOn) {
  Pop3Options options;
  options.max_message_bytes = 10;
  Conversation c(maildrop({{Step::client, "RETR 1\r\n"},
                           {Step::server, "+OK\r\n0123456789\r\nmore\r\n.\r\n"},
                           {Step::client, "TOP 1 0\r\n"},
                           {Step::server, "+OK\r\nA: b\r\n\r\n.\r\n"}}),
                 true, options);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto message = c.client->retr(1, Deadline::never());
  ASSERT_FALSE(message);
  EXPECT_NE(message.error().message.find("larger than 10 bytes"), std::string::npos);
  EXPECT_EQ(*c.client->top(1, 0, Deadline::never()), "A: b\r\n\r\n");
  EXPECT_TRUE(c.stream->finished());
}

TEST(Pop3Maildrop, ARefusedCommandSaysWhatTheServerSaid) {
  Conversation c(
      maildrop({{Step::client, "RETR 9\r\n"}, {Step::server, "-ERR no such message\r\n"}}));
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto message = c.client->retr(9, Deadline::never());
  ASSERT_FALSE(message);
  EXPECT_EQ(message.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(message.error().message.find("RETR 9: no such message"), std::string::npos);
}

TEST(Pop3Maildrop, AnUnreadableReplyEndsTheSession) {
  Conversation c(
      maildrop({{Step::client, "STAT\r\n"}, {Step::server, "* OK this is not POP3\r\n"}}));
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto first = c.client->stat(Deadline::never());
  ASSERT_FALSE(first);
  EXPECT_NE(first.error().message.find("(line 1, byte 0)"), std::string::npos);
  auto written = c.stream->written().size();
  auto second = c.client->list(Deadline::never());
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("no longer usable"), std::string::npos);
  EXPECT_EQ(c.stream->written().size(), written);
}

TEST(Pop3Maildrop, ABadUniqueIdIsReportedWithItsLineAndTheListingIsReadToItsEnd) {
  Conversation c(maildrop({{Step::client, "UIDL\r\n"},
                           {Step::server, "+OK\r\n1 good\r\n2 bad id\r\n.\r\n"},
                           {Step::client, "STAT\r\n"},
                           {Step::server, "+OK 2 10\r\n"}}));
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto ids = c.client->uidl(Deadline::never());
  ASSERT_FALSE(ids);
  EXPECT_NE(ids.error().message.find("(line 3, byte 2)"), std::string::npos) << ids.error().message;
  EXPECT_TRUE(c.client->stat(Deadline::never()));
}

// Login paths the main conversation file does not cover.

TEST(Pop3Session, ARefusingGreetingSaysSoAndWritesNothing) {
  Conversation c({{Step::server, "-ERR [SYS/TEMP] too many connections\r\n"}});
  auto greeted = c.client->greet(Deadline::never());
  ASSERT_FALSE(greeted);
  EXPECT_EQ(greeted.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(greeted.error().message.find("refuses service"), std::string::npos);
  EXPECT_EQ(c.stream->written(), "");
}

TEST(Pop3Session, StlsRefusedIsStarttlsUnavailable) {
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, "+OK\r\nSTLS\r\n.\r\n"},
                  {Step::client, "STLS\r\n"},
                  {Step::server, "-ERR TLS support isn't enabled.\r\n"}},
                 false);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto tls = c.client->start_tls(Deadline::never());
  ASSERT_FALSE(tls);
  EXPECT_EQ(tls.error().kind, ErrorKind::starttls_unavailable);
  EXPECT_NE(tls.error().message.find("TLS support isn't enabled."), std::string::npos);
  EXPECT_FALSE(c.client->encrypted());
}

TEST(Pop3Session, ABadChallengeIsCancelledWithAStarAndTheSessionGoesOn) {
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, "+OK\r\nSASL LOGIN\r\n.\r\n"},
                  {Step::client, "AUTH LOGIN\r\n"},
                  {Step::server, "+ not base64!\r\n"},
                  {Step::client, "*\r\n"},
                  {Step::server, "-ERR [AUTH] Authentication aborted\r\n"},
                  {Step::client, "QUIT\r\n"},
                  {Step::server, "+OK Logging out.\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto login = c.login("alice@example.test", "s3cret pass");
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::protocol_error);
  EXPECT_TRUE(c.client->quit(Deadline::never()));
  EXPECT_TRUE(c.stream->mismatches().empty());
}

TEST(Pop3Session, NoUsableLoginMethodIsAuthUnsupportedWithNothingSent) {
  // Dovecot in the clear with disable_plaintext_auth: STLS, no USER, no mechanisms.
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, "+OK\r\nTOP\r\nUIDL\r\nSTLS\r\nSASL\r\n.\r\n"}},
                 false);
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  sasl::Credentials credentials;
  credentials.username = "alice@example.test";
  credentials.password = "s3cret pass";
  auto login = c.client->login(credentials, protocols::LoginPolicy{true}, Deadline::never());
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::auth_unsupported);
  EXPECT_NE(login.error().message.find("after STLS"), std::string::npos);
  EXPECT_EQ(c.stream->written(), "CAPA\r\n");
}

TEST(Pop3Session, CredentialsWithLineBreaksAreNeverSent) {
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, "+OK\r\nUSER\r\n.\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  auto login = c.login("alice@example.test", "x\r\nDELE 1");
  ASSERT_FALSE(login);
  EXPECT_EQ(login.error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(c.stream->written(), "CAPA\r\n");
}

TEST(Pop3Session, TheTraceShowsRedactedCommandsEvenWhenTheServerEchoesThePassword) {
  Conversation c({{Step::server, "+OK ready\r\n"},
                  {Step::client, "CAPA\r\n"},
                  {Step::server, "+OK\r\nUSER\r\n.\r\n"},
                  {Step::client, "USER alice@example.test\r\n"},
                  {Step::server, "+OK\r\n"},
                  {Step::client, "PASS s3cret pass\r\n"},
                  {Step::server, "-ERR [AUTH] s3cret pass is wrong\r\n"}});
  ASSERT_TRUE(c.client->greet(Deadline::never()));
  EXPECT_FALSE(c.login("alice@example.test", "s3cret pass"));
  EXPECT_FALSE(c.trace_mentions("s3cret pass"));
  EXPECT_NE(std::find(c.lines.begin(), c.lines.end(), "C: PASS <redacted>"), c.lines.end());
}

}  // namespace
}  // namespace mailassist::pop3
