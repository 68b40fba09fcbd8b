#pragma once
// Detection's last resort: probing the usual host names and ports of the domain
// (guess_plan.hpp says which, and what counts).
#include "autoconfig/detector.hpp"

namespace mailassist::autoconfig {

Source make_guess_source();

}  // namespace mailassist::autoconfig
