#pragma once
// DNS SRV records that let RFC 6186 / RFC 8314 clients find a domain's mail servers, as
// zone-file lines. Implicit TLS is preferred (RFC 8314 section 5.1: a lower priority
// number than the STARTTLS label), and every service not offered gets a "." record
// (RFC 6186 section 3.4) so clients do not go on guessing.
#include <string>
#include <string_view>

#include "autoconfig/account_config.hpp"

namespace mailassist::exporters {

std::string write_srv_zone(const autoconfig::AccountConfig& config, std::string_view domain);

}  // namespace mailassist::exporters
