#include "app/cli/global_options.hpp"

namespace mailassist::cli {

void add_global_options(CLI::App& command, GlobalOptions& options) {
  command.add_flag("--json", options.json,
                   "Print one JSON document on stdout and nothing else there");
  command.add_option("--timeout", options.timeout_seconds, "Give up after SECONDS (default 30)")
      ->check(CLI::PositiveNumber);
  command
      .add_option("--ca-file", options.ca_file,
                  "Also trust the certificate authorities in this PEM file")
      ->check(CLI::ExistingFile);
  command.add_option("--dns-server", options.dns_servers,
                     "Send every name lookup to HOST[:PORT] (repeatable)");
  command.add_flag("-v,--verbose", options.verbose,
                   "Print the protocol conversation on stderr (passwords are redacted)");
}

Result<std::shared_ptr<const net::TlsContext>> make_tls_context(const GlobalOptions& options) {
  net::TlsSettings settings;
  settings.extra_ca_file = options.ca_file;
  return net::TlsContext::create(settings);
}

Result<std::shared_ptr<net::Resolver>> make_resolver(const GlobalOptions& options) {
  net::ResolverSettings settings;
  settings.servers = options.dns_servers;
  return net::Resolver::create(settings);
}

}  // namespace mailassist::cli
