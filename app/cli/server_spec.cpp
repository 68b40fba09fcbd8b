#include "app/cli/server_spec.hpp"

#include <charconv>
#include <optional>
#include <string>

namespace mailassist::cli {

namespace {

Error bad_spec(std::string_view spec, std::string_view why) {
  return make_error(ErrorKind::invalid_input,
                    "'" + std::string(spec) + "' is not HOST:PORT/SECURITY: " + std::string(why));
}

}  // namespace

Result<autoconfig::ServerConfig> parse_server_spec(autoconfig::Protocol protocol,
                                                   std::string_view spec) {
  autoconfig::ServerConfig server;
  server.protocol = protocol;
  std::string_view rest = spec;

  auto slash = rest.rfind('/');
  if (slash != std::string_view::npos) {
    // Only the contract's three words: clientConfig's "SSL" and "plain" are for files.
    auto word = rest.substr(slash + 1);
    auto security = autoconfig::parse_security(word);
    if (!security || word != to_string(*security))
      return bad_spec(spec, "SECURITY must be tls, starttls or none");
    server.security = *security;
    rest = rest.substr(0, slash);
  }

  std::optional<std::string_view> port_text;   // nullopt: no ':' at all
  if (!rest.empty() && rest.front() == '[') {  // [IPv6]:port
    auto close = rest.find(']');
    if (close == std::string_view::npos) return bad_spec(spec, "missing ']' after an IPv6 address");
    server.host = std::string(rest.substr(1, close - 1));
    auto after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad_spec(spec, "expected ':' after ']'");
      port_text = after.substr(1);
    }
  } else {
    auto colon = rest.rfind(':');
    if (colon != std::string_view::npos && rest.find(':') != colon)
      return bad_spec(spec, "write IPv6 addresses in brackets, e.g. [::1]:993");
    server.host = std::string(rest.substr(0, colon));
    if (colon != std::string_view::npos) port_text = rest.substr(colon + 1);
  }
  if (server.host.empty()) return bad_spec(spec, "the host is missing");

  if (!port_text) {
    server.port = autoconfig::default_port(protocol, server.security);
  } else {
    unsigned port = 0;
    const char* last = port_text->data() + port_text->size();
    auto [end, error] = std::from_chars(port_text->data(), last, port);
    if (error != std::errc() || end != last || port_text->empty() || port == 0 || port > 65535) {
      return bad_spec(spec, "PORT must be a number from 1 to 65535");
    }
    server.port = static_cast<std::uint16_t>(port);
  }
  return server;
}

}  // namespace mailassist::cli
