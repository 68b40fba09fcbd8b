#include "protocols/imap/parse_cursor.hpp"

#include <algorithm>

namespace mailassist::imap {

namespace {

constexpr std::size_t kExcerptBytes = 24;

// Printable form of a few bytes for an error message: control and 8-bit bytes escaped, so
// a hostile reply cannot inject terminal escapes or line breaks into our output.
std::string excerpt(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : bytes.substr(0, kExcerptBytes)) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\r') {
      out += "\\r";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  if (bytes.size() > kExcerptBytes) out += "...";
  return out;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

}  // namespace

bool is_atom_char(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u <= 0x20 || u >= 0x7f) return false;  // CTL, SP, and non-CHAR
  switch (c) {
    case '(':
    case ')':
    case '{':
    case '%':
    case '*':
    case '"':
    case '\\':
    case ']': return false;
    default: return true;
  }
}

bool is_astring_char(char c) {
  return is_atom_char(c) || c == ']';
}

ParseCursor ParseCursor::sub(std::size_t begin, std::size_t end) const {
  return ParseCursor(input_, begin, std::min(end, end_));
}

Error ParseCursor::error_at(std::size_t offset, std::string_view what) const {
  offset = std::min(offset, input_.size());
  return make_error(ErrorKind::protocol_error,
                    "malformed IMAP response at byte " + std::to_string(offset) + ": " +
                        std::string(what) + " near \"" + excerpt(input_.substr(offset)) + "\"");
}

Error ParseCursor::error(std::string_view expected) const {
  return error_at(pos_, "expected " + std::string(expected));
}

bool ParseCursor::try_char(char c) {
  if (at_end() || input_[pos_] != c) return false;
  ++pos_;
  return true;
}

Result<void> ParseCursor::expect_char(char c, std::string_view what) {
  if (!try_char(c)) return error(what);
  return ok();
}

bool ParseCursor::try_space() {
  if (!try_char(' ')) return false;
  while (try_char(' ')) {
  }
  return true;
}

Result<void> ParseCursor::space() {
  if (!try_space()) return error("a space");
  return ok();
}

Result<void> ParseCursor::expect_end() {
  if (!at_end()) return error("the end of the response");
  return ok();
}

bool ParseCursor::try_word(std::string_view word) {
  if (end_ - pos_ < word.size() || !iequals(input_.substr(pos_, word.size()), word)) return false;
  std::size_t after = pos_ + word.size();
  if (after < end_ && is_atom_char(input_[after])) return false;
  pos_ = after;
  return true;
}

Result<std::string_view> ParseCursor::atom() {
  std::size_t begin = pos_;
  while (!at_end() && is_atom_char(input_[pos_])) ++pos_;
  if (pos_ == begin) return error("an atom");
  return input_.substr(begin, pos_ - begin);
}

Result<std::string_view> ParseCursor::flag() {
  std::size_t begin = pos_;
  if (try_char('\\')) {
    if (try_char('*')) return input_.substr(begin, 2);
  }
  while (!at_end() && is_atom_char(input_[pos_])) ++pos_;
  if (pos_ == begin || (pos_ == begin + 1 && input_[begin] == '\\')) {
    pos_ = begin;
    return error("a flag");
  }
  return input_.substr(begin, pos_ - begin);
}

Result<std::string_view> ParseCursor::tag() {
  std::size_t begin = pos_;
  while (!at_end() && is_astring_char(input_[pos_]) && input_[pos_] != '+') ++pos_;
  if (pos_ == begin) return error("a tag");
  return input_.substr(begin, pos_ - begin);
}

Result<std::uint32_t> ParseCursor::number() {
  std::size_t begin = pos_;
  std::uint64_t value = 0;
  while (!at_end() && is_digit(input_[pos_])) {
    value = value * 10 + static_cast<std::uint64_t>(input_[pos_] - '0');
    ++pos_;
    // RFC 9051 section 9: number is a 32-bit unsigned value.
    if (value > 0xFFFFFFFFull) return error_at(begin, "number out of range");
  }
  if (pos_ == begin) return error("a number");
  return static_cast<std::uint32_t>(value);
}

Result<std::uint64_t> ParseCursor::number64() {
  std::size_t begin = pos_;
  std::uint64_t value = 0;
  while (!at_end() && is_digit(input_[pos_])) {
    // Checked before multiplying, so the arithmetic never wraps.
    if (value > (0x7FFFFFFFFFFFFFFFull - 9) / 10) return error_at(begin, "number out of range");
    value = value * 10 + static_cast<std::uint64_t>(input_[pos_] - '0');
    ++pos_;
  }
  if (pos_ == begin) return error("a number");
  return value;
}

