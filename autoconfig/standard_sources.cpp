#include "autoconfig/standard_sources.hpp"

#include "autoconfig/preset_source.hpp"

namespace mailassist::autoconfig {

namespace {

Source not_available(SourceKind kind) {
  return {kind, [kind](const DetectContext& context, Deadline) {
            SourceOutcome outcome;
            outcome.lookups.push_back(
                {kind, context.domain, LookupResult::skipped, 0, "not available in this version"});
            return outcome;
          }};
}

Source offline_skip(SourceKind kind) {
  return {kind, [kind](const DetectContext& context, Deadline) {
            SourceOutcome outcome;
            outcome.lookups.push_back(
                {kind, context.domain, LookupResult::skipped, 0, "--offline: no network lookups"});
            return outcome;
          }};
}

}  // namespace

std::vector<Source> standard_sources(const DetectOptions& options,
                                     std::shared_ptr<const PresetCatalog> catalog) {
  std::vector<Source> sources{make_preset_source(std::move(catalog))};
  for (auto kind : {SourceKind::autoconfig, SourceKind::well_known, SourceKind::ispdb,
                    SourceKind::mx, SourceKind::srv, SourceKind::autodiscover, SourceKind::guess}) {
    sources.push_back(options.offline ? offline_skip(kind) : not_available(kind));
  }
  return sources;
}

}  // namespace mailassist::autoconfig
