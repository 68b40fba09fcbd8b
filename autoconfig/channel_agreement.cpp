#include "autoconfig/channel_agreement.hpp"

#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

std::string_view without_root_dot(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return host;
}

bool same_server(const ServerConfig& a, const ServerConfig& b) {
  return iequals(without_root_dot(a.host), without_root_dot(b.host)) && a.port == b.port &&
         a.security == b.security;
}

}  // namespace

std::optional<ServerConfig> first_server(const AccountConfig& config, Protocol protocol) {
  const auto& servers = is_incoming(protocol) ? config.incoming : config.outgoing;
  for (const auto& server : servers)
    if (server.protocol == protocol) return server;
  return std::nullopt;
}

std::vector<ServerDifference> compare_settings(const AccountConfig& reference,
                                               const AccountConfig& other) {
  std::vector<ServerDifference> differences;
  for (auto protocol : {Protocol::imap, Protocol::pop3, Protocol::smtp}) {
    auto expected = first_server(reference, protocol);
    auto found = first_server(other, protocol);
    if (!expected && !found) continue;
    if (expected && found && same_server(*expected, *found)) continue;
    differences.push_back({protocol, std::move(expected), std::move(found)});
  }
  return differences;
}

std::string describe_server(const std::optional<ServerConfig>& server) {
  if (!server) return "none";
  return server->host + ":" + std::to_string(server->port) + " " +
         std::string(to_string(server->security));
}

}  // namespace mailassist::autoconfig
