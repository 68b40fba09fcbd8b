#include "app/cli/run_detection.hpp"

#include "autoconfig/standard_sources.hpp"
#include "core/ascii.hpp"

namespace mailassist::cli {

std::optional<std::string> address_domain(const std::string& email) {
  auto at = email.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == email.size()) return std::nullopt;
  return to_lower_ascii(email.substr(at + 1));
}

Result<DetectionRun> run_detection(const std::string& email,
                                   const autoconfig::DetectOptions& options,
                                   const GlobalOptions& global, bool need_network) {
  auto domain = address_domain(email);
  if (!domain)
    return make_error(ErrorKind::invalid_input, "'" + email + "' is not an email address");
  auto directory = options.providers_dir.empty() ? autoconfig::PresetCatalog::default_directory()
                                                 : std::filesystem::path(options.providers_dir);
  auto catalog = autoconfig::PresetCatalog::load(directory);
  if (!catalog) return std::move(catalog).error();

  DetectionRun run;
  run.context.email = email;
  run.context.domain = *domain;
  run.context.options = options;
  if (!options.offline || need_network) {
    auto tls = make_tls_context(global);
    if (!tls) return make_error(ErrorKind::invalid_input, tls.error().message);
    auto resolver = make_resolver(global);
    if (!resolver) return make_error(ErrorKind::invalid_input, resolver.error().message);
    run.context.tls = *tls;
    run.context.resolver = *resolver;
    run.context.http = std::make_shared<const net::HttpClient>(*resolver, *tls);
  }
  auto sources = autoconfig::standard_sources(
      options, std::make_shared<const autoconfig::PresetCatalog>(std::move(*catalog)));
  auto deadline = Deadline::after(
      std::chrono::milliseconds(static_cast<long long>(global.timeout_seconds * 1000)));
  run.detection = autoconfig::detect(run.context, sources, deadline);
  return run;
}

}  // namespace mailassist::cli
