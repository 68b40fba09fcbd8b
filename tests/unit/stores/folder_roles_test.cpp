#include "migrate/stores/folder_roles.hpp"

#include <gtest/gtest.h>

namespace mailassist::migrate {
namespace {

TEST(FolderRoles, ThunderbirdOnDiskNames) {
  EXPECT_EQ(role_from_name("Inbox"), FolderRole::inbox);
  EXPECT_EQ(role_from_name("Sent"), FolderRole::sent);
  EXPECT_EQ(role_from_name("Drafts"), FolderRole::drafts);
  EXPECT_EQ(role_from_name("Trash"), FolderRole::trash);
  EXPECT_EQ(role_from_name("Junk"), FolderRole::junk);
  EXPECT_EQ(role_from_name("Archives"), FolderRole::archive);
  EXPECT_EQ(role_from_name("Templates"), FolderRole::other);
  EXPECT_EQ(role_from_name("Unsent Messages"), FolderRole::other);
}

TEST(FolderRoles, IndonesianNames) {
  EXPECT_EQ(role_from_name("Kotak Masuk"), FolderRole::inbox);
  EXPECT_EQ(role_from_name("Terkirim"), FolderRole::sent);
  EXPECT_EQ(role_from_name("Draf"), FolderRole::drafts);
  EXPECT_EQ(role_from_name("Konsep"), FolderRole::drafts);
  EXPECT_EQ(role_from_name("Sampah"), FolderRole::trash);
  EXPECT_EQ(role_from_name("Spam"), FolderRole::junk);
  EXPECT_EQ(role_from_name("Arsip"), FolderRole::archive);
}

TEST(FolderRoles, OtherLanguagesAndCase) {
  EXPECT_EQ(role_from_name("INBOX"), FolderRole::inbox);
  EXPECT_EQ(role_from_name("sent items"), FolderRole::sent);
  EXPECT_EQ(role_from_name("Entwürfe"), FolderRole::drafts);
  EXPECT_EQ(role_from_name("Corbeille"), FolderRole::trash);
  EXPECT_EQ(role_from_name("Корзина"), FolderRole::trash);
  EXPECT_EQ(role_from_name("Kerja & Proyek"), FolderRole::other);
  EXPECT_EQ(role_from_name(""), FolderRole::other);
}

}  // namespace
}  // namespace mailassist::migrate
