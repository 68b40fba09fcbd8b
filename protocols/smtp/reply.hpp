#pragma once
// SMTP replies (RFC 5321 section 4.2): one or more lines "ddd-text" ... "ddd text", the same
// code on every line, optionally led by an enhanced status code "x.y.z" (RFC 3463, RFC 2034).
// Pure: lines in, typed replies out, no I/O.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::smtp {

struct EnhancedCode {
  int klass = 0;  // 2, 4 or 5
  int subject = 0;
  int detail = 0;
  bool operator==(const EnhancedCode&) const = default;
};

struct Reply {
  int code = 0;
  std::optional<EnhancedCode> enhanced;  // from the first line
  std::vector<std::string> lines;        // each line's text after "ddd-"/"ddd "

  bool positive() const { return code >= 200 && code < 400; }
  // The lines joined by spaces, enhanced codes removed: what a person should read.
  std::string text() const;
};

// Builds one reply from the lines a server sends.
class ReplyAssembler {
 public:
  static constexpr std::size_t kMaxLines = 512;

  // Returns the complete reply after its last line, nullopt while more lines are due.
  // Errors carry the line number and byte offset.
  Result<std::optional<Reply>> add_line(std::string_view line);

 private:
  Reply pending_;
  std::size_t line_number_ = 0;
};

// An enhanced status code at the start of `text` ("5.7.8 ..."), if any.
std::optional<EnhancedCode> parse_enhanced_code(std::string_view text);

}  // namespace mailassist::smtp
