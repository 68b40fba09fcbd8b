#pragma once
// From detection's answer to the settings the person edits: the best config with the
// protocol they chose on the Welcome page put first, or, when nothing was found, a
// starting point to fill in (the usual host names of the domain, marked as a guess so the
// person is asked before it is used).
#include <optional>
#include <string>

#include "autoconfig/detector.hpp"

namespace mailassist::wizard {

// Why a config needs the person's consent before it is used; nullopt when it does not.
struct ConsentRequest {
  std::string source;                 // "guess", "mx", "srv", "autoconfig" over plain HTTP...
  std::vector<std::string> warnings;  // detection's own words, for the details
};

std::optional<ConsentRequest> consent_needed(const autoconfig::AccountConfig& config);

// The config to start from. `preferred` moves the first incoming server of that protocol
// to the front (the account then uses it), keeping the others as alternatives.
autoconfig::AccountConfig starting_settings(const autoconfig::Detection& detection,
                                            autoconfig::Protocol preferred);

// Nothing found: imap.DOMAIN:993 and smtp.DOMAIN:465 with implicit TLS (RFC 8314 section
// 3.3 and 3.1 advise it), pop.DOMAIN:995 as the alternative; provenance "guess",
// untrusted.
autoconfig::AccountConfig fill_in_settings(const std::string& email);

// The servers the account uses: the first incoming and the first outgoing server.
const autoconfig::ServerConfig* incoming_server(const autoconfig::AccountConfig& config);
const autoconfig::ServerConfig* outgoing_server(const autoconfig::AccountConfig& config);

}  // namespace mailassist::wizard
