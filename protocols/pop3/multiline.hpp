#pragma once
// Multi-line POP3 responses (RFC 1939 section 3): after a "+OK" line come lines of text,
// each beginning "." escaped by doubling it ("byte-stuffing"), ended by a line holding a
// single ".". A "-ERR" has no body. Pure functions: the client feeds lines one by one as it
// reads them; tests and fuzzers hand over whole byte strings.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "protocols/pop3/status_line.hpp"

namespace mailassist::pop3 {

// One body line without its CRLF, with dot-stuffing removed; nullopt for the terminating
// ".". The view points into `line`.
std::optional<std::string_view> unstuff_line(std::string_view line);

struct MultilineResponse {
  StatusLine status;
  std::vector<std::string> lines;  // unstuffed; empty after -ERR
  std::size_t consumed = 0;        // bytes of input the response occupied

  bool operator==(const MultilineResponse&) const = default;
};

// Parses one complete multi-line response from the start of `bytes` (CRLF or bare LF line
// ends). More than `max_lines` body lines, or input that ends before the "." line, is a
// protocol error naming where.
Result<MultilineResponse> parse_multiline_response(std::string_view bytes,
                                                   std::size_t max_lines = 100'000);

// Joins unstuffed lines into message bytes, each line ended by CRLF (RFC 5322 form).
std::string join_message_lines(const std::vector<std::string>& lines);

}  // namespace mailassist::pop3
