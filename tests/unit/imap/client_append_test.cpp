// Conversations: streaming APPEND, MULTIAPPEND, APPENDUID uid-sets, APPENDLIMIT, literal
// modes, pipelined batches, and sources that end early.
#include <gtest/gtest.h>

#include <cstring>

#include "tests/unit/imap/conversation.hpp"

namespace mailassist::imap {
namespace {

using namespace std::chrono;

const std::string kRapat = "Subject: Rapat\r\n\r\nBesok jam 9.\r\n";
const std::string kCuti = "Subject: Cuti\r\n\r\nSaya cuti minggu depan.\r\n";
const std::string kLaporan = "Subject: Laporan\r\n\r\nTerlampir.\r\n";

// A message read from memory in pieces of at most `piece` bytes, counting the calls so a
// test can see the bytes were pulled in bounded chunks.
struct Source {
  std::string bytes;
  std::size_t piece = 1 << 20;
  std::size_t given = 0;
  std::size_t calls = 0;
  std::size_t largest_ask = 0;
  std::size_t stop_after = std::string::npos;  // pretend the file ends here
  bool fail = false;

  LiteralReader reader() {
    return [this](std::span<char> buffer) -> Result<std::size_t> {
      ++calls;
      largest_ask = std::max(largest_ask, buffer.size());
      if (fail && given > 0) return make_error(ErrorKind::io_error, "disk read failed");
      std::size_t end = std::min(bytes.size(), stop_after);
      std::size_t n = std::min({buffer.size(), piece, end - given});
      std::memcpy(buffer.data(), bytes.data() + given, n);
      given += n;
      return n;
    };
  }
};

StreamedMessage message(Source& source, std::vector<std::string> flags = {},
                        std::optional<InternalDate> date = std::nullopt) {
  StreamedMessage m;
  m.flags = std::move(flags);
  m.date = date;
  m.size = source.bytes.size();
  m.read = source.reader();
  return m;
}

std::string n(const std::string& s) {
  return std::to_string(s.size());
}

InternalDate jakarta_morning() {
  return InternalDate{sys_days{year{2024} / March / 5} + hours{2} + minutes{15}, minutes{7 * 60}};
}

// Greets, then hands `batch` to one append_messages call: what every batch test does
// between writing the server's script and reading the outcomes.
Result<AppendBatchResult> greet_and_append(Conversation& conv, std::string_view mailbox,
                                           std::vector<StreamedMessage> batch) {
  if (auto greeted = conv.client->greet(kNoDeadline); !greeted) return greeted.error();
  return conv.client->append_messages(mailbox, batch, kNoDeadline);
}

TEST(ImapAppendBatch, MultiappendWithLiteralPlusStreamsInBoundedChunks) {
  Source a{kRapat, 5}, b{kCuti}, c{kLaporan};
  ClientOptions options;
  options.write_chunk = 16;
  Conversation conv(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+ MULTIAPPEND UIDPLUS] ready\r\n"},
       {Step::client, "A1 APPEND INBOX (\\Seen $Forwarded) \"05-Mar-2024 09:15:00 +0700\" {" +
                          n(kRapat) + "+}\r\n" + kRapat + " {" + n(kCuti) + "+}\r\n" + kCuti +
                          " (\\Flagged) {" + n(kLaporan) + "+}\r\n" + kLaporan + "\r\n"},
       {Step::server, "A1 OK [APPENDUID 38505 5:7] Append completed.\r\n"}},
      options);
  auto done = greet_and_append(conv, "INBOX",
                               {message(a, {"\\Seen", "$Forwarded"}, jakarta_morning()), message(b),
                                message(c, {"\\Flagged"})});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->multiappend);
  ASSERT_EQ(done->outcomes.size(), 3u);
  for (std::uint32_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(done->outcomes[i].appended);
    EXPECT_EQ(done->outcomes[i].uid, 5 + i);
    EXPECT_EQ(done->outcomes[i].uid_validity, 38505u);
  }
  // Pulled in pieces no larger than the chunk: memory does not follow message size.
  EXPECT_LE(a.largest_ask, 16u);
  EXPECT_GE(a.calls, kRapat.size() / 5);
  EXPECT_TRUE(conv.script_done());
}

