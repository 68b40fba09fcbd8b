#pragma once
// Options every command takes (DESIGN.md, "Command line contract").
#include <memory>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/result.hpp"
#include "net/resolver.hpp"
#include "net/tls_context.hpp"

namespace mailassist::cli {

enum ExitCode { kExitOk = 0, kExitFailed = 1, kExitUsage = 2 };

struct GlobalOptions {
  bool json = false;
  double timeout_seconds = 30;
  std::string ca_file;
  std::vector<std::string> dns_servers;
  bool verbose = false;
};

void add_global_options(CLI::App& command, GlobalOptions& options);

// Built once per run from the options; errors are usage errors (a CA file that cannot be
// read, a DNS server that is not HOST[:PORT]).
Result<std::shared_ptr<const net::TlsContext>> make_tls_context(const GlobalOptions& options);
Result<std::shared_ptr<net::Resolver>> make_resolver(const GlobalOptions& options);

}  // namespace mailassist::cli
