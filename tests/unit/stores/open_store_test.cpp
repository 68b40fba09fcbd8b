#include "migrate/stores/open_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using testing::TempDir;

TEST(OpenStore, AnMboxFileIsAStoreWithOneFolder) {
  TempDir dir;
  auto file = dir.write("Terkirim.mbox", "\nFrom a@b Thu Nov 26 22:33:05 2026\n\nx\n");
  auto store = open_store(file);
  ASSERT_TRUE(store) << store.error().message;
  auto folders = (*store)->folders(CancelToken{});
  ASSERT_TRUE(folders);
  ASSERT_EQ(folders->size(), 1u);
  EXPECT_EQ(folders->front().path, std::vector<std::string>{"Terkirim"});
  EXPECT_EQ(folders->front().role, FolderRole::sent);
  EXPECT_THAT((*store)->description(), HasSubstr("Terkirim.mbox"));
}

TEST(OpenStore, DetectsEachKindOfStore) {
  TempDir dir;
  dir.write("profile/prefs.js", "");
  dir.write("maildir/cur/1.eml", "");
  dir.write("maildir/new/2", "");
  dir.write("local/Inbox", "");
  dir.write("local/Inbox.msf", "");
  dir.write("eml/one.eml", "Subject: x\n\nx\n");
  EXPECT_EQ(*detect_store(dir / "profile"), StoreKind::thunderbird_profile);
  EXPECT_EQ(*detect_store(dir / "maildir"), StoreKind::maildir);
  EXPECT_EQ(*detect_store(dir / "local"), StoreKind::thunderbird_mail_dir);
  EXPECT_EQ(*detect_store(dir / "eml"), StoreKind::eml_dir);
}

TEST(OpenStore, SaysPlainlyWhatItCannotOpen) {
  TempDir dir;
  auto text = dir.write("notes.txt", "just some notes\n");
  auto missing = open_store(dir / "missing");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr("does not exist"));
  auto not_mbox = open_store(text);
  ASSERT_FALSE(not_mbox);
  EXPECT_EQ(not_mbox.error().kind, ErrorKind::invalid_input);
  std::filesystem::create_directories(dir.path() / "nothing");
  EXPECT_FALSE(open_store(dir.path() / "nothing"));
}

// With libpst, pst_store_test.cpp reads the file; without it the user is told why not.
TEST(OpenStore, APstIsRefusedPlainlyByABuildWithoutLibpst) {
  TempDir dir;
  auto pst = dir.write("backup.pst", std::string("!BDN") + std::string(600, '\0'));
  EXPECT_EQ(*detect_store(pst), StoreKind::pst_file);
  auto store = open_store(pst);
  ASSERT_FALSE(store);
  EXPECT_EQ(store.error().kind, ErrorKind::invalid_input);
#ifdef MAILASSIST_HAVE_LIBPST
  EXPECT_THAT(store.error().message, Not(HasSubstr("no Outlook .pst support")));
#else
  EXPECT_THAT(store.error().message,
              HasSubstr("this build has no Outlook .pst support (libpst was not found when it "
                        "was built)"));
#endif
}

}  // namespace
}  // namespace mailassist::migrate
