#include "autoconfig/guess_plan.hpp"

#include <algorithm>

#include "autoconfig/domain_names.hpp"

namespace mailassist::autoconfig {

namespace {

void add_probes(std::vector<GuessProbe>& probes, Protocol protocol,
                std::initializer_list<std::string_view> prefixes, const std::string& domain) {
  for (auto prefix : prefixes) {
    std::string host = std::string(prefix) + domain;
    for (auto security : {Security::tls, Security::starttls})
      probes.push_back({protocol, host, default_port(protocol, security), security});
  }
}

std::optional<ServerConfig> first_answered(Protocol protocol, const std::vector<GuessProbe>& probes,
                                           const std::vector<bool>& answered) {
  for (std::size_t i = 0; i < probes.size() && i < answered.size(); ++i) {
    if (answered[i] && probes[i].protocol == protocol) return probes[i].server();
  }
  return std::nullopt;
}

}  // namespace

ServerConfig GuessProbe::server() const {
  ServerConfig server;
  server.protocol = protocol;
  server.host = host;
  server.port = port;
  server.security = security;
  server.username = "%EMAILADDRESS%";
  return server;
}

std::vector<GuessProbe> guess_probes(std::string_view domain) {
  std::string d = normalize_host(domain);
  std::vector<GuessProbe> probes;
  add_probes(probes, Protocol::imap, {"imap.", "mail.", ""}, d);
  add_probes(probes, Protocol::pop3, {"pop3.", "pop.", "mail.", ""}, d);
  add_probes(probes, Protocol::smtp, {"smtp.", "mail.", ""}, d);
  return probes;
}

std::vector<std::string> guess_hosts(const std::vector<GuessProbe>& probes) {
  std::vector<std::string> hosts;
  for (const auto& probe : probes) {
    if (std::find(hosts.begin(), hosts.end(), probe.host) == hosts.end())
      hosts.push_back(probe.host);
  }
  return hosts;
}

std::optional<AccountConfig> config_from_probes(std::string_view domain,
                                                const std::vector<GuessProbe>& probes,
                                                const std::vector<bool>& answered) {
  AccountConfig config;
  for (auto protocol : {Protocol::imap, Protocol::pop3}) {
    if (auto server = first_answered(protocol, probes, answered))
      config.incoming.push_back(*server);
  }
  if (config.incoming.empty()) return std::nullopt;
  if (auto smtp = first_answered(Protocol::smtp, probes, answered))
    config.outgoing.push_back(*smtp);
  config.id = normalize_host(domain);
  config.domains = {config.id};
  config.display_name = config.id;
  config.provenance.source = "guess";
  config.provenance.trusted = false;
  config.provenance.warnings.push_back("guessed by probing; confirm before use");
  if (config.outgoing.empty())
    config.provenance.warnings.push_back("no outgoing (SMTP) server answered");
  return config;
}

}  // namespace mailassist::autoconfig
