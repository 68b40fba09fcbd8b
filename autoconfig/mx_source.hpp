#pragma once
// Detection's MX source: the provider that receives the domain's mail, found through the
// most preferred MX host (the rules are in mx_rules.hpp).
#include <memory>

#include "autoconfig/detector.hpp"
#include "autoconfig/preset_catalog.hpp"

namespace mailassist::autoconfig {

Source make_mx_source(std::shared_ptr<const PresetCatalog> catalog);

}  // namespace mailassist::autoconfig
