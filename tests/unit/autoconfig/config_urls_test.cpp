// The URLs detection asks: the address percent-encoded as one query value, exactly one '/'
// before the ISPDB's domain, and domains that cannot smuggle a different URL in.
#include "autoconfig/config_urls.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

TEST(ConfigUrls, IspAutoconfigUrlEncodesTheAddressAsOneQueryValue) {
  EXPECT_EQ(
      isp_autoconfig_url("https", "example.test", "alice@example.test"),
      "https://autoconfig.example.test/mail/config-v1.1.xml?emailaddress=alice%40example.test");
  EXPECT_EQ(isp_autoconfig_url("http", "example.test", "a+b&c=d@example.test"),
            "http://autoconfig.example.test/mail/config-v1.1.xml?emailaddress="
            "a%2Bb%26c%3Dd%40example.test");
}

TEST(ConfigUrls, UrlEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(url_encode_component("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(url_encode_component(" /?#%"), "%20%2F%3F%23%25");
  EXPECT_EQ(url_encode_component("j\xC3\xB6rg"), "j%C3%B6rg");  // UTF-8 bytes, upper-case hex
  EXPECT_EQ(url_encode_component(""), "");
}

TEST(ConfigUrls, WellKnownUrlIsOnTheDomainItself) {
  EXPECT_EQ(well_known_autoconfig_url("https", "example.test"),
            "https://example.test/.well-known/autoconfig/mail/config-v1.1.xml");
  EXPECT_EQ(well_known_autoconfig_url("http", "example.test"),
            "http://example.test/.well-known/autoconfig/mail/config-v1.1.xml");
}

struct IspdbRow {
  const char* base;
  const char* expected;
};

class IspdbUrl : public ::testing::TestWithParam<IspdbRow> {};

TEST_P(IspdbUrl, HasExactlyOneSlashBeforeTheDomain) {
  EXPECT_EQ(ispdb_lookup_url(GetParam().base, "example.test"), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Bases, IspdbUrl,
    ::testing::Values(IspdbRow{"https://autoconfig.thunderbird.net/v1.1/",
                               "https://autoconfig.thunderbird.net/v1.1/example.test"},
                      IspdbRow{"https://autoconfig.thunderbird.net/v1.1",
                               "https://autoconfig.thunderbird.net/v1.1/example.test"},
                      IspdbRow{"https://ispdb.test/v1.1//", "https://ispdb.test/v1.1/example.test"},
                      IspdbRow{"https://ispdb.test", "https://ispdb.test/example.test"}));

TEST(ConfigUrls, AutodiscoverUrlNamesThePortOnlyWhenItIsNot443) {
  EXPECT_EQ(autodiscover_url("autodiscover.example.test"),
            "https://autodiscover.example.test/autodiscover/autodiscover.xml");
  EXPECT_EQ(autodiscover_url("ad.hoster.test.", 8443),
            "https://ad.hoster.test:8443/autodiscover/autodiscover.xml");
}

TEST(ConfigUrls, PlausibleDomainsAreDnsNamesOnly) {
  EXPECT_TRUE(is_plausible_domain("example.test"));
  EXPECT_TRUE(is_plausible_domain("xn--bcher-kva.example"));
  EXPECT_TRUE(is_plausible_domain("localhost"));
  EXPECT_FALSE(is_plausible_domain(""));
  EXPECT_FALSE(is_plausible_domain("evil.test/path?"));
  EXPECT_FALSE(is_plausible_domain("user@evil.test"));
  EXPECT_FALSE(is_plausible_domain("evil.test:8080"));
  EXPECT_FALSE(is_plausible_domain("a..b"));
  EXPECT_FALSE(is_plausible_domain(".example.test"));
  EXPECT_FALSE(is_plausible_domain("example.test."));  // an address's domain has no root dot
  EXPECT_FALSE(is_plausible_domain(std::string(64, 'a') + ".test"));
  EXPECT_FALSE(is_plausible_domain(std::string(254, 'a')));
}

}  // namespace
}  // namespace mailassist::autoconfig
