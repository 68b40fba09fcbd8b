#pragma once
// An Outlook "plain old XML" (POX) Autodiscover response for a domain to serve at
// https://autodiscover.DOMAIN/autodiscover/autodiscover.xml (and, for clients that ask the
// domain itself, https://DOMAIN/autodiscover/autodiscover.xml). Outlook, Thunderbird and
// autoconfig::parse_autodiscover_response read it; SSL and Encryption are always both
// written (SSL on/off, Encryption SSL/TLS/None) so readers that know only one of them and
// readers that know both come to the same security.
#include <string_view>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"
#include "exporters/exported_text.hpp"

namespace mailassist::exporters {

// One Protocol element per server, incoming first, in the config's order. A file that is
// served as it is answers every address of the domain alike, so the login name is left out
// when it is the address itself (Outlook then logs in with the address); any other
// username template is expanded for `email`, and a warning says the file is then that
// address's only. invalid_input when the config has no server at all.
Result<ExportedText> write_autodiscover(const autoconfig::AccountConfig& config,
                                        std::string_view email);

}  // namespace mailassist::exporters
