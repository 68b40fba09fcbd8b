#include "app/wizard/model/wizard_environment.hpp"

#include "autoconfig/standard_sources.hpp"
#include "core/ascii.hpp"
#include "net/http_client.hpp"

namespace mailassist::wizard {

Result<NetworkContext> make_network_context(const WizardEnvironment& environment) {
  net::TlsSettings tls_settings;
  tls_settings.extra_ca_file = environment.ca_file;
  auto tls = net::TlsContext::create(tls_settings);
  if (!tls) return std::move(tls).error();
  net::ResolverSettings resolver_settings;
  resolver_settings.servers = environment.dns_servers;
  auto resolver = net::Resolver::create(resolver_settings);
  if (!resolver) return std::move(resolver).error();
  return NetworkContext{*tls, *resolver};
}

Result<DetectionSetup> prepare_detection(const WizardEnvironment& environment,
                                         const NetworkContext& network, const std::string& email,
                                         const CancelToken& cancel) {
  auto domain = to_lower_ascii(autoconfig::domain_of(email));
  if (domain.empty())
    return make_error(ErrorKind::invalid_input, "'" + email + "' is not an email address");
  const auto& options = environment.detect;
  auto directory = options.providers_dir.empty() ? autoconfig::PresetCatalog::default_directory()
                                                 : std::filesystem::path(options.providers_dir);
  auto catalog = autoconfig::PresetCatalog::load(directory);
  if (!catalog) return std::move(catalog).error();

  DetectionSetup setup;
  setup.context.email = email;
  setup.context.domain = domain;
  setup.context.options = options;
  setup.context.cancel = cancel;
  if (!options.offline) {
    setup.context.tls = network.tls;
    setup.context.resolver = network.resolver;
    setup.context.http = std::make_shared<const net::HttpClient>(network.resolver, network.tls);
  }
  setup.sources = autoconfig::standard_sources(
      options, std::make_shared<const autoconfig::PresetCatalog>(std::move(*catalog)));
  return setup;
}

}  // namespace mailassist::wizard
