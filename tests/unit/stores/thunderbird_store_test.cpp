#include "migrate/stores/thunderbird_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "migrate/stores/open_store.hpp"
#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::TempDir;

std::string message(std::string_view subject, std::string_view status, std::string_view body) {
  return "From - Thu Nov 26 22:33:05 2026\nX-Mozilla-Status: " + std::string(status) +
         "\nX-Mozilla-Status2: 00000000\nSubject: " + std::string(subject) + "\n\n" +
         std::string(body) + "\n\n";
}

struct Folder {
  std::string path;
  FolderRole role;
  bool holds_messages;
  bool operator==(const Folder&) const = default;
  friend std::ostream& operator<<(std::ostream& os, const Folder& f) {
    return os << f.path << " " << to_string(f.role) << (f.holds_messages ? "" : " (no messages)");
  }
};

std::vector<Folder> summary(const std::vector<SourceFolder>& folders) {
  std::vector<Folder> out;
  for (const auto& f : folders) {
    std::string path;
    for (const auto& p : f.path) path += (path.empty() ? "" : "/") + p;
    out.push_back({path, f.role, f.holds_messages});
  }
  return out;
}

// A profile with Local Folders, a POP3 account, an IMAP account and an RSS account.
void write_profile(const TempDir& dir) {
  dir.write("p/prefs.js",
            "// Mozilla User Preferences\n"
            "user_pref(\"mail.server.server1.directory-rel\", \"[ProfD]Mail/Local Folders\");\n"
            "user_pref(\"mail.server.server1.type\", \"none\");\n"
            "user_pref(\"mail.server.server2.directory-rel\", \"[ProfD]Mail/pop.example.com\");\n"
            "user_pref(\"mail.server.server2.type\", \"pop3\");\n"
            "user_pref(\"mail.server.server3.directory-rel\", "
            "\"[ProfD]ImapMail/imap.example.com\");\n"
            "user_pref(\"mail.server.server3.type\", \"imap\");\n"
            "user_pref(\"mail.server.server4.directory-rel\", \"[ProfD]Mail/Feeds\");\n"
            "user_pref(\"mail.server.server4.type\", \"rss\");\n");
  std::string local = "p/Mail/Local Folders/";
  dir.write(local + "Inbox", message("one", "0001", "a") + message("gone", "0009", "b") +
                                 message("two", "1004", "c"));
  dir.write(local + "Inbox.msf", "// <!-- <mdb:mork:z v=\"1.4\"/> -->");
  dir.write(local + "Trash", "");
  dir.write(local + "Unsent Messages", "");
  dir.write(local + "Kerja & Proyek.sbd/Tokó", message("toko", "0000", "Rp 10.000"));
  dir.write(local + "Kerja & Proyek.sbd/Tokó.msf", "");
  dir.write(local + "Arsip", message("old", "0001", "x"));
  dir.write(local + "Arsip.sbd/2024", message("2024", "0001", "y"));
  dir.write(local + "Arsip.sbd/2024.msf", "");
  dir.write(local + "filterlog.html", "<html></html>");
  dir.write(local + "msgFilterRules.dat", "version=\"9\"");
  dir.write(local + "popstate.dat", "# POP3 State File");
  dir.write(local + ".DS_Store", "x");
  dir.write("p/Mail/pop.example.com/Inbox", message("pop", "0000", "p"));
  dir.write("p/Mail/pop.example.com/Sent", "");
  dir.write("p/Mail/pop.example.com/popstate.dat", "# POP3 State File");
  dir.write("p/Mail/Feeds/Inbox", message("rss", "0000", "r"));
  dir.write("p/ImapMail/imap.example.com/INBOX", message("imap", "0000", "i"));
}

TEST(ThunderbirdStore, ListsLocalFoldersAndPop3AccountsOnly) {
  TempDir dir;
  write_profile(dir);
  auto store = make_thunderbird_profile_store(dir / "p");
  EXPECT_THAT(store->description(), HasSubstr("Local Folders, pop.example.com"));
  auto folders = store->folders(CancelToken{});
  ASSERT_TRUE(folders) << folders.error().message;
  EXPECT_THAT(summary(*folders),
              ElementsAre(Folder{"Arsip", FolderRole::archive, true},
                          Folder{"Arsip/2024", FolderRole::other, true},
                          Folder{"Inbox", FolderRole::inbox, true},
                          Folder{"Kerja & Proyek", FolderRole::other, false},
                          Folder{"Kerja & Proyek/Tokó", FolderRole::other, true},
                          Folder{"Trash", FolderRole::trash, true},
                          Folder{"Unsent Messages", FolderRole::other, true},
                          Folder{"pop.example.com", FolderRole::other, false},
                          Folder{"pop.example.com/Inbox", FolderRole::inbox, true},
                          Folder{"pop.example.com/Sent", FolderRole::sent, true}));
}

