#include "autoconfig/standard_sources.hpp"

#include "autoconfig/autodiscover_source.hpp"
#include "autoconfig/client_config_sources.hpp"
#include "autoconfig/guess_source.hpp"
#include "autoconfig/mx_source.hpp"
#include "autoconfig/preset_source.hpp"
#include "autoconfig/srv_source.hpp"

namespace mailassist::autoconfig {

namespace {

Source offline_skip(SourceKind kind) {
  return {kind, [kind](const DetectContext& context, Deadline) {
            SourceOutcome outcome;
            outcome.lookups.push_back(
                {kind, context.domain, LookupResult::skipped, 0, "--offline: no network lookups"});
            return outcome;
          }};
}

// Every source by kind; all but the presets need the network.
Source source_for(SourceKind kind, const std::shared_ptr<const PresetCatalog>& catalog) {
  switch (kind) {
    case SourceKind::preset: return make_preset_source(catalog);
    case SourceKind::autoconfig: return make_autoconfig_source();
    case SourceKind::well_known: return make_well_known_source();
    case SourceKind::ispdb: return make_ispdb_source();
    case SourceKind::mx: return make_mx_source(catalog);
    case SourceKind::guess: return make_guess_source();
    case SourceKind::srv: return make_srv_source();
    case SourceKind::autodiscover: return make_autodiscover_source();
  }
  return make_preset_source(catalog);
}

}  // namespace

std::vector<Source> standard_sources(const DetectOptions& options,
                                     std::shared_ptr<const PresetCatalog> catalog) {
  std::vector<Source> sources{source_for(SourceKind::preset, catalog)};
  for (auto kind : {SourceKind::autoconfig, SourceKind::well_known, SourceKind::ispdb,
                    SourceKind::mx, SourceKind::srv, SourceKind::autodiscover, SourceKind::guess}) {
    sources.push_back(options.offline ? offline_skip(kind) : source_for(kind, catalog));
  }
  return sources;
}

}  // namespace mailassist::autoconfig
