#pragma once
// Parse errors say where the reply went wrong: which line of the response (1-based), the
// byte offset in that line, and a short printable excerpt, so that a bug report about a
// strange server can be acted on without a packet capture.
#include <cstddef>
#include <string_view>

#include "core/error.hpp"

namespace mailassist::pop3 {

// ErrorKind::protocol_error: "malformed POP3 reply (line 2, byte 5): <what>, near "...""
Error parse_error(std::string_view what, std::size_t line_number, std::size_t offset,
                  std::string_view line);

}  // namespace mailassist::pop3
