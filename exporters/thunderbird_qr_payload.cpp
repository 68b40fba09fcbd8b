#include "exporters/thunderbird_qr_payload.hpp"

#include <nlohmann/json.hpp>

namespace mailassist::exporters {

namespace {

using autoconfig::Protocol;
using autoconfig::Security;
using autoconfig::ServerConfig;
using nlohmann::json;

constexpr int kFormatVersion = 1;

// "ConnectionSecurity": 0 Plain, 1 reserved (legacy), 2 AlwaysStartTls, 3 Tls.
int connection_security(Security security) {
  switch (security) {
    case Security::none: return 0;
    case Security::starttls: return 2;
    case Security::tls: return 3;
  }
  return 3;
}

// "AuthenticationType" for clientConfig's authentication words; nullopt for words the
// format has no number for (e.g. client-IP-address), which are skipped.
std::optional<int> authentication_type(const std::string& auth) {
  if (auth == "none") return 0;
  if (auth == "password-cleartext") return 1;
  if (auth == "password-encrypted") return 2;
  if (auth == "GSSAPI") return 3;
  if (auth == "NTLM") return 4;
  if (auth == "TLS-client-cert") return 5;
  if (auth == "OAuth2") return 6;
  return std::nullopt;
}

bool has_line_break(const std::string& text) {
  return text.find_first_of("\r\n") != std::string::npos;
}

// The reader accepts only ASCII host names (an IDN in its ACE form): letters, digits and
// hyphens in dot-separated labels of 1-63 characters, at most 253 in all (RFC 1035 2.3.4).
bool is_ascii_hostname(const std::string& host) {
  if (host.empty() || host.size() > 253) return false;
  std::size_t label = 0;
  for (char c : host) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
      continue;
    }
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok || ++label > 63) return false;
  }
  return label > 0;  // no trailing dot: the reader's host name check is not ours to guess
}

// "Currently only ASCII-only email addresses are allowed."
bool is_ascii_address(const std::string& email) {
  auto at = email.find('@');
  if (at == std::string::npos || at == 0 || at + 1 == email.size()) return false;
  for (char c : email) {
    auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
  }
  return true;
}

Error unfit(const std::string& what) {
  return make_error(ErrorKind::invalid_input,
                    "the Thunderbird for Android QR code cannot hold these settings: " + what);
}

// Protocol, Hostname, Port, ConnectionSecurity, AuthenticationType, Username: the start of
// both server arrays.
Result<json> server_array(const ServerConfig& server, int protocol, const std::string& email) {
  const std::string name(to_string(server.protocol));
  if (!is_ascii_hostname(server.host))
    return unfit(name + " host '" + server.host + "' is not an ASCII host name");
  if (server.port == 0) return unfit(name + " server has no port");
  std::optional<int> auth;
  for (const auto& word : server.auth) {
    if ((auth = authentication_type(word))) break;
  }
  if (server.auth.empty()) auth = 1;  // clientConfig's default is password-cleartext
  if (!auth) return unfit(name + " server offers no sign-in method the app knows");
  std::string username = autoconfig::expand_username(server.username, email);
  if (has_line_break(username)) return unfit(name + " username contains a line break");
  return json::array(
      {protocol, server.host, server.port, connection_security(server.security), *auth, username});
}

const ServerConfig* first_of(const std::vector<ServerConfig>& servers, Protocol a, Protocol b) {
  for (const auto& server : servers)
    if (server.protocol == a || server.protocol == b) return &server;
  return nullptr;
}

}  // namespace

Result<std::string> write_thunderbird_qr_payload(const autoconfig::AccountConfig& config,
                                                 const QrPayloadOptions& options) {
  const std::string& email = options.email;
  if (!is_ascii_address(email)) return unfit("'" + email + "' is not an ASCII email address");
  if (has_line_break(options.sender_name)) return unfit("the sender name contains a line break");
  if (has_line_break(config.display_name)) return unfit("the account name contains a line break");
  if (options.password && has_line_break(*options.password))
    return unfit("the password contains a line break");

  const auto* in = first_of(config.incoming, Protocol::imap, Protocol::pop3);
  const auto* out = first_of(config.outgoing, Protocol::smtp, Protocol::smtp);
  if (!in) return unfit("there is no IMAP or POP3 server");
  if (!out) return unfit("there is no SMTP server");

  // "IncomingProtocol": 0 IMAP, 1 POP3. "OutgoingProtocol": 0 SMTP.
  auto incoming = server_array(*in, in->protocol == Protocol::imap ? 0 : 1, email);
  if (!incoming) return std::move(incoming).error();
  auto outgoing = server_array(*out, 0, email);
  if (!outgoing) return std::move(outgoing).error();

  // AccountName may be left out when it would be the address; it must be present (empty
  // is allowed) when a Password follows it. Leaving Password out means "not included".
  if (!config.display_name.empty() || options.password) incoming->push_back(config.display_name);
  if (options.password) {
    incoming->push_back(*options.password);
    outgoing->push_back(*options.password);
  }

  json identity = json::array({email, options.sender_name});
  json group = json::array({*outgoing, identity});
  json payload =
      json::array({kFormatVersion, json::array({1, 1}), *incoming, json::array({group})});
  // ASCII-only JSON (\u escapes): a QR code in byte mode does not say its character set and
  // scanners guess, so non-ASCII names travel as escapes that every JSON reader decodes.
  // Invalid UTF-8 (settings come from the network) becomes U+FFFD instead of an exception.
  return payload.dump(-1, ' ', true, json::error_handler_t::replace);
}

}  // namespace mailassist::exporters
