#pragma once
// What the wizard's engine calls share: trust (extra CA file), DNS servers, presets,
// ISPDB and time limits. The command line of `mailassist-wizard` fills it (the same
// options as the CLI's, so a help desk or a test can point it at its own servers).
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "autoconfig/detector.hpp"
#include "autoconfig/server_check.hpp"
#include "core/result.hpp"

namespace mailassist::wizard {

struct WizardEnvironment {
  autoconfig::DetectOptions detect;  // offline, allow_http, ispdb_url, providers_dir
  std::string ca_file;
  std::vector<std::string> dns_servers;
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};
};

// The TLS context and resolver, built once: errors name the bad CA file or DNS server.
struct NetworkContext {
  std::shared_ptr<const net::TlsContext> tls;
  std::shared_ptr<net::Resolver> resolver;
};

Result<NetworkContext> make_network_context(const WizardEnvironment& environment);

// Detection's context and sources for `email`, cancelled through `cancel`.
struct DetectionSetup {
  autoconfig::DetectContext context;
  std::vector<autoconfig::Source> sources;
};

Result<DetectionSetup> prepare_detection(const WizardEnvironment& environment,
                                         const NetworkContext& network, const std::string& email,
                                         const CancelToken& cancel);

}  // namespace mailassist::wizard
