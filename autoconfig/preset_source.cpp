#include "autoconfig/preset_source.hpp"

namespace mailassist::autoconfig {

Source make_preset_source(std::shared_ptr<const PresetCatalog> catalog) {
  return {SourceKind::preset, [catalog](const DetectContext& context, Deadline) {
            Stopwatch watch;
            SourceOutcome outcome;
            LookupReport report{SourceKind::preset, context.domain, LookupResult::none, 0,
                                "no bundled preset for this domain"};
            if (const auto* preset = catalog->find_by_domain(context.domain)) {
              outcome.configs.push_back(*preset);
              report.result = LookupResult::found;
              report.detail = preset->provenance.url;
            }
            report.ms = watch.elapsed_ms();
            outcome.lookups.push_back(std::move(report));
            return outcome;
          }};
}

}  // namespace mailassist::autoconfig
