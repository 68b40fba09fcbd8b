#pragma once
// The "Your account" page's rules and the Welcome page's advice, without wx: what makes an
// address, a name or a password acceptable, and which protocol the seed document advises.
// Problems are values the page translates; nothing here is shown as it is.
#include <optional>
#include <string_view>

#include "autoconfig/account_config.hpp"

namespace mailassist::wizard {

enum class AddressProblem {
  empty,
  no_at,        // "alice.example.com"
  empty_local,  // "@example.com"
  bad_domain,   // "alice@", "alice@example", "alice@exa mple.com"
  has_space,    // a space or control character anywhere
  too_long,     // over RFC 5321 section 4.5.3.1.3's 254 octets for a path
};

// nullopt when `address` looks like an address a mail server could have. Deliberately
// loose on the local part (RFC 5322 allows much; the server decides), strict on what would
// make detection look up nonsense.
std::optional<AddressProblem> check_address(std::string_view address);

enum class NameProblem { empty, has_control };
std::optional<NameProblem> check_display_name(std::string_view name);

// The seed's advice: "Do you read mail on more than one device?"
enum class DeviceUse { unknown, one_device, several_devices };

// IMAP keeps every device in step because the mail stays on the server; POP3 downloads it
// to one device (and by default removes it there), which suits a single device that is
// often offline.
autoconfig::Protocol recommended_protocol(DeviceUse use);

}  // namespace mailassist::wizard
