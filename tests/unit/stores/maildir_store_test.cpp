#include "migrate/stores/maildir_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "migrate/stores/open_store.hpp"
#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::TempDir;

MessageEnvelope with_info(std::string_view name, bool in_new = false,
                          const std::vector<std::string>& keywords = {}) {
  MessageEnvelope m;
  apply_maildir_info(name, in_new, keywords, m);
  return m;
}

TEST(MaildirInfo, EachLetterBecomesItsFlag) {
  EXPECT_THAT(with_info("1.M1.host:2,S").flags, ElementsAre("\\Seen"));
  EXPECT_THAT(with_info("1.M1.host:2,R").flags, ElementsAre("\\Answered"));
  EXPECT_THAT(with_info("1.M1.host:2,F").flags, ElementsAre("\\Flagged"));
  EXPECT_THAT(with_info("1.M1.host:2,D").flags, ElementsAre("\\Draft"));
  EXPECT_THAT(with_info("1.M1.host:2,P").flags, ElementsAre("$Forwarded"));
  EXPECT_THAT(with_info("1.M1.host:2,DFPRS").flags,
              ElementsAre("\\Draft", "\\Flagged", "$Forwarded", "\\Answered", "\\Seen"));
  EXPECT_THAT(with_info("1.M1.host").flags, IsEmpty());
  EXPECT_THAT(with_info("1.M1.host;2,S").flags, ElementsAre("\\Seen"));  // Windows
  EXPECT_THAT(with_info("1.M1.host!2,F").flags, ElementsAre("\\Flagged"));
}

TEST(MaildirInfo, TrashedIsDeletedAndNewIsUnseen) {
  EXPECT_TRUE(with_info("1.M1.host:2,ST").deleted);
  EXPECT_FALSE(with_info("1.M1.host:2,S").deleted);
  EXPECT_THAT(with_info("1.M1.host:2,S", /*in_new=*/true).flags, IsEmpty());
}

TEST(MaildirInfo, LowercaseLettersAreDovecotKeywords) {
  EXPECT_THAT(with_info("1.x:2,Sac", false, {"$label1", "bad keyword", "kerja"}).flags,
              ElementsAre("\\Seen", "$label1", "kerja"));
  EXPECT_THAT(with_info("1.x:2,z", false, {"$label1"}).flags, IsEmpty());
}

TEST(MaildirInfo, UniqueNameLeavesTheInfoOut) {
  EXPECT_EQ(maildir_unique_name("1700000000.M1P2.host,S=120:2,RS"), "1700000000.M1P2.host,S=120");
  EXPECT_EQ(maildir_unique_name("1700000000.M1P2.host"), "1700000000.M1P2.host");
}

void write_maildir(const TempDir& dir, const std::string& folder) {
  std::filesystem::create_directories(dir / (folder + "/tmp"));
  std::filesystem::create_directories(dir / (folder + "/cur"));
  std::filesystem::create_directories(dir / (folder + "/new"));
}

TEST(MaildirStore, ListsTheInboxMaildirPlusPlusAndPlainSubfolders) {
  TempDir dir;
  write_maildir(dir, "m");
  write_maildir(dir, "m/.Sent");
  write_maildir(dir, "m/.Kerja &- Proyek.Tok&APM-");  // modified UTF-7: "Kerja & Proyek/Tokó"
  write_maildir(dir, "m/.Arsip.2024");                // parent ".Arsip" missing
  write_maildir(dir, "m/lists/debian");               // plain nested Maildirs
  dir.write("m/.Sent/cur/1.M1.h:2,S", "Subject: s\n\nx\n");
  auto store = make_maildir_store(dir / "m");
  auto folders = store->folders(CancelToken{});
  ASSERT_TRUE(folders);
  std::vector<std::string> names;
  for (const auto& f : *folders) {
    std::string n;
    for (const auto& p : f.path) n += (n.empty() ? "" : "/") + p;
    names.push_back(n + (f.holds_messages ? "" : " (empty)") + " " +
                    std::string(to_string(f.role)));
  }
  EXPECT_THAT(names, ElementsAre("Arsip (empty) archive", "Arsip/2024 other", "Inbox inbox",
                                 "Kerja & Proyek (empty) other", "Kerja & Proyek/Tokó other",
                                 "Sent sent", "lists (empty) other", "lists/debian other"));
}

