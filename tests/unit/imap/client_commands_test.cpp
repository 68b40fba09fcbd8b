// Conversations: ID, LIST, SELECT, APPEND, CREATE, and pipelined commands.
#include <gtest/gtest.h>

#include "tests/unit/imap/conversation.hpp"

namespace mailassist::imap {
namespace {

using namespace std::chrono;

const std::string kMessage =
    "From: alice@example.test\r\nSubject: Rapat\r\n\r\nSampai jumpa besok.\r\n";

AppendRequest seen_message() {
  AppendRequest r;
  r.flags = {"\\Seen"};
  r.date = InternalDate{sys_days{year{1996} / July / 17} + hours{9} + minutes{44} + seconds{25},
                        minutes{-7 * 60}};
  r.message = kMessage;
  return r;
}

std::string size_of(const std::string& s) {
  return std::to_string(s.size());
}

TEST(ImapCommands, AppendWithLiteralPlusSendsAtOnce) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] ready\r\n"},
                  {Step::client, "A1 APPEND INBOX (\\Seen) \"17-Jul-1996 02:44:25 -0700\" {" +
                                     size_of(kMessage) + "+}\r\n" + kMessage + "\r\n"},
                  {Step::server, "A1 OK [APPENDUID 38505 3955] APPEND completed\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto appended = c.client->append("inbox", seen_message(), kNoDeadline);
  ASSERT_TRUE(appended) << appended.error().message;
  EXPECT_EQ(appended->uid_validity, 38505u);
  EXPECT_EQ(appended->uid, 3955u);
  EXPECT_TRUE(c.script_done());
}

TEST(ImapCommands, AppendWithSynchronizingLiteralWaitsForTheGoAhead) {
  AppendRequest plain;
  plain.message = kMessage;
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 APPEND \"Kerja &- Proyek\" {" + size_of(kMessage) + "}\r\n"},
                  {Step::server, "+ Ready for literal data\r\n"},
                  {Step::client, kMessage + "\r\n"},
                  {Step::server, "A1 OK APPEND completed\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto appended = c.client->append("Kerja & Proyek", plain, kNoDeadline);
  ASSERT_TRUE(appended) << appended.error().message;
  EXPECT_FALSE(appended->uid);
  EXPECT_TRUE(c.script_done());
}

TEST(ImapCommands, AppendRefusedBeforeTheLiteralSendsNoBytes) {
  AppendRequest plain;
  plain.message = kMessage;
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 APPEND Arsip {" + size_of(kMessage) + "}\r\n"},
                  {Step::server, "A1 NO [TRYCREATE] Mailbox doesn't exist: Arsip\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto appended = c.client->append("Arsip", plain, kNoDeadline);
  ASSERT_FALSE(appended);
  EXPECT_NE(appended.error().message.find("[TRYCREATE]"), std::string::npos);
  EXPECT_EQ(c.stream->written(), "A1 APPEND Arsip {" + size_of(kMessage) + "}\r\n");
  EXPECT_EQ(c.client->in_flight(), 0u);
}

TEST(ImapCommands, AppendRefusesAFlagThatWouldBreakTheSyntax) {
  AppendRequest bad = seen_message();
  bad.flags = {"\\Seen) (x"};
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto appended = c.client->append("INBOX", bad, kNoDeadline);
  ASSERT_FALSE(appended);
  EXPECT_EQ(appended.error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(c.stream->written(), "");
}

TEST(ImapCommands, ListWithSpecialUse) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 SPECIAL-USE LIST-EXTENDED] ready\r\n"},
                  {Step::client, "A1 LIST \"\" \"*\" RETURN (SPECIAL-USE)\r\n"},
                  {Step::server,
                   "* LIST (\\HasNoChildren) \"/\" INBOX\r\n"
                   "* LIST (\\HasNoChildren \\Sent) \"/\" \"Terkirim\"\r\n"
                   "* LIST (\\HasNoChildren \\Trash) \"/\" {15}\r\nKerja &- Proyek\r\n"
                   "* LIST (\\Noselect \\HasChildren) \"/\" \"Tok&APM-\"\r\n"
                   "* LIST (\\HasNoChildren \\Junk) \"/\" Junk\r\n"
                   "* LIST (\\HasNoChildren) \"/\" \"&U,BTFw-\"\r\n"
                   "A1 OK List completed (0.001 + 0.000 secs).\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto listed = c.client->list("", "*", kNoDeadline);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 6u);
  const auto& m = *listed;
  EXPECT_EQ(m[0].name, "INBOX");
  EXPECT_EQ(m[1].special_use, SpecialUse::sent);
  EXPECT_EQ(m[2].name, "Kerja & Proyek");
  EXPECT_EQ(m[2].wire_name, "Kerja &- Proyek");
  EXPECT_EQ(m[2].special_use, SpecialUse::trash);
  EXPECT_EQ(m[3].name, "Tok\xC3\xB3");
  EXPECT_FALSE(m[3].selectable());
  EXPECT_TRUE(m[3].has_attribute("\\haschildren"));
  EXPECT_EQ(m[4].special_use, SpecialUse::junk);
  EXPECT_EQ(m[5].name, "\xE5\x8F\xB0\xE5\x8C\x97");
  EXPECT_EQ(m[5].delimiter, '/');
}

TEST(ImapCommands, ListWithoutSpecialUseReadsAttributesAnyway) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 LIST \"\" \"*\"\r\n"},
                  {Step::server,
                   "* LIST (\\HasNoChildren \\Drafts) \".\" Drafts\r\n"
                   "* LIST () NIL \"raw \xC3\xA9\"\r\nA1 OK done\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto listed = c.client->list("", "*", kNoDeadline);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].special_use, SpecialUse::drafts);
  // Not modified UTF-7: shown as sent.
  EXPECT_EQ((*listed)[1].name, "raw \xC3\xA9");
  EXPECT_FALSE((*listed)[1].delimiter);
}

TEST(ImapCommands, SelectCollectsTheMailboxState) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 SELECT INBOX\r\n"},
                  {Step::server,
                   "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"
                   "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"
                   "* 172 EXISTS\r\n* 1 RECENT\r\n"
                   "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"
                   "* OK [UIDNEXT 4392] Predicted next UID\r\n"
                   "A1 OK [READ-WRITE] SELECT completed\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto selected = c.client->select("INBOX", kNoDeadline);
  ASSERT_TRUE(selected) << selected.error().message;
  EXPECT_EQ(selected->exists, 172u);
  EXPECT_EQ(selected->recent, 1u);
  EXPECT_EQ(selected->uid_validity, 3857529045u);
  EXPECT_EQ(selected->uid_next, 4392u);
  EXPECT_EQ(selected->flags.size(), 5u);
  EXPECT_EQ(selected->permanent_flags.back(), "\\*");
  EXPECT_FALSE(selected->read_only);
  EXPECT_EQ(c.client->state(), SessionState::selected);
}

TEST(ImapCommands, CreateReportsAnExistingMailbox) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 CREATE Tok&APM-\r\n"},
                  {Step::server, "A1 OK done\r\n"},
                  {Step::client, "A2 CREATE Arsip\r\n"},
                  {Step::server, "A2 NO [ALREADYEXISTS] Mailbox already exists\r\n"},
                  {Step::client, "A3 CREATE \"a b\"\r\n"},
                  {Step::server, "A3 NO [NOPERM] Permission denied\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  EXPECT_EQ(*c.client->create("Tok\xC3\xB3", kNoDeadline), CreateOutcome::created);
  EXPECT_EQ(*c.client->create("Arsip", kNoDeadline), CreateOutcome::already_exists);
  auto refused = c.client->create("a b", kNoDeadline);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("[NOPERM] Permission denied"), std::string::npos);
}

