#include "migrate/stores/mbox_scanner.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "migrate/stores/mbox_store.hpp"
#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

// Turns the LF line ends of a test text into `eol`.
std::string with_eol(std::string_view text, std::string_view eol) {
  std::string out;
  for (char c : text) {
    if (c == '\n') {
      out += eol;
    } else {
      out += c;
    }
  }
  return out;
}

std::string crlf(std::string_view text) {
  return with_eol(text, "\r\n");
}

struct MboxFixture {
  TempDir dir;
  std::filesystem::path file;
  std::unique_ptr<MailStore> store;
  SourceFolder folder;
  testing::Scanned scanned;
  std::vector<std::string> bodies;  // each message's bytes, read through open()

  explicit MboxFixture(std::string_view bytes, std::string_view name = "Inbox.mbox") {
    file = dir.write(name, bytes);
    store = make_mbox_file_store(file);
    auto folders = store->folders(CancelToken{});
    EXPECT_TRUE(folders);
    folder = folders->front();
    scanned = testing::scan_all(*store, folder);
    for (const auto& m : scanned.messages) {
      bodies.push_back(testing::read_message(*store, folder, m));
      EXPECT_EQ(bodies.back().size(), m.size) << m.location;  // exact size, announced
    }
  }
};

constexpr std::string_view kThree =
    "From ani@example.com Thu Nov 26 22:33:05 2026\n"
    "Subject: one\n"
    "Message-ID: <1@example.com>\n"
    "\n"
    "first body\n"
    "\n"
    "From budi@example.com Fri Nov 27 08:00:00 2026\n"
    "Subject: two\n"
    "\n"
    "second body\n"
    "\n"
    "From citra@example.com Sat Nov 28 09:30:00 2026\n"
    "Subject: three\n"
    "\n"
    "third body\n"
    "\n";

TEST(MboxScanner, SplitsOnFromLinesAfterBlankLinesAndDropsTheSeparator) {
  MboxFixture mbox(kThree);
  ASSERT_EQ(mbox.scanned.messages.size(), 3u);
  EXPECT_TRUE(mbox.scanned.problems.empty());
  EXPECT_EQ(mbox.bodies[0], crlf("Subject: one\nMessage-ID: <1@example.com>\n\nfirst body\n"));
  EXPECT_EQ(mbox.bodies[1], crlf("Subject: two\n\nsecond body\n"));
  EXPECT_EQ(mbox.bodies[2], crlf("Subject: three\n\nthird body\n"));
  EXPECT_EQ(mbox.folder.path, std::vector<std::string>{"Inbox"});
  EXPECT_EQ(mbox.folder.role, FolderRole::inbox);
  EXPECT_EQ(mbox.scanned.messages[0].message_id, "<1@example.com>");
  EXPECT_THAT(mbox.scanned.messages[1].location, HasSubstr("message 2 at byte"));
}

TEST(MboxScanner, CrlfAndLfFilesGiveTheSameMessages) {
  MboxFixture lf(kThree);
  MboxFixture crlf_file(crlf(kThree));
  MboxFixture cr_file(with_eol(kThree, "\r"));
  ASSERT_EQ(crlf_file.scanned.messages.size(), 3u);
  ASSERT_EQ(cr_file.scanned.messages.size(), 3u);
  EXPECT_EQ(lf.bodies, crlf_file.bodies);
  EXPECT_EQ(lf.bodies, cr_file.bodies);
  for (std::size_t i = 0; i < 3; ++i)
    EXPECT_EQ(lf.scanned.messages[i].size, crlf_file.scanned.messages[i].size);
}

TEST(MboxScanner, MixedAndLoneLineEndsBecomeCrlf) {
  MboxFixture mbox("From a@b Thu Nov 26 22:33:05 2026\r\nA: 1\nB: 2\r\rbody\r\n");
  ASSERT_EQ(mbox.scanned.messages.size(), 1u);
  EXPECT_EQ(mbox.bodies[0], "A: 1\r\nB: 2\r\n\r\nbody\r\n");
}

