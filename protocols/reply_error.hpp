#pragma once
// Parse errors of line-based replies (POP3, SMTP) say where the reply went wrong: which
// line of the response (1-based), the byte offset in that line, and a short printable
// excerpt, so that a bug report about a strange server can be acted on without a capture.
#include <cstddef>
#include <string_view>

#include "core/error.hpp"

namespace mailassist::protocols {

// ErrorKind::protocol_error:
// "malformed POP3 reply (line 2, byte 5): <what>, near "...""
Error malformed_reply(std::string_view protocol, std::string_view what, std::size_t line_number,
                      std::size_t offset, std::string_view line);

}  // namespace mailassist::protocols
