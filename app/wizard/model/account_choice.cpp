#include "app/wizard/model/account_choice.hpp"

#include <algorithm>

#include "core/ascii.hpp"

namespace mailassist::wizard {

using autoconfig::AccountConfig;
using autoconfig::Protocol;
using autoconfig::Security;
using autoconfig::ServerConfig;

std::optional<ConsentRequest> consent_needed(const AccountConfig& config) {
  if (config.provenance.trusted) return std::nullopt;
  return ConsentRequest{config.provenance.source, config.provenance.warnings};
}

AccountConfig fill_in_settings(const std::string& email) {
  auto domain = to_lower_ascii(autoconfig::domain_of(email));
  AccountConfig config;
  config.id = domain;
  config.domains = {domain};
  config.display_name = domain;
  auto server = [&](Protocol protocol, const std::string& prefix) {
    ServerConfig s;
    s.protocol = protocol;
    s.host = prefix + "." + domain;
    s.security = Security::tls;
    s.port = autoconfig::default_port(protocol, Security::tls);
    return s;
  };
  config.incoming = {server(Protocol::imap, "imap"), server(Protocol::pop3, "pop")};
  config.outgoing = {server(Protocol::smtp, "smtp")};
  config.provenance.source = "guess";
  config.provenance.trusted = false;
  return config;
}

AccountConfig starting_settings(const autoconfig::Detection& detection, Protocol preferred) {
  if (detection.configs.empty()) return fill_in_settings(detection.email);
  AccountConfig config = detection.configs.front().config;
  auto wanted = std::find_if(config.incoming.begin(), config.incoming.end(),
                             [&](const ServerConfig& s) { return s.protocol == preferred; });
  if (wanted != config.incoming.end()) std::rotate(config.incoming.begin(), wanted, wanted + 1);
  return config;
}

const ServerConfig* incoming_server(const AccountConfig& config) {
  return config.incoming.empty() ? nullptr : &config.incoming.front();
}

const ServerConfig* outgoing_server(const AccountConfig& config) {
  return config.outgoing.empty() ? nullptr : &config.outgoing.front();
}

}  // namespace mailassist::wizard