TEST(ImapAppendBatch, WithoutMultiappendEachMessageIsItsOwnPipelinedCommand) {
  Source a{kRapat}, b{kCuti};
  Conversation conv(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] ready\r\n"},
       {Step::client, "A1 APPEND Arsip {" + n(kRapat) + "+}\r\n" + kRapat +
                          "\r\nA2 APPEND Arsip {" + n(kCuti) + "+}\r\n" + kCuti + "\r\n"},
       {Step::server,
        "A2 OK [APPENDUID 9 12] done\r\n"
        "A1 NO [OVERQUOTA] Quota exceeded (mailbox for user is full)\r\n"}});
  auto done = greet_and_append(conv, "Arsip", {message(a), message(b)});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_FALSE(done->multiappend);
  EXPECT_FALSE(done->outcomes[0].appended);
  EXPECT_NE(done->outcomes[0].refusal.find("Quota exceeded"), std::string::npos);
  ASSERT_TRUE(done->outcomes[0].code);
  EXPECT_EQ(done->outcomes[0].code->kind, CodeKind::overquota);
  EXPECT_TRUE(done->outcomes[1].appended);
  EXPECT_EQ(done->outcomes[1].uid, 12u);
  EXPECT_TRUE(conv.script_done());
}

TEST(ImapAppendBatch, SynchronizingLiteralsWaitForEachGoAhead) {
  Source a{kRapat}, b{kCuti};
  Conversation conv({{Step::server, "* OK [CAPABILITY IMAP4rev1 MULTIAPPEND] ready\r\n"},
                     {Step::client, "A1 APPEND \"Kerja &- Proyek\" {" + n(kRapat) + "}\r\n"},
                     {Step::server, "+ Ready for literal data\r\n"},
                     {Step::client, kRapat + " (\\Seen) {" + n(kCuti) + "}\r\n"},
                     {Step::server, "+ Ready for literal data\r\n"},
                     {Step::client, kCuti + "\r\n"},
                     {Step::server, "A1 OK Append completed.\r\n"}});
  auto done = greet_and_append(conv, "Kerja & Proyek", {message(a), message(b, {"\\Seen"})});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->outcomes[0].appended && done->outcomes[1].appended);
  // No UIDPLUS: no UIDs, and none made up.
  EXPECT_FALSE(done->outcomes[0].uid);
  EXPECT_TRUE(conv.script_done());
}

TEST(ImapAppendBatch, MultiappendRefusedMidwayRefusesTheWholeBatch) {
  Source a{kRapat}, b{std::string(5000, 'x')};
  Conversation conv(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 MULTIAPPEND LITERAL-] ready\r\n"},
       {Step::client, "A1 APPEND INBOX {" + n(kRapat) + "+}\r\n" + kRapat + " {5000}\r\n"},
       {Step::server, "A1 NO [TOOBIG] Message too large\r\n"}});
  auto done = greet_and_append(conv, "INBOX", {message(a), message(b)});
  ASSERT_TRUE(done) << done.error().message;
  for (const auto& outcome : done->outcomes) {
    EXPECT_FALSE(outcome.appended);
    EXPECT_NE(outcome.refusal.find("[TOOBIG]"), std::string::npos);
  }
  EXPECT_EQ(b.given, 0u);  // LITERAL- is for 4096 bytes at most: the big one waited
  EXPECT_EQ(conv.client->in_flight(), 0u);
  EXPECT_TRUE(conv.script_done());
}

