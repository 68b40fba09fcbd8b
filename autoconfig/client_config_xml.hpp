#pragma once
// Thunderbird's clientConfig v1.1 format (the "autoconfig" XML served by ISPs, the ISPDB
// and our own providers/ presets), read into the account model.
// Reference: https://wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat
#include <string_view>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"

namespace mailassist::autoconfig {

// Documents larger than this are refused before parsing: a config file is a few KB.
constexpr std::size_t kMaxClientConfigBytes = 1024 * 1024;

// Parses one document. Servers of types we do not speak (exchange, ews...) are skipped
// with a warning in provenance.warnings; a server with a missing or invalid host, port or
// socket type is an error naming the element. `where` names the document in messages.
Result<AccountConfig> parse_client_config(std::string_view xml, std::string_view where);

// Reads and parses a file.
Result<AccountConfig> load_client_config(const std::string& path);

}  // namespace mailassist::autoconfig
