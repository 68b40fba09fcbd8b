#pragma once
// The first line of every POP3 response: "+OK text" or "-ERR [CODE/SUB] text" (RFC 1939
// section 3, extended response codes of RFC 2449 section 8), the "+ challenge" lines of
// SASL (RFC 5034 section 4), and the APOP timestamp of the greeting (RFC 1939 section 7).
// Pure functions: no I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mailassist::pop3 {

// The extended response codes a client acts on (RFC 2449 section 8.1, RFC 3206).
enum class ResponseCode {
  none,         // no code
  auth,         // [AUTH]: the credentials themselves were rejected
  sys_temp,     // [SYS/TEMP]: a temporary server problem, try again later
  sys_perm,     // [SYS/PERM]: a permanent server problem, ask the provider
  in_use,       // [IN-USE]: another session holds the maildrop lock
  login_delay,  // [LOGIN-DELAY]: logged in too recently
  other,        // a code we do not know; the text still says what happened
};

constexpr std::string_view to_string(ResponseCode code) {
  switch (code) {
    case ResponseCode::none: return "none";
    case ResponseCode::auth: return "AUTH";
    case ResponseCode::sys_temp: return "SYS/TEMP";
    case ResponseCode::sys_perm: return "SYS/PERM";
    case ResponseCode::in_use: return "IN-USE";
    case ResponseCode::login_delay: return "LOGIN-DELAY";
    case ResponseCode::other: return "other";
  }
  return "none";
}

struct StatusLine {
  bool ok = false;
  std::string code;  // the extended code as sent, upper-cased ("SYS/TEMP"); empty if none
  ResponseCode kind = ResponseCode::none;
  std::string text;  // the human-readable rest, without the indicator and the code

  bool operator==(const StatusLine&) const = default;
};

// Parses "+OK ..." / "-ERR ..." (indicators matched case-insensitively, as servers vary).
// `line_number` only labels errors.
Result<StatusLine> parse_status_line(std::string_view line, std::size_t line_number = 1);

// One line read during AUTH: a "+ <base64>" challenge, or the final status.
struct AuthStep {
  bool continuation = false;
  std::string challenge;  // base64 as sent, when continuation
  StatusLine status;      // when not continuation

  bool operator==(const AuthStep&) const = default;
};

Result<AuthStep> parse_auth_step(std::string_view line);

// The "<process-id.clock@hostname>" of an APOP-capable greeting, angle brackets included
// (they are part of what is digested), or nullopt.
std::optional<std::string> apop_timestamp(std::string_view greeting_text);

}  // namespace mailassist::pop3
