// The name relations detection's trust rules use: inside the domain or not, parent domain,
// and the registrable domain by the Public Suffix List (libpsl).
#include "autoconfig/domain_names.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

TEST(DomainNames, NormalizeLowerCasesAndDropsTheTrailingDot) {
  EXPECT_EQ(normalize_host("Mail.Example.TEST."), "mail.example.test");
  EXPECT_EQ(normalize_host("."), "");
  EXPECT_EQ(normalize_host(""), "");
}

struct WithinRow {
  const char* host;
  const char* domain;
  bool within;
};

TEST(DomainNames, WithinTheDomainMeansTheDomainOrBelowIt) {
  const WithinRow rows[] = {
      {"example.test", "example.test", true},
      {"imap.example.test", "example.test", true},
      {"a.b.example.test.", "EXAMPLE.test", true},
      {"badexample.test", "example.test", false},
      {"example.test.evil", "example.test", false},
      {"test", "example.test", false},
      {"mail.outside-host.test", "srv-outside.test", false},
      {"", "example.test", false},
      {"example.test", "", false},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(is_within_domain(row.host, row.domain), row.within)
        << row.host << " in " << row.domain;
  }
}

TEST(DomainNames, ParentDomainDropsTheFirstLabelButNeverReturnsATld) {
  EXPECT_EQ(parent_domain("mx1.hosting-provider.test"), "hosting-provider.test");
  EXPECT_EQ(parent_domain("aspmx.l.google.com."), "l.google.com");
  EXPECT_EQ(parent_domain("example.test"), "");
  EXPECT_EQ(parent_domain("localhost"), "");
}

TEST(DomainNames, RegistrableDomainFollowsThePublicSuffixList) {
  EXPECT_EQ(registrable_domain("aspmx.l.google.com"), "google.com");
  EXPECT_EQ(registrable_domain("ALT1.ASPMX.L.GOOGLE.COM."), "google.com");
  EXPECT_EQ(registrable_domain("mail.example.co.uk"), "example.co.uk");
  EXPECT_EQ(registrable_domain("example.co.uk"), "example.co.uk");
  EXPECT_EQ(registrable_domain("contoso-com.mail.protection.outlook.com"), "outlook.com");
}

TEST(DomainNames, AnUnlistedTldFallsUnderTheDefaultRule) {
  // The local internet's .test names: "*" makes "test" the suffix.
  EXPECT_EQ(registrable_domain("mx1.hosting-provider.test"), "hosting-provider.test");
  EXPECT_EQ(registrable_domain("mx.isp.test"), "isp.test");
}

TEST(DomainNames, APublicSuffixHasNoRegistrableDomain) {
  EXPECT_EQ(registrable_domain("co.uk"), "");
  EXPECT_EQ(registrable_domain("com"), "");
  EXPECT_EQ(registrable_domain(""), "");
}

}  // namespace
}  // namespace mailassist::autoconfig
