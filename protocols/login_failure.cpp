#include "protocols/login_failure.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include "core/ascii.hpp"

namespace mailassist::protocols {

namespace {

struct Phrase {
  std::string_view words;  // lower case
  ErrorKind kind;
};

// Order matters: the first match wins, and app passwords are the more specific advice.
constexpr std::array kPhrases{
    Phrase{"application-specific password", ErrorKind::app_password_required},
    Phrase{"app password", ErrorKind::app_password_required},
    Phrase{"webalert", ErrorKind::web_login_required},
    Phrase{"web login required", ErrorKind::web_login_required},
    Phrase{"log in via your web browser", ErrorKind::web_login_required},
    Phrase{"login via your web browser", ErrorKind::web_login_required},
    Phrase{"not enabled for imap", ErrorKind::imap_disabled},
    Phrase{"imap access is disabled", ErrorKind::imap_disabled},
};

}  // namespace

ErrorKind classify_login_failure(std::string_view server_text, ErrorKind fallback) {
  std::string lower = to_lower_ascii(server_text);
  for (const auto& phrase : kPhrases)
    if (lower.find(phrase.words) != std::string::npos) return phrase.kind;
  return fallback;
}

}  // namespace mailassist::protocols
