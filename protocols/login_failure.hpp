#pragma once
// What a server's words about a failed login mean for the user. Providers put the real
// reason in free text (Gmail: "[ALERT] Application-specific password required"), so the
// text decides between categories that need different actions; the protocol's own code
// ([AUTHENTICATIONFAILED], -ERR [AUTH], SMTP 535) only says "credentials rejected".
#include <string_view>

#include "core/error.hpp"

namespace mailassist::protocols {

// Returns the most specific category the server text names, or `fallback`.
ErrorKind classify_login_failure(std::string_view server_text, ErrorKind fallback);

}  // namespace mailassist::protocols