TEST(MboxScanner, FromInsideABodyDoesNotSplitUnlessItIsASeparator) {
  MboxFixture mbox(
      "From a@b Thu Nov 26 22:33:05 2026\n"
      "Subject: prose\n"
      "\n"
      "From here on, we meet on Mondays.\n"  // after a blank line, but no date
      "Regards,\n"
      "From a@b Thu Nov 26 22:33:05 2026\n"  // a whole From_ line, but no blank line before
      "\n"
      ">From the quoted line\n"
      "\n");
  ASSERT_EQ(mbox.scanned.messages.size(), 1u);
  EXPECT_EQ(mbox.bodies[0], crlf("Subject: prose\n\nFrom here on, we meet on Mondays.\n"
                                 "Regards,\nFrom a@b Thu Nov 26 22:33:05 2026\n\n"
                                 "From the quoted line\n"));
}

TEST(MboxScanner, AFromLineWithoutABlankLineBeforeItSplitsWhenAHeaderFollows) {
  MboxFixture mbox(
      "From a@b Thu Nov 26 22:33:05 2026\n"
      "Subject: one\n"
      "\n"
      "no blank line after this\n"
      "From c@d Thu Nov 26 22:34:05 2026\n"  // a header follows: a new message
      "Subject: two\n"
      "\n"
      "body\n"
      "From e@f Thu Nov 26 22:35:05 2026\n"  // text follows: a body line
      "more body\n"
      "From g@h Thu Nov 26 22:36:05 2026\n");  // ends the file: a body line
  ASSERT_EQ(mbox.scanned.messages.size(), 2u);
  EXPECT_TRUE(mbox.scanned.problems.empty());
  EXPECT_EQ(mbox.bodies[0], crlf("Subject: one\n\nno blank line after this\n"));
  EXPECT_EQ(mbox.bodies[1], crlf("Subject: two\n\nbody\nFrom e@f Thu Nov 26 22:35:05 2026\n"
                                 "more body\nFrom g@h Thu Nov 26 22:36:05 2026\n"));
}

TEST(MboxScanner, UndoesMboxrdQuotingOneLevel) {
  MboxFixture mbox(
      "From a@b Thu Nov 26 22:33:05 2026\n"
      "Subject: quoting\n"
      "\n"
      ">From one\n"
      ">>From two\n"
      ">>>From three\n"
      "> From not quoted\n"
      ">Fromage is not quoted\n"
      "\n");
  ASSERT_EQ(mbox.scanned.messages.size(), 1u);
  EXPECT_EQ(mbox.bodies[0], crlf("Subject: quoting\n\nFrom one\n>From two\n>>From three\n"
                                 "> From not quoted\n>Fromage is not quoted\n"));
}

TEST(MboxScanner, DatesComeFromTheFromLineElseTheDateHeaderElseTheFileTime) {
  TempDir dir;
  auto file = dir.write("Dates.mbox",
                        "From someone\n"  // first line: taken, but it has no date
                        "Date: Fri, 13 Feb 2009 23:31:30 +0100\n"
                        "\n"
                        "a\n"
                        "\n"
                        "From b@c Sat Feb 14 10:00:00 2009 +0000\n"
                        "Date: Fri, 13 Feb 2009 23:31:30 +0100\n"
                        "\n"
                        "b\n");
  auto nodate = dir.write("Nodate.mbox", "From someone\nSubject: no date\n\nc\n");
  auto when = std::filesystem::file_time_type::clock::now() - std::chrono::hours(24 * 400);
  std::filesystem::last_write_time(nodate, when);

  auto store = make_mbox_file_store(file);
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  ASSERT_EQ(scanned.messages.size(), 2u);
  ASSERT_TRUE(scanned.messages[0].date);
  EXPECT_EQ(imap::format_internal_date(*scanned.messages[0].date), "13-Feb-2009 23:31:30 +0100");
  ASSERT_TRUE(scanned.messages[1].date);
  EXPECT_EQ(imap::format_internal_date(*scanned.messages[1].date), "14-Feb-2009 10:00:00 +0000");

  auto store2 = make_mbox_file_store(nodate);
  auto scanned2 = testing::scan_all(*store2, store2->folders(CancelToken{})->front());
  ASSERT_EQ(scanned2.messages.size(), 1u);
  ASSERT_TRUE(scanned2.messages[0].date);
  auto expected = std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::file_clock::to_sys(std::filesystem::last_write_time(nodate)));
  EXPECT_EQ(scanned2.messages[0].date->time, expected);
}