Result<std::uint32_t> ParseCursor::nz_number() {
  std::size_t begin = pos_;
  auto n = number();
  if (n && *n == 0) return error_at(begin, "expected a non-zero number");
  return n;
}

Result<std::string> ParseCursor::quoted() {
  auto open = expect_char('"', "a quoted string");
  if (!open) return std::move(open).error();
  std::string out;
  while (!at_end()) {
    char c = input_[pos_];
    if (c == '"') {
      ++pos_;
      return out;
    }
    if (c == '\r' || c == '\n' || c == '\0')
      return error_at(pos_, "line break or NUL in a quoted string");
    if (c == '\\') {
      // RFC 9051 section 9: only '"' and '\' may be escaped.
      ++pos_;
      if (at_end() || (peek() != '"' && peek() != '\\')) return error("'\"' or '\\' after '\\'");
      c = input_[pos_];
    }
    out += c;
    ++pos_;
  }
  return error("a closing '\"'");
}

Result<std::string> ParseCursor::literal() {
  std::size_t begin = pos_;
  if (auto open = expect_char('{', "a literal"); !open) return std::move(open).error();
  std::size_t digits = pos_;
  std::size_t size = 0;
  while (!at_end() && is_digit(peek()) && pos_ - digits < 10) {
    size = size * 10 + static_cast<std::size_t>(peek() - '0');
    ++pos_;
  }
  if (pos_ == digits) return error("the literal's size");
  if (auto close = expect_char('}', "'}' after the literal's size"); !close) {
    return std::move(close).error();
  }
  if (end_ - pos_ < 2 || input_.substr(pos_, 2) != "\r\n") return error("CRLF after a literal");
  pos_ += 2;
  if (size > end_ - pos_) return error_at(begin, "literal longer than the response");
  std::string out(input_.substr(pos_, size));
  pos_ += size;
  return out;
}

Result<std::string> ParseCursor::string() {
  if (peek() == '"') return quoted();
  if (peek() == '{') return literal();
  return error("a string");
}

Result<std::string> ParseCursor::astring() {
  if (peek() == '"' || peek() == '{') return string();
  std::size_t begin = pos_;
  while (!at_end()) {
    char c = input_[pos_];
    bool eight_bit = static_cast<unsigned char>(c) >= 0x80;
    if (!is_astring_char(c) && !eight_bit && c != '%' && c != '*') break;
    ++pos_;
  }
  if (pos_ == begin) return error("an atom or a string");
  return std::string(input_.substr(begin, pos_ - begin));
}

Result<std::optional<std::string>> ParseCursor::nstring() {
  if (try_word("NIL")) return std::optional<std::string>{};
  auto s = string();
  if (!s) return std::move(s).error();
  return std::optional<std::string>(std::move(*s));
}

Result<std::vector<std::string>> ParseCursor::flag_list() {
  if (auto open = expect_char('(', "'('"); !open) return std::move(open).error();
  std::vector<std::string> out;
  if (try_char(')')) return out;
  for (;;) {
    auto f = flag();
    if (!f) return std::move(f).error();
    out.emplace_back(*f);
    if (try_char(')')) return out;
    if (auto sp = space(); !sp) return std::move(sp).error();
    // Tolerate "(\Seen )": a trailing space before the parenthesis.
    if (try_char(')')) return out;
  }
}

Result<void> ParseCursor::skip_value() {
  int depth = 0;
  for (;;) {
    char c = peek();
    if (at_end()) return error("a value");
    if (c == '(') {
      if (++depth > kMaxDepth) return error_at(pos_, "lists nested too deeply");
      ++pos_;
    } else if (c == ')') {
      if (depth == 0) return error("a value");
      --depth;
      ++pos_;
    } else if (c == ' ') {
      if (depth == 0) return error("a value");
      ++pos_;
    } else if (c == '"' || c == '{') {
      auto s = string();
      if (!s) return std::move(s).error();
    } else {
      auto a = astring();
      if (!a) {
        // "\Seen" inside extension data is a flag, not an astring.
        auto f = flag();
        if (!f) return std::move(f).error();
      }
    }
    if (depth == 0) return ok();
  }
}

}  // namespace mailassist::imap