TEST(MaildirStore, ScansCurAndNewWithFlagsDatesAndExactSizes) {
  TempDir dir;
  write_maildir(dir, "m");
  dir.write("m/cur/1700000000.M1P1.host,S=40:2,RS", "Subject: one\nMessage-ID: <one@x>\n\nbody\n");
  dir.write("m/cur/1700000100.M2P1.host:2,ST", "Subject: trashed\r\n\r\nx\r\n");
  dir.write("m/new/1700000200.M3P1.host", "Subject: new\nDate: 1 Jan 2020 00:00:00 +0000\n\nn\n");
  dir.write("m/new/nodate.host", "Subject: no date\nDate: 2 Jan 2020 10:00:00 +0700\n\nn\n");
  dir.write("m/tmp/1700000300.M4P1.host", "Subject: being delivered\n\nt\n");
  dir.write("m/cur/.hidden", "x");
  auto before = testing::fingerprint(dir / "m/cur/1700000000.M1P1.host,S=40:2,RS");
  auto store = open_store(dir / "m");
  ASSERT_TRUE(store) << store.error().message;
  auto folder = (*store)->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(**store, folder);
  ASSERT_EQ(scanned.messages.size(), 4u);
  const auto& one = scanned.messages[0];
  EXPECT_EQ(one.key, "1700000000.M1P1.host,S=40");
  EXPECT_THAT(one.flags, ElementsAre("\\Answered", "\\Seen"));
  EXPECT_EQ(one.message_id, "<one@x>");
  ASSERT_TRUE(one.date);
  EXPECT_EQ(one.date->time.time_since_epoch().count(), 1700000000);
  EXPECT_TRUE(scanned.messages[1].deleted);
  EXPECT_THAT(scanned.messages[2].flags, IsEmpty());
  EXPECT_EQ(imap::format_internal_date(*scanned.messages[3].date), "02-Jan-2020 10:00:00 +0700");
  EXPECT_EQ(testing::read_message(**store, folder, one),
            "Subject: one\r\nMessage-ID: <one@x>\r\n\r\nbody\r\n");
  for (const auto& m : scanned.messages)
    EXPECT_EQ(testing::read_message(**store, folder, m).size(), m.size);
  EXPECT_EQ(testing::fingerprint(dir / "m/cur/1700000000.M1P1.host,S=40:2,RS"), before);
  EXPECT_TRUE(std::filesystem::exists(dir / "m/new/1700000200.M3P1.host"));  // not moved
}

TEST(MaildirStore, FindsAMessageAClientMovedSinceTheScan) {
  TempDir dir;
  write_maildir(dir, "m");
  dir.write("m/new/1700000000.M1P1.host", "Subject: moved\n\nx\n");
  auto store = make_maildir_store(dir / "m");
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  ASSERT_EQ(scanned.messages.size(), 1u);
  std::filesystem::rename(dir / "m/new/1700000000.M1P1.host",
                          dir / "m/cur/1700000000.M1P1.host:2,S");
  EXPECT_EQ(testing::read_message(*store, folder, scanned.messages[0]),
            "Subject: moved\r\n\r\nx\r\n");
}

TEST(MaildirStore, ReportsAnEmptyFileAndGoesOn) {
  TempDir dir;
  write_maildir(dir, "m");
  dir.write("m/cur/1.a:2,", "");
  dir.write("m/cur/2.b:2,", "Subject: ok\n\nx\n");
  auto store = make_maildir_store(dir / "m");
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  ASSERT_EQ(scanned.messages.size(), 1u);
  ASSERT_EQ(scanned.problems.size(), 1u);
  EXPECT_THAT(scanned.problems[0].location, HasSubstr("1.a:2,"));
}

}  // namespace
}  // namespace mailassist::migrate
