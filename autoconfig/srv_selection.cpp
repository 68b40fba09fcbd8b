#include "autoconfig/srv_selection.hpp"

#include <algorithm>
#include <tuple>

#include "autoconfig/domain_names.hpp"

namespace mailassist::autoconfig {

namespace {

bool is_implicit_tls(SrvService service) {
  return srv_security(service) == Security::tls;
}

// Smaller is better: rule 3's order between the two labels of one protocol.
std::tuple<int, int> label_rank(const SrvChoice& choice) {
  return {choice.record.priority, is_implicit_tls(choice.service) ? 0 : 1};
}

ServerConfig server_for(const SrvChoice& choice) {
  ServerConfig server;
  server.protocol = srv_protocol(choice.service);
  server.host = normalize_host(choice.record.target);
  server.port = choice.record.port;
  server.security = srv_security(choice.service);
  server.username = "%EMAILADDRESS%";
  return server;
}

}  // namespace

std::string_view srv_label(SrvService service) {
  switch (service) {
    case SrvService::imaps: return "_imaps._tcp";
    case SrvService::imap: return "_imap._tcp";
    case SrvService::pop3s: return "_pop3s._tcp";
    case SrvService::pop3: return "_pop3._tcp";
    case SrvService::submissions: return "_submissions._tcp";
    case SrvService::submission: return "_submission._tcp";
  }
  return "_imaps._tcp";
}

Protocol srv_protocol(SrvService service) {
  switch (service) {
    case SrvService::imaps:
    case SrvService::imap: return Protocol::imap;
    case SrvService::pop3s:
    case SrvService::pop3: return Protocol::pop3;
    case SrvService::submissions:
    case SrvService::submission: return Protocol::smtp;
  }
  return Protocol::imap;
}

Security srv_security(SrvService service) {
  switch (service) {
    case SrvService::imaps:
    case SrvService::pop3s:
    case SrvService::submissions: return Security::tls;
    case SrvService::imap:
    case SrvService::pop3:
    case SrvService::submission: return Security::starttls;
  }
  return Security::tls;
}

std::string srv_name(SrvService service, std::string_view domain) {
  return std::string(srv_label(service)) + "." + std::string(domain);
}

bool is_not_offered(const net::SrvRecord& record) {
  return normalize_host(record.target).empty();
}

std::optional<net::SrvRecord> choose_record(const std::vector<net::SrvRecord>& records) {
  std::optional<net::SrvRecord> best;
  for (const auto& record : records) {
    // Port 0 cannot be connected to: a broken record, not a server.
    if (is_not_offered(record) || record.port == 0) continue;
    auto key = [](const net::SrvRecord& r) {
      return std::make_tuple(r.priority, -static_cast<int>(r.weight), normalize_host(r.target),
                             r.port);
    };
    if (!best || key(record) < key(*best)) best = record;
  }
  return best;
}

std::optional<SrvChoice> choose_service(Protocol protocol, const std::vector<SrvAnswer>& answers) {
  std::optional<SrvChoice> best;
  for (const auto& answer : answers) {
    if (srv_protocol(answer.service) != protocol) continue;
    auto record = choose_record(answer.records);
    if (!record) continue;
    SrvChoice choice{answer.service, *record};
    if (!best || label_rank(choice) < label_rank(*best)) best = choice;
  }
  return best;
}

std::vector<SrvChoice> choose_incoming(const std::vector<SrvAnswer>& answers) {
  auto imap = choose_service(Protocol::imap, answers);
  auto pop3 = choose_service(Protocol::pop3, answers);
  std::vector<SrvChoice> incoming;
  if (imap) incoming.push_back(*imap);
  if (pop3) incoming.push_back(*pop3);
  // IMAP first unless POP3's priority is strictly better (RFC 6186 section 3.4).
  if (imap && pop3 && pop3->record.priority < imap->record.priority)
    std::swap(incoming[0], incoming[1]);
  return incoming;
}

std::optional<AccountConfig> config_from_srv(std::string_view domain,
                                             const std::vector<SrvAnswer>& answers) {
  auto incoming = choose_incoming(answers);
  if (incoming.empty()) return std::nullopt;
  std::vector<SrvChoice> used = incoming;
  if (auto outgoing = choose_service(Protocol::smtp, answers)) used.push_back(*outgoing);

  AccountConfig config;
  config.id = normalize_host(domain);
  config.domains = {config.id};
  config.display_name = config.id;
  config.provenance.source = "srv";
  config.provenance.trusted = true;
  std::vector<std::string> outside;
  for (const auto& choice : used) {
    auto server = server_for(choice);
    if (!config.provenance.url.empty()) config.provenance.url += ", ";
    config.provenance.url += srv_name(choice.service, config.id);
    if (!is_within_domain(server.host, config.id) &&
        std::find(outside.begin(), outside.end(), server.host) == outside.end()) {
      outside.push_back(server.host);
    }
    (is_incoming(server.protocol) ? config.incoming : config.outgoing).push_back(server);
  }
  for (const auto& host : outside) {
    config.provenance.trusted = false;
    config.provenance.warnings.push_back("the SRV record points outside " + config.id + ", to " +
                                         host + ": confirm that this server is your provider's");
  }
  return config;
}

}  // namespace mailassist::autoconfig