TEST(MboxScanner, MessageIdIsUnfolded) {
  MboxFixture mbox(
      "From a@b Thu Nov 26 22:33:05 2026\n"
      "Message-Id:\n"
      "   <folded.id@example.com>  (comment)\n"
      "Subject: x\n"
      "\n"
      "body\n");
  ASSERT_EQ(mbox.scanned.messages.size(), 1u);
  EXPECT_EQ(mbox.scanned.messages[0].message_id, "<folded.id@example.com>");
}

TEST(MboxScanner, ReportsGarbageBeforeTheFirstMessageAndGoesOn) {
  MboxFixture mbox(std::string("this is not mail\nnor is this\n") + std::string(kThree));
  ASSERT_EQ(mbox.scanned.messages.size(), 3u);
  ASSERT_EQ(mbox.scanned.problems.size(), 1u);
  EXPECT_THAT(mbox.scanned.problems[0].location, HasSubstr("Inbox.mbox at byte 0"));
  EXPECT_THAT(mbox.scanned.problems[0].message, HasSubstr("bytes 0 to 29"));
}

TEST(MboxScanner, ReportsANulRegionWithItsOffsetAndFindsTheMessagesAfterIt) {
  std::string head =
      "From a@b Thu Nov 26 22:33:05 2026\n"
      "Subject: before\n"
      "\n"
      "kept\n";
  std::string nuls(5000, '\0');
  std::string bytes = head + nuls + "\n" +
                      "From c@d Thu Nov 26 23:00:00 2026\n"  // no blank line before it
                      "Subject: after\n"
                      "\n"
                      "also kept\n";
  MboxFixture mbox(bytes);
  ASSERT_EQ(mbox.scanned.messages.size(), 2u);
  EXPECT_EQ(mbox.bodies[0], crlf("Subject: before\n\nkept\n"));
  EXPECT_EQ(mbox.bodies[1], crlf("Subject: after\n\nalso kept\n"));
  ASSERT_EQ(mbox.scanned.problems.size(), 2u);
  std::string at = "at byte " + std::to_string(head.size());
  EXPECT_THAT(mbox.scanned.problems[0].location, HasSubstr(at));
  EXPECT_THAT(mbox.scanned.problems[0].message, HasSubstr("cut short"));
  EXPECT_THAT(mbox.scanned.problems[1].location, HasSubstr(at));
  EXPECT_THAT(mbox.scanned.problems[1].message, HasSubstr("NUL"));
  EXPECT_THAT(mbox.scanned.problems[1].message, HasSubstr("5001 bytes"));
}

TEST(MboxScanner, ReportsATruncatedLastMessageAndStillYieldsIt) {
  MboxFixture mbox(std::string(kThree) +
                   "From d@e Sun Nov 29 10:00:00 2026\n"
                   "Content-Length: 5000\n"
                   "\n"
                   "only the start of");
  ASSERT_EQ(mbox.scanned.messages.size(), 4u);
  EXPECT_EQ(mbox.bodies[3], "Content-Length: 5000\r\n\r\nonly the start of");
  ASSERT_EQ(mbox.scanned.problems.size(), 2u);
  EXPECT_THAT(mbox.scanned.problems[0].message, HasSubstr("middle of a line"));
  EXPECT_THAT(mbox.scanned.problems[1].message, HasSubstr("Content-Length says 5000"));
}

TEST(MboxScanner, ContentLengthIsOnlyAHint) {
  MboxFixture mbox(
      "From a@b Thu Nov 26 22:33:05 2026\n"
      "Content-Length: 2\n"
      "\n"
      "longer than two bytes\n"
      "\n"
      "From a@b Thu Nov 26 22:33:06 2026\n"
      "\n"
      "x\n");
  ASSERT_EQ(mbox.scanned.messages.size(), 2u);
  EXPECT_TRUE(mbox.scanned.problems.empty());
}

