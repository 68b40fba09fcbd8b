#pragma once
// Relations between DNS names that detection's trust rules depend on: is a host inside the
// address's domain, and which registrable domain (the part a registrant owns, found with
// the Public Suffix List) does a host belong to. The only file that knows libpsl.
#include <string>
#include <string_view>

namespace mailassist::autoconfig {

// "Mail.Example.TEST." -> "mail.example.test": lower case, no trailing dot. DNS names are
// compared without case (RFC 4343) and a trailing dot only marks them as absolute.
std::string normalize_host(std::string_view host);

// True when `host` is `domain` itself or a name below it ("imap.example.test" is inside
// "example.test"; "badexample.test" and "example.test.evil" are not).
bool is_within_domain(std::string_view host, std::string_view domain);

// "mx1.hosting-provider.test" -> "hosting-provider.test"; empty when `host` has a single
// label or is the domain apex already.
std::string parent_domain(std::string_view host);

// The registrable domain of `host` by the Public Suffix List (Debian's publicsuffix via
// libpsl, the newer of the packaged list and libpsl's built-in one):
// "aspmx.l.google.com" -> "google.com", "mail.example.co.uk" -> "example.co.uk". Empty when
// the host is itself a public suffix ("co.uk") or has no registrable part. A name under a
// TLD the list does not know (".test") falls under its default rule "*": "a.b.test" ->
// "b.test". Thread-safe.
std::string registrable_domain(std::string_view host);

}  // namespace mailassist::autoconfig
