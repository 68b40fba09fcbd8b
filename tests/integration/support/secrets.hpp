#pragma once
// Every form in which a password could leak onto the wire or into a log: as typed, as
// an IMAP quoted string, and base64-encoded the way SASL PLAIN and LOGIN send it.
#include <string>
#include <string_view>
#include <vector>

namespace mailassist::testing {

std::string base64(std::string_view bytes);

std::vector<std::string> secret_forms(std::string_view username, std::string_view password);

// The first form found in `text`, or "" when none is.
std::string find_secret(std::string_view text, std::string_view username,
                        std::string_view password);

}  // namespace mailassist::testing
