#include "exporters/srv_zone.hpp"

#include <array>
#include <sstream>

namespace mailassist::exporters {

namespace {

constexpr int kTtl = 3600;

struct Label {
  const char* name;  // "_imaps"
  autoconfig::Protocol protocol;
  autoconfig::Security security;
  int priority;  // implicit TLS first (RFC 8314 section 5.1)
};

constexpr std::array kLabels{
    Label{"_imaps", autoconfig::Protocol::imap, autoconfig::Security::tls, 0},
    Label{"_imap", autoconfig::Protocol::imap, autoconfig::Security::starttls, 10},
    Label{"_pop3s", autoconfig::Protocol::pop3, autoconfig::Security::tls, 20},
    Label{"_pop3", autoconfig::Protocol::pop3, autoconfig::Security::starttls, 30},
    Label{"_submissions", autoconfig::Protocol::smtp, autoconfig::Security::tls, 0},
    Label{"_submission", autoconfig::Protocol::smtp, autoconfig::Security::starttls, 10},
};

std::string absolute(std::string name) {
  if (name.empty() || name.back() != '.') name += '.';
  return name;
}

const autoconfig::ServerConfig* find(const autoconfig::AccountConfig& config, const Label& label) {
  const auto& servers = autoconfig::is_incoming(label.protocol) ? config.incoming : config.outgoing;
  for (const auto& server : servers)
    if (server.protocol == label.protocol && server.security == label.security) return &server;
  return nullptr;
}

}  // namespace

std::string write_srv_zone(const autoconfig::AccountConfig& config, std::string_view domain) {
  std::ostringstream out;
  out << "; Mail service records for " << domain << " (RFC 6186, RFC 8314), by MailAssist.\n"
      << "; Add them to the zone of " << domain << ". \".\" means: not offered.\n";
  for (const auto& label : kLabels) {
    std::string owner = std::string(label.name) + "._tcp." + absolute(std::string(domain));
    out << owner << ' ' << kTtl << " IN SRV ";
    if (const auto* server = find(config, label)) {
      out << label.priority << " 1 " << server->port << ' ' << absolute(server->host) << '\n';
    } else {
      out << "0 0 0 .\n";
    }
  }
  // Plain, unencrypted services are never published: a client must not be told to use them.
  return out.str();
}

}  // namespace mailassist::exporters
