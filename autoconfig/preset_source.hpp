#pragma once
// Detection's first source: the bundled presets, by the address's domain. Needs no
// network, so it is all that runs with --offline.
#include <memory>

#include "autoconfig/detector.hpp"
#include "autoconfig/preset_catalog.hpp"

namespace mailassist::autoconfig {

Source make_preset_source(std::shared_ptr<const PresetCatalog> catalog);

}  // namespace mailassist::autoconfig
