#pragma once
// Writes Thunderbird's clientConfig v1.1 (the file a domain hosts at
// https://autoconfig.DOMAIN/mail/config-v1.1.xml and /.well-known/autoconfig/mail/...).
// autoconfig::parse_client_config reads it back into the same settings.
#include <string>
#include <string_view>

#include "autoconfig/account_config.hpp"

namespace mailassist::exporters {

std::string write_client_config(const autoconfig::AccountConfig& config, std::string_view domain);

}  // namespace mailassist::exporters