TEST(MboxScanner, AnEmptyMessageIsReportedAndLeftOut) {
  MboxFixture mbox(
      "From a@b Thu Nov 26 22:33:05 2026\n"
      "\n"
      "From a@b Thu Nov 26 22:33:06 2026\n"
      "Subject: real\n"
      "\n"
      "x\n");
  ASSERT_EQ(mbox.scanned.messages.size(), 1u);
  ASSERT_EQ(mbox.scanned.problems.size(), 1u);
  EXPECT_THAT(mbox.scanned.problems[0].message, HasSubstr("empty"));
}

TEST(MboxScanner, KeysAreStableOffsetsAndTheSinkCanStop) {
  MboxFixture mbox(kThree);
  ASSERT_EQ(mbox.scanned.messages.size(), 3u);
  EXPECT_EQ(mbox.scanned.messages[0].key.substr(0, 2), "0-");
  std::size_t seen = 0;
  auto r = mbox.store->scan(
      mbox.folder, [&](const MessageEnvelope&) { return ++seen < 2; }, nullptr, CancelToken{});
  EXPECT_TRUE(r);
  EXPECT_EQ(seen, 2u);
}

TEST(MboxScanner, StopsWhenCancelled) {
  MboxFixture mbox(kThree);
  CancelToken cancel;
  cancel.cancel();
  auto r = mbox.store->scan(
      mbox.folder, [](const MessageEnvelope&) { return true; }, nullptr, cancel);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::cancelled);
}

TEST(MboxScanner, AChangedFileIsAnErrorWhenOpened) {
  MboxFixture mbox(kThree);
  std::filesystem::resize_file(mbox.file, 60);
  auto reader = mbox.store->open(mbox.folder, mbox.scanned.messages[2]);
  ASSERT_FALSE(reader);
}

TEST(MboxScanner, StreamsAThirtyMegabyteMessageWithBoundedReads) {
  TempDir dir;
  auto file = dir / "Big.mbox";
  std::size_t lines = 0;
  {
    std::ofstream out(file, std::ios::binary);
    out << "From big@example.com Thu Nov 26 22:33:05 2026\nSubject: big\n\n";
    std::string line(75, 'A');
    line += '\n';
    for (std::size_t written = 0; written < 30u * 1024 * 1024; written += line.size(), ++lines)
      out << line;
    out << "\nFrom small@example.com Thu Nov 26 22:33:06 2026\nSubject: small\n\nx\n";
  }
  auto before = testing::fingerprint(file);
  MboxScanStats stats;
  std::vector<MessageEnvelope> found;
  auto r = scan_mbox(
      file, "Big",
      [&](const MessageEnvelope& m) {
        found.push_back(m);
        return true;
      },
      nullptr, CancelToken{}, &stats);
  ASSERT_TRUE(r);
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(stats.bytes_read, std::filesystem::file_size(file));
  EXPECT_LE(stats.largest_read, 64u * 1024);
  EXPECT_EQ(found[0].size, std::string("Subject: big\r\n\r\n").size() + lines * 77);

  auto reader = open_mbox_message(file, found[0]);
  ASSERT_TRUE(reader);
  std::vector<char> buffer(64 * 1024);
  std::uint64_t total = 0;
  for (;;) {
    auto n = (*reader)->read(buffer);
    ASSERT_TRUE(n) << n.error().message;
    if (*n == 0) break;
    total += *n;
  }
  EXPECT_EQ(total, found[0].size);
  EXPECT_EQ(testing::fingerprint(file), before);
}

TEST(MboxScanner, LeavesTheSourceFileUnchanged) {
  TempDir dir;
  auto file = dir.write("Inbox", crlf(kThree));
  auto before = testing::fingerprint(file);
  auto store = make_mbox_file_store(file);
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  for (const auto& m : scanned.messages) testing::read_message(*store, folder, m);
  EXPECT_EQ(testing::fingerprint(file), before);
}

}  // namespace
}  // namespace mailassist::migrate