TEST(ImapAppendBatch, AMessageOverTheAppendLimitIsReportedNotSent) {
  Source big{std::string(200, 'x')}, small{kRapat};
  Conversation conv(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+ APPENDLIMIT=100] ready\r\n"},
       {Step::client, "A1 APPEND INBOX {" + n(kRapat) + "+}\r\n" + kRapat + "\r\n"},
       {Step::server, "A1 OK done\r\n"}});
  auto done = greet_and_append(conv, "INBOX", {message(big), message(small)});
  EXPECT_EQ(conv.client->append_limit(), 100u);
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->outcomes[0].over_limit);
  EXPECT_FALSE(done->outcomes[0].appended);
  EXPECT_NE(done->outcomes[0].refusal.find("APPENDLIMIT of 100 bytes"), std::string::npos);
  EXPECT_TRUE(done->outcomes[1].appended);
  EXPECT_EQ(big.calls, 0u);
  EXPECT_TRUE(conv.script_done());
}

TEST(ImapAppendBatch, BatchesPipelineUntilTheirCompletionsAreRead) {
  Source a{kRapat}, b{kCuti};
  Conversation conv(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+ UIDPLUS] ready\r\n"},
       {Step::client, "A1 APPEND INBOX {" + n(kRapat) + "+}\r\n" + kRapat + "\r\n"},
       {Step::client, "A2 APPEND INBOX {" + n(kCuti) + "+}\r\n" + kCuti + "\r\n"},
       {Step::server, "* 2 EXISTS\r\nA1 OK [APPENDUID 7 3] ok\r\nA2 OK [APPENDUID 7 4] ok\r\n"}});
  ASSERT_TRUE(conv.client->greet(kNoDeadline));
  std::vector<StreamedMessage> first, second;
  first.push_back(message(a));
  second.push_back(message(b));
  auto p1 = conv.client->submit_append("INBOX", first, kNoDeadline);
  auto p2 = conv.client->submit_append("INBOX", second, kNoDeadline);
  ASSERT_TRUE(p1 && p2);
  EXPECT_EQ(conv.client->in_flight(), 2u);
  auto r2 = conv.client->finish_append(std::move(*p2), kNoDeadline);
  auto r1 = conv.client->finish_append(std::move(*p1), kNoDeadline);
  ASSERT_TRUE(r1 && r2);
  EXPECT_EQ(r1->outcomes[0].uid, 3u);
  EXPECT_EQ(r2->outcomes[0].uid, 4u);
  EXPECT_TRUE(conv.script_done());
}

TEST(ImapAppendBatch, SynchronizingCommandsInFlightKeepOneGoAheadAtATime) {
  // A1's completion arrives while A2 waits for its "+": kept for A1, not mistaken.
  Source a{kRapat}, b{kCuti};
  Conversation conv({{Step::server, "* OK [CAPABILITY IMAP4rev1 UIDPLUS] ready\r\n"},
                     {Step::client, "A1 APPEND INBOX {" + n(kRapat) + "}\r\n"},
                     {Step::server, "+ go\r\n"},
                     {Step::client, kRapat + "\r\nA2 APPEND INBOX {" + n(kCuti) + "}\r\n"},
                     {Step::server, "A1 OK [APPENDUID 7 3] ok\r\n+ go\r\n"},
                     {Step::client, kCuti + "\r\n"},
                     {Step::server, "A2 OK [APPENDUID 7 4] ok\r\n"}});
  auto done = greet_and_append(conv, "INBOX", {message(a), message(b)});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_EQ(done->outcomes[0].uid, 3u);
  EXPECT_EQ(done->outcomes[1].uid, 4u);
  EXPECT_TRUE(conv.script_done());
}

