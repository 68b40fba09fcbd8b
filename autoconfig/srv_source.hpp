#pragma once
// Detection's DNS SRV source (RFC 6186, RFC 8314): the six mail labels of the domain, asked
// at once; srv_selection.hpp says which records become the settings.
#include "autoconfig/detector.hpp"

namespace mailassist::autoconfig {

Source make_srv_source();

}  // namespace mailassist::autoconfig