TEST(ImapCommands, IdOnlyWhenAdvertised) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 ID] ready\r\n"},
                  {Step::client, "A1 ID (\"name\" \"MailAssist\" \"version\" \"0.1.0\")\r\n"},
                  {Step::server, "* ID (\"name\" \"Dovecot\")\r\nA1 OK ID completed.\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto id = c.client->id({{"name", "MailAssist"}, {"version", "0.1.0"}}, kNoDeadline);
  ASSERT_TRUE(id) << id.error().message;
  ASSERT_TRUE(*id);
  EXPECT_EQ((**id)[0].second, "Dovecot");

  Conversation quiet({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"}});
  ASSERT_TRUE(quiet.client->greet(kNoDeadline));
  auto none = quiet.client->id({}, kNoDeadline);
  ASSERT_TRUE(none);
  EXPECT_FALSE(*none);
  EXPECT_EQ(quiet.stream->written(), "");
}

TEST(ImapPipelining, CompletionsInAnotherOrderFindTheirCommands) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"},
                  {Step::client, "A1 CREATE Arsip\r\nA2 CREATE Terkirim\r\nA3 NOOP\r\n"},
                  {Step::server,
                   "* 4 EXISTS\r\nA3 OK NOOP completed\r\nA1 OK created\r\n"
                   "A2 NO [ALREADYEXISTS] exists\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto a1 = c.client->submit(Command("CREATE").astring("Arsip"), kNoDeadline);
  auto a2 = c.client->submit(Command("CREATE").astring("Terkirim"), kNoDeadline);
  auto a3 = c.client->submit(Command("NOOP"), kNoDeadline);
  ASSERT_TRUE(a1 && a2 && a3);
  EXPECT_EQ(c.client->in_flight(), 3u);

  std::vector<Response> untagged;
  auto second =
      c.client->wait_for(*a2, kNoDeadline, [&](const Response& r) { untagged.push_back(r); });
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(second->status.code->kind, CodeKind::alreadyexists);
  ASSERT_EQ(untagged.size(), 1u);
  EXPECT_EQ(std::get<ExistsData>(untagged[0]).count, 4u);

  auto first = c.client->wait_for(*a1, kNoDeadline);
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->ok());
  auto third = c.client->next_response(kNoDeadline);
  ASSERT_TRUE(third);
  EXPECT_EQ(std::get<TaggedStatus>(*third).tag, "A3");
  EXPECT_EQ(c.client->in_flight(), 0u);
  EXPECT_TRUE(c.script_done());
}

TEST(ImapPipelining, TheInFlightLimitHoldsBackTheNextCommand) {
  ClientOptions options;
  options.max_in_flight = 1;
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 NOOP\r\n"},
                  {Step::server, "* 1 EXISTS\r\nA1 OK\r\n"},
                  {Step::client, "A2 NOOP\r\n"},
                  {Step::server, "A2 OK\r\n"}},
                 options);
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto a1 = c.client->submit(Command("NOOP"), kNoDeadline);
  auto a2 = c.client->submit(Command("NOOP"), kNoDeadline);
  ASSERT_TRUE(a1 && a2);
  int exists = 0;
  auto first = c.client->wait_for(*a1, kNoDeadline, [&](const Response& r) {
    exists += std::holds_alternative<ExistsData>(r) ? 1 : 0;
  });
  ASSERT_TRUE(first);
  EXPECT_EQ(exists, 1);
  ASSERT_TRUE(c.client->wait_for(*a2, kNoDeadline));
  EXPECT_TRUE(c.script_done());
}

TEST(ImapPipelining, AnUnknownTagIsAProtocolError) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 NOOP\r\n"},
                  {Step::server, "A7 OK who?\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto done = c.client->execute(Command("NOOP"), kNoDeadline);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::protocol_error);
}

TEST(ImapPipelining, AHugeLiteralIsRefusedBeforeItIsRead) {
  ClientOptions options;
  options.limits.max_bytes = 4096;
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 NOOP\r\n"},
                  {Step::server, "* 1 FETCH (BODY[] {1000000000}\r\n"}},
                 options);
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto done = c.client->execute(Command("NOOP"), kNoDeadline);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(done.error().message.find("larger than 4096 bytes"), std::string::npos);
}

}  // namespace
}  // namespace mailassist::imap
