#include "migrate/stores/eml_dir_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "migrate/stores/emlx_file.hpp"
#include "migrate/stores/open_store.hpp"
#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using testing::TempDir;

std::string emlx(std::string_view message, std::uint32_t flags, std::int64_t received) {
  return std::to_string(message.size()) + "        \n" + std::string(message) +
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" "
         "\"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
         "<plist version=\"1.0\">\n<dict>\n"
         "\t<key>date-received</key>\n\t<integer>" +
         std::to_string(received) +
         "</integer>\n"
         "\t<key>flags</key>\n\t<integer>" +
         std::to_string(flags) +
         "</integer>\n"
         "\t<key>subject</key>\n\t<string>x</string>\n"
         "</dict>\n</plist>\n";
}

std::vector<std::string> names(const std::vector<SourceFolder>& folders) {
  std::vector<std::string> out;
  for (const auto& f : folders) {
    std::string n;
    for (const auto& p : f.path) n += (n.empty() ? "" : "/") + p;
    out.push_back(n + (f.holds_messages ? "" : " (empty)"));
  }
  return out;
}

TEST(EmlxFlags, EachBitBecomesItsFlag) {
  auto flags_of = [](std::uint32_t bits) {
    MessageEnvelope m;
    apply_emlx_flags(bits, m);
    return m;
  };
  EXPECT_THAT(flags_of(1u << 0).flags, ElementsAre("\\Seen"));
  EXPECT_TRUE(flags_of(1u << 1).deleted);
  EXPECT_THAT(flags_of(1u << 2).flags, ElementsAre("\\Answered"));
  EXPECT_THAT(flags_of(1u << 4).flags, ElementsAre("\\Flagged"));
  EXPECT_THAT(flags_of(1u << 6).flags, ElementsAre("\\Draft"));
  EXPECT_THAT(flags_of(1u << 8).flags, ElementsAre("$Forwarded"));
  EXPECT_THAT(flags_of(1u << 24).flags, ElementsAre("$Junk"));
  EXPECT_THAT(flags_of(1u << 25).flags, ElementsAre("$NotJunk"));
  // encrypted, recent, attachment count, priority: nothing IMAP keeps
  EXPECT_THAT(flags_of((1u << 3) | (1u << 5) | (3u << 10) | (3u << 16)).flags, IsEmpty());
}

TEST(EmlDirStore, FoldersFollowTheDirectoryTree) {
  TempDir dir;
  dir.write("export/a.eml", "Subject: a\n\na\n");
  dir.write("export/Terkirim/b.eml", "Subject: b\n\nb\n");
  dir.write("export/Kerja & Proyek/Tokó/c.EML", "Subject: c\n\nc\n");
  dir.write("export/empty/readme.txt", "not mail");
  auto store = open_store(dir / "export");
  ASSERT_TRUE(store) << store.error().message;
  auto folders = (*store)->folders(CancelToken{});
  ASSERT_TRUE(folders);
  EXPECT_THAT(names(*folders),
              ElementsAre("export", "Kerja & Proyek (empty)", "Kerja & Proyek/Tokó", "Terkirim"));
  EXPECT_EQ((*folders)[3].role, FolderRole::sent);
  auto scanned = testing::scan_all(**store, (*folders)[2]);
  ASSERT_EQ(scanned.messages.size(), 1u);
  EXPECT_EQ(scanned.messages[0].key, "c.EML");
  EXPECT_EQ(testing::read_message(**store, (*folders)[2], scanned.messages[0]),
            "Subject: c\r\n\r\nc\r\n");
  // An envelope with only its key and size (as a journal would keep it) opens too.
  MessageEnvelope from_key;
  from_key.key = scanned.messages[0].key;
  from_key.size = scanned.messages[0].size;
  EXPECT_EQ(testing::read_message(**store, (*folders)[2], from_key), "Subject: c\r\n\r\nc\r\n");
  from_key.key = "../../a.eml";
  EXPECT_FALSE((*store)->open((*folders)[2], from_key));
}

TEST(EmlDirStore, EmlDatesComeFromTheDateHeaderElseTheFileTime) {
  TempDir dir;
  dir.write("d/1.eml", "Date: Tue, 7 Jul 2009 01:02:03 +0200\nSubject: a\n\na\n");
  auto no_date = dir.write("d/2.eml", "Subject: b\n\nb\n");
  auto store = make_eml_dir_store(dir / "d");
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  ASSERT_EQ(scanned.messages.size(), 2u);
  EXPECT_EQ(imap::format_internal_date(*scanned.messages[0].date), "07-Jul-2009 01:02:03 +0200");
  auto mtime = std::chrono::time_point_cast<std::chrono::seconds>(
      std::chrono::file_clock::to_sys(std::filesystem::last_write_time(no_date)));
  EXPECT_EQ(scanned.messages[1].date->time, mtime);
}

TEST(EmlDirStore, ReadsAppleMailEmlxMailboxes) {
  TempDir dir;
  std::string message = "Subject: apple\nMessage-ID: <apple@x>\n\nbody\n";
  std::string base = "V10/acct/Kerja.mbox/";
  dir.write(base + "UUID-1/Data/1/Messages/10.emlx", emlx(message, 0x1 | 0x4 | 0x10, 1262304000));
  dir.write(base + "UUID-1/Data/2/Messages/11.partial.emlx", emlx("Subject: p\n\np\n", 0x2, 1));
  dir.write(base + "Tokó.mbox/UUID-2/Data/Messages/12.emlx", emlx("Subject: t\n\nt\n", 0, 5));
  dir.write(base + "UUID-1/Info.plist", "<plist/>");
  auto store = open_store(dir / "V10/acct");
  ASSERT_TRUE(store) << store.error().message;
  auto folders = (*store)->folders(CancelToken{});
  ASSERT_TRUE(folders);
  EXPECT_THAT(names(*folders), ElementsAre("Kerja", "Kerja/Tokó"));
  auto scanned = testing::scan_all(**store, (*folders)[0]);
  ASSERT_EQ(scanned.messages.size(), 2u);
  const auto& m = scanned.messages[0];
  EXPECT_THAT(m.flags, ElementsAre("\\Seen", "\\Answered", "\\Flagged"));
  EXPECT_EQ(m.date->time.time_since_epoch().count(), 1262304000);
  EXPECT_EQ(m.message_id, "<apple@x>");
  EXPECT_EQ(m.size, message.size() + 4);  // four LF became CRLF
  EXPECT_EQ(testing::read_message(**store, (*folders)[0], m),
            "Subject: apple\r\nMessage-ID: <apple@x>\r\n\r\nbody\r\n");
  EXPECT_TRUE(scanned.messages[1].deleted);
  ASSERT_EQ(scanned.problems.size(), 1u);
  EXPECT_THAT(scanned.problems[0].message, HasSubstr("attachments"));
}

TEST(EmlDirStore, ReportsAnEmlxWhoseLengthLineLies) {
  TempDir dir;
  dir.write("box/1.emlx", "5000\nSubject: short\n\nx\n");
  dir.write("box/2.emlx", "no length line at all");
  dir.write("box/3.emlx", emlx("Subject: fine\n\nx\n", 0, 0));
  auto store = make_eml_dir_store(dir / "box");
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  ASSERT_EQ(scanned.messages.size(), 1u);
  ASSERT_EQ(scanned.problems.size(), 2u);
  EXPECT_THAT(scanned.problems[0].message, HasSubstr("5000 bytes"));
  EXPECT_THAT(scanned.problems[1].message, HasSubstr("length line"));
}

}  // namespace
}  // namespace mailassist::migrate