TEST(ThunderbirdStore, ScansFlagsAndExpungedMessagesAndReadsNestedFolders) {
  TempDir dir;
  write_profile(dir);
  auto before = testing::fingerprint(dir / "p/Mail/Local Folders/Inbox");
  auto store = make_thunderbird_profile_store(dir / "p");
  auto folders = *store->folders(CancelToken{});
  auto inbox = testing::scan_all(*store, folders[2]);
  ASSERT_EQ(inbox.messages.size(), 3u);
  EXPECT_THAT(inbox.messages[0].flags, ElementsAre("\\Seen"));
  EXPECT_TRUE(inbox.messages[1].deleted);
  EXPECT_THAT(inbox.messages[2].flags, ElementsAre("\\Flagged", "$Forwarded"));
  EXPECT_THAT(inbox.messages[0].location, HasSubstr("Inbox, message 1"));

  auto toko = testing::scan_all(*store, folders[4]);
  ASSERT_EQ(toko.messages.size(), 1u);
  EXPECT_THAT(testing::read_message(*store, folders[4], toko.messages[0]),
              HasSubstr("Subject: toko\r\n\r\nRp 10.000\r\n"));
  auto kerja = testing::scan_all(*store, folders[3]);
  EXPECT_TRUE(kerja.messages.empty());
  auto trash = testing::scan_all(*store, folders[5]);
  EXPECT_TRUE(trash.messages.empty());
  EXPECT_TRUE(trash.problems.empty());
  for (const auto& m : inbox.messages) testing::read_message(*store, folders[2], m);
  EXPECT_EQ(testing::fingerprint(dir / "p/Mail/Local Folders/Inbox"), before);
}

TEST(ThunderbirdStore, WithoutPrefsJsEveryMailDirectoryButFeedsCounts) {
  TempDir dir;
  write_profile(dir);
  std::filesystem::remove(dir / "p/prefs.js");
  auto store = make_thunderbird_profile_store(dir / "p");
  auto folders = *store->folders(CancelToken{});
  for (const auto& f : folders) {
    EXPECT_NE(f.path.front(), "Feeds");
    EXPECT_THAT(f.location, ::testing::Not(HasSubstr("ImapMail")));
  }
  EXPECT_EQ(folders.size(), 10u);
}

TEST(ThunderbirdStore, OneMailDirectoryOpensAsAStore) {
  TempDir dir;
  write_profile(dir);
  auto store = open_store(dir / "p/Mail/Local Folders");
  ASSERT_TRUE(store) << store.error().message;
  auto folders = (*store)->folders(CancelToken{});
  ASSERT_TRUE(folders);
  EXPECT_EQ(folders->size(), 7u);
  auto profile = open_store(dir / "p");
  ASSERT_TRUE(profile);
  EXPECT_EQ((*profile)->folders(CancelToken{})->size(), 10u);
}

TEST(ThunderbirdStore, ThunderbirdsOwnDirectoryOpensItsDefaultProfile) {
  TempDir dir;
  write_profile(dir);
  dir.write("profiles.ini", "[Profile0]\nName=x\nIsRelative=1\nPath=p\nDefault=1\n");
  auto store = open_store(dir.path());
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ((*store)->folders(CancelToken{})->size(), 10u);
}

TEST(ThunderbirdStore, ReadsThunderbirdsMaildirStoreToo) {
  TempDir dir;
  std::filesystem::create_directories(dir / "Local Folders/Inbox/tmp");
  dir.write("Local Folders/Inbox/cur/1700000000000.eml",
            "X-Mozilla-Status: 0005\nSubject: one\n\nbody\n");
  dir.write("Local Folders/Inbox.msf", "");
  dir.write("Local Folders/Inbox.sbd/Tokó/cur/1.eml", "X-Mozilla-Status: 0008\nSubject: x\n\n.\n");
  auto store = make_thunderbird_mail_dir_store(dir / "Local Folders");
  auto folders = store->folders(CancelToken{});
  ASSERT_TRUE(folders);
  EXPECT_THAT(summary(*folders), ElementsAre(Folder{"Inbox", FolderRole::inbox, true},
                                             Folder{"Inbox/Tokó", FolderRole::other, true}));
  auto inbox = testing::scan_all(*store, (*folders)[0]);
  ASSERT_EQ(inbox.messages.size(), 1u);
  EXPECT_EQ(inbox.messages[0].key, "1700000000000.eml");
  EXPECT_THAT(inbox.messages[0].flags, ElementsAre("\\Seen", "\\Flagged"));
  EXPECT_EQ(testing::read_message(*store, (*folders)[0], inbox.messages[0]),
            "X-Mozilla-Status: 0005\r\nSubject: one\r\n\r\nbody\r\n");
  auto toko = testing::scan_all(*store, (*folders)[1]);
  ASSERT_EQ(toko.messages.size(), 1u);
  EXPECT_TRUE(toko.messages[0].deleted);
}

TEST(ThunderbirdStore, IgnoresFilesThatAreNotFolders) {
  EXPECT_TRUE(is_thunderbird_ignored_file("Inbox.msf"));
  EXPECT_TRUE(is_thunderbird_ignored_file("popstate.dat"));
  EXPECT_TRUE(is_thunderbird_ignored_file("filterlog.html"));
  EXPECT_TRUE(is_thunderbird_ignored_file("junklog.html"));
  EXPECT_TRUE(is_thunderbird_ignored_file("folderTree.json"));
  EXPECT_TRUE(is_thunderbird_ignored_file(".hidden"));
  EXPECT_FALSE(is_thunderbird_ignored_file("Inbox"));
  EXPECT_FALSE(is_thunderbird_ignored_file("Kerja.2024"));
  EXPECT_FALSE(is_thunderbird_ignored_file("Tokó"));
}

}  // namespace
}  // namespace mailassist::migrate
