#include "autoconfig/preset_catalog.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "autoconfig/preset_source.hpp"

namespace mailassist::autoconfig {
namespace {

TEST(MxPattern, WildcardMatchesOneOrMoreLabelsBeforeTheSuffix) {
  EXPECT_TRUE(mx_pattern_matches("*.google.com", "aspmx.l.google.com"));
  EXPECT_TRUE(mx_pattern_matches("*.google.com", "ALT1.ASPMX.L.GOOGLE.COM."));
  EXPECT_FALSE(mx_pattern_matches("*.google.com", "google.com"));
  EXPECT_FALSE(mx_pattern_matches("*.google.com", "evilgoogle.com"));
  EXPECT_FALSE(mx_pattern_matches("*.google.com", "google.com.evil.test"));
  EXPECT_TRUE(mx_pattern_matches("mx.example.test", "MX.example.test"));
  EXPECT_FALSE(mx_pattern_matches("mx.example.test", "a.mx.example.test"));
}

class PresetCatalogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) / "presets";
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void write(const std::string& name, const std::string& xml) { std::ofstream(dir_ / name) << xml; }
  std::filesystem::path dir_;
};

constexpr const char* kExample = R"(<clientConfig version="1.1"
    xmlns:ma="https://mailassist.invalid/ns/provider-1">
  <emailProvider id="example.test">
    <domain>example.test</domain><domain>example-mail.test</domain>
    <ma:mxHost>*.mx.example.test</ma:mxHost>
    <incomingServer type="imap"><hostname>imap.example.test</hostname><port>993</port>
      <socketType>SSL</socketType></incomingServer>
  </emailProvider></clientConfig>)";

TEST_F(PresetCatalogTest, FindsPresetsByDomainAndByMxHost) {
  write("example.test.xml", kExample);
  write("README.md", "not a preset");
  auto catalog = PresetCatalog::load(dir_);
  ASSERT_TRUE(catalog) << catalog.error().message;
  ASSERT_EQ(catalog->presets().size(), 1u);
  const auto* by_domain = catalog->find_by_domain("Example-Mail.test");
  ASSERT_NE(by_domain, nullptr);
  EXPECT_EQ(by_domain->provenance.source, "preset");
  EXPECT_EQ(by_domain->provenance.url, "providers/example.test.xml");
  EXPECT_TRUE(by_domain->provenance.trusted);
  EXPECT_EQ(catalog->find_by_mx_host("in1.mx.example.test"), by_domain);
  EXPECT_EQ(catalog->find_by_domain("other.test"), nullptr);
  EXPECT_EQ(catalog->find_by_mx_host("mx.other.test"), nullptr);
}

TEST_F(PresetCatalogTest, ABrokenPresetIsAnErrorNamingTheFile) {
  write("broken.xml", "<clientConfig><emailProvider>");
  auto catalog = PresetCatalog::load(dir_);
  ASSERT_FALSE(catalog);
  EXPECT_NE(catalog.error().message.find("broken.xml"), std::string::npos);
}

TEST_F(PresetCatalogTest, AMissingDirectoryIsAnIoError) {
  auto catalog = PresetCatalog::load(dir_ / "missing");
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().kind, ErrorKind::io_error);
}

TEST_F(PresetCatalogTest, ThePresetSourceReportsItsLookup) {
  write("example.test.xml", kExample);
  auto catalog = std::make_shared<PresetCatalog>(*PresetCatalog::load(dir_));
  auto source = make_preset_source(catalog);
  DetectContext context;
  context.domain = "example.test";
  auto found = source.run(context, Deadline::never());
  ASSERT_EQ(found.configs.size(), 1u);
  ASSERT_EQ(found.lookups.size(), 1u);
  EXPECT_EQ(found.lookups[0].result, LookupResult::found);
  context.domain = "nowhere.test";
  auto none = source.run(context, Deadline::never());
  EXPECT_TRUE(none.configs.empty());
  EXPECT_EQ(none.lookups[0].result, LookupResult::none);
}

}  // namespace
}  // namespace mailassist::autoconfig
