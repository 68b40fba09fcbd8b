#pragma once
// Do two channels publish the same settings? `check-domain` compares what every channel
// (ISP autoconfig, well-known, SRV, Autodiscover, ...) tells clients, because a client
// uses whichever channel it knows: Thunderbird autoconfig, Outlook Autodiscover, an
// RFC 6186 client SRV. If they disagree, the same person gets different servers depending
// on the program. Pure functions: no I/O.
#include <optional>
#include <string>
#include <vector>

#include "autoconfig/account_config.hpp"

namespace mailassist::autoconfig {

// One protocol on which two configs differ. A side without a server for the protocol is
// nullopt: the channel does not offer it at all.
struct ServerDifference {
  Protocol protocol = Protocol::imap;
  std::optional<ServerConfig> reference;
  std::optional<ServerConfig> found;
};

// Compares, per protocol, the server a client would use: the first one listed (clientConfig
// and POX list them best first; SRV selection gives one). Host names are compared without
// case and without a trailing dot; port and security must match. User-name templates are
// not compared: SRV and Autodiscover often do not carry one.
std::vector<ServerDifference> compare_settings(const AccountConfig& reference,
                                               const AccountConfig& other);

// The first server of `protocol` in `config`, or nullopt.
std::optional<ServerConfig> first_server(const AccountConfig& config, Protocol protocol);

// "imap.example.test:993 tls", or "none" for nullopt.
std::string describe_server(const std::optional<ServerConfig>& server);

}  // namespace mailassist::autoconfig
