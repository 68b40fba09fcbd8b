#pragma once
// The list of sources `detect` runs, in one place. Sources this version does not have yet
// are listed too, reporting "skipped: not available in this version", so that the lookup
// list always says what was and was not tried.
#include <memory>
#include <vector>

#include "autoconfig/detector.hpp"
#include "autoconfig/preset_catalog.hpp"

namespace mailassist::autoconfig {

std::vector<Source> standard_sources(const DetectOptions& options,
                                     std::shared_ptr<const PresetCatalog> catalog);

}  // namespace mailassist::autoconfig
