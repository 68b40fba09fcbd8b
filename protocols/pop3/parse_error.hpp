#pragma once
// POP3's parse errors: protocols::malformed_reply with the protocol's name.
#include <cstddef>
#include <string_view>

#include "protocols/reply_error.hpp"

namespace mailassist::pop3 {

inline Error parse_error(std::string_view what, std::size_t line_number, std::size_t offset,
                         std::string_view line) {
  return protocols::malformed_reply("POP3", what, line_number, offset, line);
}

}  // namespace mailassist::pop3