TEST(ImapAppendBatch, ASourceThatEndsEarlyDropsTheConnection) {
  Source a{kRapat};
  a.stop_after = 10;
  Conversation conv(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"},
       {Step::client, "A1 APPEND INBOX {" + n(kRapat) + "+}\r\n" + kRapat.substr(0, 10)}});
  auto done = greet_and_append(conv, "INBOX", {message(a)});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::io_error);
  EXPECT_NE(done.error().message.find("ended early after 10 bytes"), std::string::npos)
      << done.error().message;
  // The server still counts the literal: the session is over, nothing else is sent.
  EXPECT_EQ(conv.client->state(), SessionState::logged_out);
  auto next = conv.client->execute(Command("NOOP"), kNoDeadline);
  ASSERT_FALSE(next);
  EXPECT_EQ(next.error().kind, ErrorKind::connection_closed);
  // What reached the wire (gathered writes may not have been flushed) is at most the
  // announcement and the bytes the source gave.
  EXPECT_TRUE(conv.stream->mismatches().empty());
  EXPECT_LE(conv.stream->written().size(),
            ("A1 APPEND INBOX {" + n(kRapat) + "+}\r\n").size() + 10);
}

TEST(ImapAppendBatch, ASourceThatFailsDropsTheConnectionWithItsError) {
  Source a{kRapat, 4};
  a.fail = true;
  Conversation conv(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"},
       {Step::client, "A1 APPEND INBOX {" + n(kRapat) + "+}\r\n" + kRapat.substr(0, 4)}});
  auto done = greet_and_append(conv, "INBOX", {message(a)});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::io_error);
  EXPECT_NE(done.error().message.find("disk read failed after 4 bytes"), std::string::npos)
      << done.error().message;
  EXPECT_EQ(conv.client->state(), SessionState::logged_out);
}

TEST(ImapAppendBatch, AnAppendUidOfTheWrongSizeAssignsNoUids) {
  // Hostile: a set naming four billion UIDs is neither expanded nor believed.
  Source a{kRapat}, b{kCuti};
  Conversation conv(
      {{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+ MULTIAPPEND UIDPLUS] ready\r\n"},
       {Step::client, "A1 APPEND INBOX {" + n(kRapat) + "+}\r\n" + kRapat + " {" + n(kCuti) +
                          "+}\r\n" + kCuti + "\r\n"},
       {Step::server, "A1 OK [APPENDUID 1 1:4294967295] ok\r\n"}});
  auto done = greet_and_append(conv, "INBOX", {message(a), message(b)});
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_TRUE(done->outcomes[0].appended);
  EXPECT_FALSE(done->outcomes[0].uid);
  EXPECT_FALSE(done->outcomes[1].uid);
}

TEST(ImapAppendBatch, AnUnaskedGoAheadIsAProtocolError) {
  Source a{kRapat};
  Conversation conv({{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"},
                     {Step::client, "A1 APPEND INBOX {" + n(kRapat) + "+}\r\n" + kRapat + "\r\n"},
                     {Step::server, "+ send more\r\nA1 OK ok\r\n"}});
  auto done = greet_and_append(conv, "INBOX", {message(a)});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::protocol_error);
}

TEST(ImapAppendBatch, ABadFlagSendsNothing) {
  Source a{kRapat};
  Conversation conv({{Step::server, "* OK [CAPABILITY IMAP4rev1 LITERAL+] ready\r\n"}});
  auto done = greet_and_append(conv, "INBOX", {message(a, {"$Label1", "bad flag"})});
  ASSERT_FALSE(done);
  EXPECT_EQ(done.error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(conv.stream->written(), "");
}

TEST(ImapUidSet, ExpandsRangesInOrderWithinTheLimit) {
  UidSet set{{5, 7}, {9, 9}};
  EXPECT_EQ(expand_uid_set(set, 4), (std::vector<std::uint32_t>{5, 6, 7, 9}));
  EXPECT_FALSE(expand_uid_set(set, 3));
  EXPECT_FALSE(expand_uid_set(UidSet{{1, 4294967295u}}, 1000));
  EXPECT_EQ(expand_uid_set(UidSet{{4294967295u, 4294967295u}}, 1),
            (std::vector<std::uint32_t>{4294967295u}));
}

}  // namespace
}  // namespace mailassist::imap
