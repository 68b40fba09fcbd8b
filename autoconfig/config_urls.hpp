#pragma once
// The URLs detection asks for settings documents, built in one place so that every source
// (and the MX source, which asks the same places for the MX host's domain) spells them the
// same way. Pure functions: no I/O.
#include <string>
#include <string_view>

namespace mailassist::autoconfig {

// Percent-encodes everything but RFC 3986's unreserved characters (section 2.3), so an
// address such as "a+b@x.test" is one query value: "a%2Bb%40x.test".
std::string url_encode_component(std::string_view text);

// A name we may put into a URL's authority: letters, digits, '-', '_' and dots, labels of
// 1-63 characters, at most 253 in all (RFC 1035 section 2.3.4). Rejects '/', '?', '@', ':'
// and the like, which would turn a typed address into a different URL.
bool is_plausible_domain(std::string_view domain);

// Thunderbird's ISP autoconfig location: SCHEME://autoconfig.DOMAIN/mail/config-v1.1.xml
// ?emailaddress=ADDRESS. Scheme is "https" or "http".
std::string isp_autoconfig_url(std::string_view scheme, std::string_view domain,
                               std::string_view email);

// The well-known location: SCHEME://DOMAIN/.well-known/autoconfig/mail/config-v1.1.xml.
std::string well_known_autoconfig_url(std::string_view scheme, std::string_view domain);

// ISPDB_URL/DOMAIN with exactly one '/' between them, whatever the base ends with.
std::string ispdb_lookup_url(std::string_view ispdb_url, std::string_view domain);

// Outlook's Autodiscover endpoint on HOST (and PORT when it is not 443):
// https://HOST[:PORT]/autodiscover/autodiscover.xml.
std::string autodiscover_url(std::string_view host, unsigned port = 443);

}  // namespace mailassist::autoconfig
