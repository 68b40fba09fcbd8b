#pragma once
// The lexical layer of the IMAP grammar (RFC 9051 section 9): atoms, numbers, quoted
// strings, literals, parenthesised lists, read from one complete response as assembled by
// ResponseAssembler. Every error names the byte offset and shows the bytes there.
//
// Nothing here recurses: nested lists are skipped with a counter bounded by kMaxDepth.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.hpp"
#include "core/result.hpp"

namespace mailassist::imap {

class ParseCursor {
 public:
  static constexpr int kMaxDepth = 32;

  explicit ParseCursor(std::string_view input) : input_(input), end_(input.size()) {}

  // A cursor over [begin, end) of the same input, so offsets stay absolute.
  ParseCursor sub(std::size_t begin, std::size_t end) const;

  bool at_end() const { return pos_ >= end_; }
  char peek() const { return at_end() ? '\0' : input_[pos_]; }
  std::size_t offset() const { return pos_; }
  std::size_t end() const { return end_; }
  std::string_view rest() const { return input_.substr(pos_, end_ - pos_); }
  void skip_to_end() { pos_ = end_; }

  // ErrorKind::protocol_error: "malformed IMAP response at byte N: expected X near "..."".
  Error error(std::string_view expected) const;
  Error error_at(std::size_t offset, std::string_view what) const;

  bool try_char(char c);
  Result<void> expect_char(char c, std::string_view what);
  // One or more spaces: several servers pad with two.
  Result<void> space();
  bool try_space();
  // Succeeds at the end of input, else errors: nothing may trail a complete response.
  Result<void> expect_end();

  // A case-insensitive keyword followed by something that cannot continue an atom.
  bool try_word(std::string_view word);

  // 1*ATOM-CHAR (RFC 9051 section 9), upper-cased or as sent.
  Result<std::string_view> atom();
  // A flag or attribute: ["\"] atom, or "\*" (RFC 9051 flag-perm).
  Result<std::string_view> flag();
  // 1*ASTRING-CHAR, minus '+': a command tag.
  Result<std::string_view> tag();

  Result<std::uint32_t> number();
  Result<std::uint32_t> nz_number();
  // number64 (RFC 9051 section 9): up to 2^63 - 1, for sizes and APPENDLIMIT.
  Result<std::uint64_t> number64();

  Result<std::string> quoted();
  Result<std::string> literal();
  Result<std::string> string();  // quoted or literal
  // atom (ASTRING-CHARs; 8-bit bytes and list wildcards tolerated, as servers send
  // unquoted UTF-8 and '%'), quoted, or literal.
  Result<std::string> astring();
  Result<std::optional<std::string>> nstring();

  // "(" [flag *(SP flag)] ")".
  Result<std::vector<std::string>> flag_list();
  // Skips one value of any kind, nested lists included, up to kMaxDepth deep.
  Result<void> skip_value();

 private:
  ParseCursor(std::string_view input, std::size_t pos, std::size_t end)
      : input_(input), pos_(pos), end_(end) {}

  std::string_view input_;
  std::size_t pos_ = 0;
  std::size_t end_;
};

// Character classes of RFC 9051 section 9.
bool is_atom_char(char c);
bool is_astring_char(char c);

}  // namespace mailassist::imap
