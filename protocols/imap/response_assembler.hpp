#pragma once
// Literal framing, handled before the grammar (RFC 9051 section 4.3): a server response is
// one line, unless that line ends with "{n}", in which case n raw bytes follow and then the
// rest of the response on further lines, which may announce further literals.
//
// The assembler is fed what the connection delivers and says what it needs next, so the
// client can read a line, see "{310}", read exactly 310 bytes, read the next line, and so
// on, until one complete response is assembled. Its output keeps the wire form ("{n}\r\n"
// followed by the bytes), which parse_response() reads by count, never by delimiter.
//
// The limits stop a hostile server from making us buffer without end: total size and
// number of literals are checked before anything is appended.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mailassist::imap {

struct ResponseLimits {
  // Big enough for one FETCHed message body; a greeting needs a few hundred bytes.
  std::size_t max_bytes = 64 * 1024 * 1024;
  std::size_t max_literals = 4096;
};

class ResponseAssembler {
 public:
  enum class Need { line, literal, complete };

  explicit ResponseAssembler(ResponseLimits limits = {}) : limits_(limits) {}

  // One line as read, without its CRLF. Valid when need() == Need::line.
  Result<void> add_line(std::string_view line);
  // Exactly literal_size() bytes. Valid when need() == Need::literal.
  Result<void> add_literal(std::string_view bytes);

  Need need() const { return need_; }
  std::size_t literal_size() const { return literal_size_; }

  // The complete response; the assembler is then ready for the next one.
  std::string take();
  void reset();

  const ResponseLimits& limits() const { return limits_; }

 private:
  Result<void> too_big(std::size_t wanted) const;

  ResponseLimits limits_;
  std::string text_;
  std::size_t literals_ = 0;
  std::size_t literal_size_ = 0;
  Need need_ = Need::line;
};

constexpr std::string_view to_string(ResponseAssembler::Need n) {
  switch (n) {
    case ResponseAssembler::Need::line: return "line";
    case ResponseAssembler::Need::literal: return "literal";
    case ResponseAssembler::Need::complete: return "complete";
  }
  return "line";
}

// If `line` ends with a literal announcement "{n}", its size. "{n+}" (a non-synchronizing
// literal, RFC 7888) is an error here: only clients may send those.
struct LiteralAnnouncement {
  bool present = false;
  std::size_t size = 0;
};
Result<LiteralAnnouncement> trailing_literal(std::string_view line);

}  // namespace mailassist::imap
