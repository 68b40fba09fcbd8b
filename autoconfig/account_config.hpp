#pragma once
// The account model: what every settings source produces, what the login checks test and
// what the exporters write. Its XML form is Thunderbird's clientConfig v1.1.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailassist::autoconfig {

enum class Protocol { imap, pop3, smtp };
enum class Security {
  tls,       // implicit TLS from the first byte (RFC 8314 section 3)
  starttls,  // plain connect, then STARTTLS / STLS before anything secret
  none,      // no encryption at all
};

constexpr std::string_view to_string(Protocol p) {
  switch (p) {
    case Protocol::imap: return "imap";
    case Protocol::pop3: return "pop3";
    case Protocol::smtp: return "smtp";
  }
  return "imap";
}

constexpr std::string_view to_string(Security s) {
  switch (s) {
    case Security::tls: return "tls";
    case Security::starttls: return "starttls";
    case Security::none: return "none";
  }
  return "none";
}

std::optional<Protocol> parse_protocol(std::string_view text);
// Accepts our names and clientConfig's socketType words (SSL, STARTTLS, plain).
std::optional<Security> parse_security(std::string_view text);

// Ports clients use when nothing else is known (RFC 8314 section 7, RFC 6409).
std::uint16_t default_port(Protocol protocol, Security security);

bool is_incoming(Protocol protocol);

struct ServerConfig {
  Protocol protocol = Protocol::imap;
  std::string host;
  std::uint16_t port = 0;
  Security security = Security::tls;
  // A template: %EMAILADDRESS%, %EMAILLOCALPART%, %EMAILDOMAIN% (clientConfig v1.1).
  std::string username = "%EMAILADDRESS%";
  // clientConfig's authentication values in preference order: password-cleartext,
  // password-encrypted, OAuth2, ...
  std::vector<std::string> auth{"password-cleartext"};

  bool operator==(const ServerConfig&) const = default;
};

struct Pop3Options {
  bool leave_on_server = true;
  int days_to_leave = 0;  // 0 = keep for ever
  bool operator==(const Pop3Options&) const = default;
};

// Where a configuration came from and how far it can be trusted.
struct Provenance {
  std::string source;  // preset, autoconfig, well-known, ispdb, mx, srv, autodiscover, guess
  std::string url;     // or the DNS record
  bool trusted = false;
  std::vector<std::string> warnings;
};

// A help page the provider names (clientConfig's <documentation url=""><descr>), e.g.
// Gmail's "Sign in with app passwords": printed on the setup sheet for people to read.
struct HelpPage {
  std::string url;  // http: or https: only
  std::string description;
  bool operator==(const HelpPage&) const = default;
};

struct AccountConfig {
  std::string id;  // clientConfig emailProvider id, e.g. "gmail.com"
  std::vector<std::string> domains;
  std::string display_name;            // "Gmail"
  std::vector<ServerConfig> incoming;  // IMAP and/or POP3, best first
  std::vector<ServerConfig> outgoing;  // SMTP, best first
  Pop3Options pop3;
  Provenance provenance;
  // Presets only: MX host patterns ("*.google.com") that recognise a custom domain hosted
  // by this provider. A MailAssist extension element, ignored by other clientConfig readers.
  std::vector<std::string> mx_patterns;
  std::vector<HelpPage> help_pages;
};

// Fills a username template for an address. Unknown placeholders are left as they are.
std::string expand_username(std::string_view username_template, std::string_view email);

// "alice@example.test" -> "example.test"; empty when the address has no '@'.
std::string domain_of(std::string_view email);

}  // namespace mailassist::autoconfig
