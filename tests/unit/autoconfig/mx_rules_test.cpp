// The MX source's rules: which MX host is followed, when it is the domain's own, which
// provider domains are asked, and the bundled presets found through the MX host (the
// presets are read from the source tree, so this checks what ships).
#include "autoconfig/mx_rules.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

const PresetCatalog& catalog() {
  static const PresetCatalog loaded = [] {
    auto result = PresetCatalog::load(MAILASSIST_PROVIDERS_DIR);
    EXPECT_TRUE(result) << result.error().message;
    return result ? std::move(*result) : PresetCatalog();
  }();
  return loaded;
}

TEST(MostPreferredMx, LowestPreferenceWinsWhateverTheOrder) {
  EXPECT_EQ(most_preferred_mx({{20, "b.mx.test"}, {10, "a.mx.test"}}), "a.mx.test");
  EXPECT_EQ(most_preferred_mx({{5, "Alt1.ASPMX.L.Google.COM."}, {1, "ASPMX.L.GOOGLE.COM."}}),
            "aspmx.l.google.com");
}

TEST(MostPreferredMx, EqualPreferencePicksTheSmallerNameSoEveryRunAgrees) {
  EXPECT_EQ(most_preferred_mx({{10, "mx2.p.test"}, {10, "mx1.p.test"}}), "mx1.p.test");
}

TEST(MostPreferredMx, NullMxAndNoRecordsGiveNothing) {
  EXPECT_EQ(most_preferred_mx({{0, "."}}), "");
  EXPECT_EQ(most_preferred_mx({{0, ""}}), "");
  EXPECT_EQ(most_preferred_mx({}), "");
}

TEST(OwnMx, TheDomainOrItsSubdomainOrTheSameRegistrableDomainIsOwn) {
  EXPECT_TRUE(is_own_mx("mx.isp.test", "isp.test"));
  EXPECT_TRUE(is_own_mx("isp.test", "isp.test"));
  EXPECT_TRUE(is_own_mx("MX.Example.co.uk.", "example.co.uk"));
  EXPECT_FALSE(is_own_mx("mx1.hosting-provider.test", "mx-hosted.test"));
  EXPECT_FALSE(is_own_mx("aspmx.l.google.com", "mx-google.test"));
  // A subdomain's address whose MX is at the parent organisation: followed, not own.
  EXPECT_FALSE(is_own_mx("mx.example.com", "mail.example.com"));
}

TEST(MxProviderDomains, ParentThenRegistrableWithoutRepeats) {
  EXPECT_EQ(mx_provider_domains("mx1.hosting-provider.test", "mx-hosted.test"),
            (std::vector<std::string>{"hosting-provider.test"}));
  EXPECT_EQ(mx_provider_domains("aspmx.l.google.com", "mx-google.test"),
            (std::vector<std::string>{"l.google.com", "google.com"}));
  EXPECT_EQ(mx_provider_domains("mx.example.com", "mail.example.com"),
            (std::vector<std::string>{"example.com"}));
}

TEST(MxProviderDomains, NeverTheAddressesOwnDomainNorATld) {
  EXPECT_TRUE(mx_provider_domains("mx.example.com", "example.com").empty());
  EXPECT_TRUE(mx_provider_domains("localhost", "example.com").empty());
}

TEST(MxAutoconfigUrl, IsTheProvidersAutoconfigHostOverHttps) {
  EXPECT_EQ(mx_autoconfig_url("hosting-provider.test"),
            "https://autoconfig.hosting-provider.test/mail/config-v1.1.xml");
}

TEST(MxPreset, GooglesMxHostsFindTheWorkspacePresetByPattern) {
  auto match = find_mx_preset(catalog(), "ASPMX.L.GOOGLE.COM.");
  ASSERT_NE(match.preset, nullptr);
  EXPECT_EQ(match.matched_by, "MX pattern");
  EXPECT_EQ(match.preset->incoming.front().host, "imap.gmail.com");
  EXPECT_NE(find_mx_preset(catalog(), "alt1.aspmx.l.google.com").preset, nullptr);
}

TEST(MxPreset, Microsoft365IsFoundByPatternBeforeOutlookComByDomain) {
  auto match = find_mx_preset(catalog(), "contoso-com.mail.protection.outlook.com");
  ASSERT_NE(match.preset, nullptr);
  EXPECT_EQ(match.matched_by, "MX pattern");
  EXPECT_EQ(match.preset->provenance.url, "providers/office365.com.xml");
}

TEST(MxPreset, AProviderDomainWithoutPatternIsFoundByTheHostsDomain) {
  auto match = find_mx_preset(catalog(), "mx01.mail.icloud.com");
  ASSERT_NE(match.preset, nullptr);
  EXPECT_EQ(match.matched_by, "icloud.com");
}

TEST(MxPreset, AnUnknownProviderHasNone) {
  EXPECT_EQ(find_mx_preset(catalog(), "mx1.hosting-provider.test").preset, nullptr);
}

TEST(MxPreset, ThePresetAnswersAsTheMxSourceUntrustedWithTheReasonInAWarning) {
  auto match = find_mx_preset(catalog(), "aspmx.l.google.com");
  ASSERT_NE(match.preset, nullptr);
  auto config = config_from_mx_preset(*match.preset, "aspmx.l.google.com", "Mx-Google.test");
  EXPECT_EQ(config.provenance.source, "mx");
  EXPECT_FALSE(config.provenance.trusted);
  ASSERT_EQ(config.provenance.warnings.size(), 1u);
  const auto& warning = config.provenance.warnings[0];
  EXPECT_NE(warning.find("mx-google.test goes to " + match.preset->display_name), std::string::npos)
      << warning;
  EXPECT_NE(warning.find("aspmx.l.google.com"), std::string::npos) << warning;
  EXPECT_EQ(config.incoming, match.preset->incoming);
}

TEST(MxProvider, DocumentsFoundThroughTheMxAreUntrustedAndNameTheHost) {
  AccountConfig config;
  config.provenance.source = "ispdb";
  config.provenance.trusted = true;
  mark_from_mx_provider(config, "mx1.hosting-provider.test", "mx-hosted.test");
  EXPECT_EQ(config.provenance.source, "mx");
  EXPECT_FALSE(config.provenance.trusted);
  ASSERT_EQ(config.provenance.warnings.size(), 1u);
  EXPECT_NE(config.provenance.warnings[0].find("mx1.hosting-provider.test"), std::string::npos);
  EXPECT_NE(config.provenance.warnings[0].find("mx-hosted.test"), std::string::npos);
}

}  // namespace
}  // namespace mailassist::autoconfig
