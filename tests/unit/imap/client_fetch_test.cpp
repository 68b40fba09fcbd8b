// Conversations: the message index and one message's bytes (UID FETCH), ENABLE
// UTF8=ACCEPT and UTF-8 mailbox names, APPENDLIMIT from the capability and from STATUS.
#include <gtest/gtest.h>

#include "tests/unit/imap/conversation.hpp"

namespace mailassist::imap {
namespace {

using namespace std::chrono;

const std::string kSelect =
    "* 3 EXISTS\r\n* OK [UIDVALIDITY 1700000000] ok\r\nA1 OK [READ-WRITE] selected\r\n";
const std::string kIndexCommand =
    "A2 UID FETCH 1:* (UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])\r\n";

TEST(ImapMessageIndex, StreamsOneEntryPerMessage) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 SELECT INBOX\r\n"},
                  {Step::server, kSelect},
                  {Step::client, kIndexCommand},
                  {Step::server,
                   "* 1 FETCH (UID 5 RFC822.SIZE 2480 INTERNALDATE \"05-Mar-2024 09:15:00 +0700\" "
                   "BODY[HEADER.FIELDS (MESSAGE-ID)] {33}\r\nMessage-ID: <a1@example.test>\r\n"
                   "\r\n)\r\n"
                   "* 2 FETCH (UID 6 RFC822.SIZE 100 INTERNALDATE \" 1-Jan-2020 00:00:00 +0000\" "
                   "BODY[HEADER.FIELDS (MESSAGE-ID)] {39}\r\nMessage-Id:\r\n <folded@example.test>"
                   "\r\n\r\n)\r\n"
                   "* 3 FETCH (FLAGS (\\Seen))\r\n"
                   "* 3 FETCH (UID 9 RFC822.SIZE 7 INTERNALDATE \"01-Jan-2020 00:00:00 +0000\" "
                   "BODY[HEADER.FIELDS (MESSAGE-ID)] {2}\r\n\r\n)\r\n"
                   "A2 OK Fetch completed.\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  ASSERT_TRUE(c.client->select("INBOX", kNoDeadline));
  std::vector<MessageIndexEntry> entries;
  auto done = c.client->fetch_message_index(
      [&](const MessageIndexEntry& e) { entries.push_back(e); }, kNoDeadline);
  ASSERT_TRUE(done) << done.error().message;
  ASSERT_EQ(entries.size(), 3u);  // the unsolicited FLAGS update is not an entry
  EXPECT_EQ(entries[0].uid, 5u);
  EXPECT_EQ(entries[0].size, 2480u);
  ASSERT_TRUE(entries[0].internal_date);
  EXPECT_EQ(entries[0].internal_date->time,
            sys_days{year{2024} / March / 5} + hours{2} + minutes{15});
  EXPECT_EQ(entries[0].message_id, "<a1@example.test>");
  EXPECT_EQ(entries[1].message_id, "<folded@example.test>");
  EXPECT_EQ(entries[2].uid, 9u);
  EXPECT_EQ(entries[2].message_id, "");
  EXPECT_TRUE(c.script_done());
}

TEST(ImapMessageIndex, AMalformedEntryFailsTheIndex) {
  // An index with a hole would let a duplicate through: it is refused whole.
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 SELECT INBOX\r\n"},
                  {Step::server, kSelect},
                  {Step::client, kIndexCommand},
                  {Step::server,
                   "* 1 FETCH (UID 5 RFC822.SIZE lots)\r\n"
                   "* 2 FETCH (UID 6 RFC822.SIZE 1)\r\nA2 OK done\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  ASSERT_TRUE(c.client->select("INBOX", kNoDeadline));
  int entries = 0;
  auto done =
      c.client->fetch_message_index([&](const MessageIndexEntry&) { ++entries; }, kNoDeadline);
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::protocol_error);
  EXPECT_EQ(c.client->in_flight(), 0u);
}

TEST(ImapMessageIndex, AnEmptyMailboxIsNotAsked) {
  // Until a message arrives: then EXISTS says so and the index is fetched.
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"},
                  {Step::client, "A1 SELECT Arsip\r\n"},
                  {Step::server, "* 0 EXISTS\r\nA1 OK [READ-WRITE] selected\r\n"},
                  {Step::client, "A2 APPEND Arsip {5+}\r\nx\r\n\r\n\r\n"},
                  {Step::server, "* 1 EXISTS\r\nA2 OK appended\r\n"},
                  {Step::client,
                   "A3 UID FETCH 1:* (UID RFC822.SIZE INTERNALDATE "
                   "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])\r\n"},
                  {Step::server, "* 1 FETCH (UID 1 RFC822.SIZE 5)\r\nA3 OK done\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  ASSERT_TRUE(c.client->select("Arsip", kNoDeadline));
  int entries = 0;
  auto count = [&](const MessageIndexEntry&) { ++entries; };
  ASSERT_TRUE(c.client->fetch_message_index(count, kNoDeadline));
  EXPECT_EQ(entries, 0);
  AppendRequest one;
  one.message = "x\r\n\r\n";
  ASSERT_TRUE(c.client->append("Arsip", one, kNoDeadline));
  ASSERT_TRUE(c.client->fetch_message_index(count, kNoDeadline));
  EXPECT_EQ(entries, 1);
  EXPECT_TRUE(c.script_done());
}

TEST(ImapMessageIndex, NeedsASelectedMailbox) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto done = c.client->fetch_message_index([](const MessageIndexEntry&) {}, kNoDeadline);
  ASSERT_FALSE(done);
  EXPECT_EQ(c.stream->written(), "");
}

TEST(ImapFetchMessage, GivesTheBodyOfThatUidOnly) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 SELECT INBOX\r\n"},
                  {Step::server, kSelect},
                  {Step::client, "A2 UID FETCH 6 (UID BODY.PEEK[]<0.1048576>)\r\n"},
                  {Step::server,
                   "* 1 FETCH (UID 5 FLAGS (\\Seen))\r\n"
                   "* 2 FETCH (UID 6 BODY[]<0> {12}\r\nSubject: x\r\n)\r\nA2 OK done\r\n"},
                  {Step::client, "A3 UID FETCH 99 (UID BODY.PEEK[]<0.1048576>)\r\n"},
                  {Step::server, "A3 OK done\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  ASSERT_TRUE(c.client->select("INBOX", kNoDeadline));
  std::string body;
  auto found = c.client->fetch_message(
      6,
      [&](std::string_view bytes) -> Result<void> {
        body += bytes;
        return ok();
      },
      kNoDeadline);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(*found);
  EXPECT_EQ(body, "Subject: x\r\n");
  auto missing = c.client->fetch_message(
      99, [](std::string_view) -> Result<void> { return ok(); }, kNoDeadline);
  ASSERT_TRUE(missing);
  EXPECT_FALSE(*missing);
  EXPECT_TRUE(c.script_done());
}

TEST(ImapFetchMessage, ComesInPartialFetchesOfTheChunkSize) {
  ClientOptions options;
  options.fetch_chunk = 8;
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 SELECT INBOX\r\n"},
                  {Step::server, kSelect},
                  {Step::client, "A2 UID FETCH 6 (UID BODY.PEEK[]<0.8>)\r\n"},
                  {Step::server, "* 2 FETCH (UID 6 BODY[]<0> {8}\r\nSubject:)\r\nA2 OK done\r\n"},
                  {Step::client, "A3 UID FETCH 6 (UID BODY.PEEK[]<8.8>)\r\n"},
                  {Step::server, "* 2 FETCH (UID 6 BODY[]<8> \" x\\\\yzzzz\")\r\nA3 OK done\r\n"},
                  {Step::client, "A4 UID FETCH 6 (UID BODY.PEEK[]<16.8>)\r\n"},
                  {Step::server, "* 2 FETCH (UID 6 BODY[]<16> \"\")\r\nA4 OK done\r\n"}},
                 options);
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  ASSERT_TRUE(c.client->select("INBOX", kNoDeadline));
  std::vector<std::string> pieces;
  auto found = c.client->fetch_message(
      6,
      [&](std::string_view bytes) -> Result<void> {
        pieces.emplace_back(bytes);
        return ok();
      },
      kNoDeadline);
  ASSERT_TRUE(found) << found.error().message;
  EXPECT_TRUE(*found);
  EXPECT_EQ(pieces, (std::vector<std::string>{"Subject:", " x\\yzzzz"}));
  EXPECT_TRUE(c.script_done());
}

