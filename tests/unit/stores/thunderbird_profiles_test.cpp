#include "migrate/stores/thunderbird_profiles.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

// Points HOME at a temporary directory for one test.
class ThunderbirdProfiles : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* home = std::getenv("HOME")) saved_ = home;
    setenv("HOME", home_.path().c_str(), 1);
  }
  void TearDown() override {
    if (saved_) {
      setenv("HOME", saved_->c_str(), 1);
    } else {
      unsetenv("HOME");
    }
  }
  TempDir home_;
  std::optional<std::string> saved_;
};

TEST_F(ThunderbirdProfiles, ReadsRelativeAndAbsolutePathsAndTheDefault) {
  TempDir elsewhere;
  home_.write(".thunderbird/profiles.ini",
              "\xEF\xBB\xBF[General]\r\nStartWithLastProfile=1\r\n\r\n"
              "[Profile1]\r\nName=work\r\nIsRelative=0\r\nPath=" +
                  elsewhere.path().string() +
                  "\r\n\r\n"
                  "[Profile0]\r\nName=default\r\nIsRelative=1\r\nPath=abcd1234.default\r\n"
                  "Default=1\r\n");
  auto found = find_thunderbird_profiles();
  ASSERT_TRUE(found) << found.error().message;
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].name, "work");
  EXPECT_EQ((*found)[0].path, elsewhere.path());
  EXPECT_FALSE((*found)[0].is_default);
  EXPECT_EQ((*found)[1].name, "default");
  EXPECT_EQ((*found)[1].path, home_.path() / ".thunderbird" / "abcd1234.default");
  EXPECT_TRUE((*found)[1].is_default);
}

TEST_F(ThunderbirdProfiles, AnInstallationsDefaultWinsOverDefaultOne) {
  home_.write(".thunderbird/profiles.ini",
              "[Profile0]\nName=old\nIsRelative=1\nPath=old.default\nDefault=1\n"
              "[Profile1]\nName=new\nIsRelative=1\nPath=new.default-release\n");
  home_.write(".thunderbird/installs.ini", "[4F96D1932A9F858E]\nDefault=new.default-release\n");
  auto found = find_thunderbird_profiles();
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 2u);
  EXPECT_FALSE((*found)[0].is_default);
  EXPECT_TRUE((*found)[1].is_default);
}

TEST_F(ThunderbirdProfiles, FindsSnapAndFlatpakInstallations) {
  home_.write("snap/thunderbird/common/.thunderbird/profiles.ini",
              "[Profile0]\nName=snap\nIsRelative=1\nPath=s.default\n");
  home_.write(".var/app/org.mozilla.Thunderbird/.thunderbird/profiles.ini",
              "[Profile0]\nName=flatpak\nIsRelative=1\nPath=f.default\n");
  auto found = find_thunderbird_profiles();
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 2u);
  EXPECT_EQ((*found)[0].name, "snap");
  EXPECT_EQ((*found)[1].name, "flatpak");
}

TEST_F(ThunderbirdProfiles, SaysWhereItLookedWhenThereIsNone) {
  auto found = find_thunderbird_profiles();
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().kind, ErrorKind::invalid_input);
  EXPECT_THAT(found.error().message, HasSubstr(".thunderbird"));
}

TEST_F(ThunderbirdProfiles, IgnoresMalformedLines) {
  home_.write(".thunderbird/profiles.ini",
              "garbage before any section\n[Profile0\nPath=x\n[Profile1]\nno equals sign\n"
              "Path=good.default\nIsRelative=1\n[Profile2]\nName=no path\n");
  auto found = find_thunderbird_profiles();
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ((*found)[0].name, "good.default");
}

}  // namespace
}  // namespace mailassist::migrate
