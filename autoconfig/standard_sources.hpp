#pragma once
// The list of sources `detect` runs, in one place. With --offline the network sources are
// still listed, each reporting "skipped", so that the lookup list always says what was and
// was not tried.
#include <memory>
#include <vector>

#include "autoconfig/detector.hpp"
#include "autoconfig/preset_catalog.hpp"

namespace mailassist::autoconfig {

std::vector<Source> standard_sources(const DetectOptions& options,
                                     std::shared_ptr<const PresetCatalog> catalog);

}  // namespace mailassist::autoconfig
