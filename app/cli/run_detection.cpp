#include "app/cli/run_detection.hpp"

#include "autoconfig/standard_sources.hpp"
#include "core/ascii.hpp"

namespace mailassist::cli {

std::optional<std::string> address_domain(const std::string& email) {
  auto at = email.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == email.size()) return std::nullopt;
  return to_lower_ascii(email.substr(at + 1));
}

Result<DetectionSetup> prepare_detection(const std::string& email,
                                         const autoconfig::DetectOptions& options,
                                         const GlobalOptions& global, bool need_network) {
  auto domain = address_domain(email);
  if (!domain)
    return make_error(ErrorKind::invalid_input, "'" + email + "' is not an email address");
  auto directory = options.providers_dir.empty() ? autoconfig::PresetCatalog::default_directory()
                                                 : std::filesystem::path(options.providers_dir);
  auto catalog = autoconfig::PresetCatalog::load(directory);
  if (!catalog) return std::move(catalog).error();

  DetectionSetup setup;
  setup.context.email = email;
  setup.context.domain = *domain;
  setup.context.options = options;
  if (!options.offline || need_network) {
    auto tls = make_tls_context(global);
    if (!tls) return make_error(ErrorKind::invalid_input, tls.error().message);
    auto resolver = make_resolver(global);
    if (!resolver) return make_error(ErrorKind::invalid_input, resolver.error().message);
    setup.context.tls = *tls;
    setup.context.resolver = *resolver;
    setup.context.http = std::make_shared<const net::HttpClient>(*resolver, *tls);
  }
  setup.sources = autoconfig::standard_sources(
      options, std::make_shared<const autoconfig::PresetCatalog>(std::move(*catalog)));
  setup.deadline = Deadline::after(
      std::chrono::milliseconds(static_cast<long long>(global.timeout_seconds * 1000)));
  return setup;
}

Result<DetectionRun> run_detection(const std::string& email,
                                   const autoconfig::DetectOptions& options,
                                   const GlobalOptions& global, bool need_network) {
  auto setup = prepare_detection(email, options, global, need_network);
  if (!setup) return std::move(setup).error();
  DetectionRun run;
  run.context = std::move(setup->context);
  run.detection = autoconfig::detect(run.context, setup->sources, setup->deadline);
  return run;
}

}  // namespace mailassist::cli