TEST(ImapFetchMessage, MoreThanAskedForIsAProtocolError) {
  ClientOptions options;
  options.fetch_chunk = 4;
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1] ready\r\n"},
                  {Step::client, "A1 SELECT INBOX\r\n"},
                  {Step::server, kSelect},
                  {Step::client, "A2 UID FETCH 6 (UID BODY.PEEK[]<0.4>)\r\n"},
                  {Step::server, "* 2 FETCH (UID 6 BODY[]<0> {8}\r\nSubject:)\r\nA2 OK done\r\n"}},
                 options);
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  ASSERT_TRUE(c.client->select("INBOX", kNoDeadline));
  auto found = c.client->fetch_message(
      6, [](std::string_view) -> Result<void> { return ok(); }, kNoDeadline);
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().kind, ErrorKind::protocol_error);
}

TEST(ImapUtf8Accept, EnabledNamesGoAsQuotedUtf8) {
  Conversation c(
      {{Step::server, "* PREAUTH [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT LITERAL+] hi\r\n"},
       {Step::client, "A1 ENABLE UTF8=ACCEPT\r\n"},
       {Step::server, "* ENABLED UTF8=ACCEPT\r\nA1 OK Enabled\r\n"},
       {Step::client, "A2 CREATE \"Kerja & Proyek/Tok\xC3\xB3\"\r\n"},
       {Step::server, "A2 OK created\r\n"},
       {Step::client, "A3 LIST \"\" \"*\"\r\n"},
       {Step::server,
        "* LIST () \"/\" \"Kerja & Proyek/Tok\xC3\xB3\"\r\n* LIST () \"/\" \"A&-B\"\r\n"
        "A3 OK done\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto enabled = c.client->enable_utf8(kNoDeadline);
  ASSERT_TRUE(enabled) << enabled.error().message;
  EXPECT_TRUE(*enabled);
  EXPECT_TRUE(c.client->utf8_enabled());
  ASSERT_TRUE(c.client->create("Kerja & Proyek/Tok\xC3\xB3", kNoDeadline));
  auto listed = c.client->list("", "*", kNoDeadline);
  ASSERT_TRUE(listed) << listed.error().message;
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "Kerja & Proyek/Tok\xC3\xB3");
  EXPECT_EQ((*listed)[1].name, "A&-B");  // UTF-8 now: not decoded as modified UTF-7
  EXPECT_TRUE(c.script_done());
}

TEST(ImapUtf8Accept, NotOfferedSendsNothingAndKeepsModifiedUtf7) {
  Conversation c({{Step::server, "* PREAUTH [CAPABILITY IMAP4rev1 ENABLE] hi\r\n"},
                  {Step::client, "A1 CREATE Tok&APM-\r\n"},
                  {Step::server, "A1 OK created\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto enabled = c.client->enable_utf8(kNoDeadline);
  ASSERT_TRUE(enabled);
  EXPECT_FALSE(*enabled);
  ASSERT_TRUE(c.client->create("Tok\xC3\xB3", kNoDeadline));
  EXPECT_TRUE(c.script_done());
}

TEST(ImapUtf8Accept, OnlyWhatEnabledListsIsOn) {
  Conversation c({{Step::server, "* PREAUTH [CAPABILITY IMAP4rev1 ENABLE UTF8=ACCEPT] hi\r\n"},
                  {Step::client, "A1 ENABLE UTF8=ACCEPT\r\n"},
                  {Step::server, "A1 OK nothing enabled\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  auto enabled = c.client->enable_utf8(kNoDeadline);
  ASSERT_TRUE(enabled);
  EXPECT_FALSE(*enabled);
  EXPECT_FALSE(c.client->utf8_enabled());
}

TEST(ImapAppendLimit, ServerWideFromTheCapabilityWithoutAsking) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 APPENDLIMIT=35651584] ready\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  EXPECT_EQ(c.client->append_limit(), 35651584u);
  auto limit = c.client->mailbox_append_limit("INBOX", kNoDeadline);
  ASSERT_TRUE(limit);
  EXPECT_EQ(*limit, 35651584u);
  EXPECT_EQ(c.stream->written(), "");
}

TEST(ImapAppendLimit, PerMailboxFromStatus) {
  Conversation c({{Step::server, "* OK [CAPABILITY IMAP4rev1 APPENDLIMIT] ready\r\n"},
                  {Step::client, "A1 STATUS Arsip (APPENDLIMIT)\r\n"},
                  {Step::server, "* STATUS Arsip (APPENDLIMIT 1048576)\r\nA1 OK done\r\n"},
                  {Step::client, "A2 STATUS INBOX (APPENDLIMIT)\r\n"},
                  {Step::server, "* STATUS INBOX (APPENDLIMIT NIL)\r\nA2 OK done\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  EXPECT_FALSE(c.client->append_limit());
  auto arsip = c.client->mailbox_append_limit("Arsip", kNoDeadline);
  ASSERT_TRUE(arsip) << arsip.error().message;
  EXPECT_EQ(*arsip, 1048576u);
  auto inbox = c.client->mailbox_append_limit("INBOX", kNoDeadline);
  ASSERT_TRUE(inbox);
  EXPECT_FALSE(*inbox);
  EXPECT_TRUE(c.script_done());
}

TEST(ImapAppendLimit, AnAbsurdCapabilityValueIsNoLimit) {
  Conversation c(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 APPENDLIMIT=99999999999999999999999] hi\r\n"}});
  ASSERT_TRUE(c.client->greet(kNoDeadline));
  EXPECT_FALSE(c.client->append_limit());
}

}  // namespace
}  // namespace mailassist::imap
