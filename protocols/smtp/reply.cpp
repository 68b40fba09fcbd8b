#include "protocols/smtp/reply.hpp"

#include <algorithm>

#include "protocols/reply_error.hpp"

namespace mailassist::smtp {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

Error malformed(std::string_view what, std::size_t line_number, std::size_t offset,
                std::string_view line) {
  return protocols::malformed_reply("SMTP", what, line_number, offset, line);
}

// Digits of one part of an enhanced code: 1 to 3 of them (RFC 3463 section 2).
std::optional<int> number(std::string_view text, std::size_t& pos) {
  std::size_t start = pos;
  int value = 0;
  while (pos < text.size() && is_digit(text[pos]) && pos - start < 3)
    value = value * 10 + (text[pos++] - '0');
  if (pos == start) return std::nullopt;
  return value;
}

std::size_t enhanced_code_length(std::string_view text) {
  std::size_t pos = 0;
  auto klass = number(text, pos);
  if (!klass || (*klass != 2 && *klass != 4 && *klass != 5)) return 0;
  for (int part = 0; part < 2; ++part) {
    if (pos >= text.size() || text[pos] != '.') return 0;
    ++pos;
    if (!number(text, pos)) return 0;
  }
  if (pos < text.size() && text[pos] != ' ') return 0;
  return pos;
}

}  // namespace

std::optional<EnhancedCode> parse_enhanced_code(std::string_view text) {
  if (enhanced_code_length(text) == 0) return std::nullopt;
  std::size_t pos = 0;
  EnhancedCode code;
  code.klass = *number(text, pos);
  ++pos;
  code.subject = *number(text, pos);
  ++pos;
  code.detail = *number(text, pos);
  return code;
}

std::string Reply::text() const {
  std::string out;
  for (const auto& line : lines) {
    std::string_view rest = line;
    if (auto length = enhanced_code_length(rest)) rest.remove_prefix(length);
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (rest.empty()) continue;
    if (!out.empty()) out += ' ';
    out += rest;
  }
  return out;
}

Result<std::optional<Reply>> ReplyAssembler::add_line(std::string_view line) {
  ++line_number_;
  if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2]))
    return malformed("expected a three-digit reply code", line_number_, 0, line);
  int code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  // RFC 5321 section 4.2: the first digit is 2 to 5; earlier servers never sent others.
  if (line[0] < '2' || line[0] > '5')
    return malformed("reply code out of range", line_number_, 0, line);
  bool last = true;
  if (line.size() > 3) {
    if (line[3] == '-') {
      last = false;
    } else if (line[3] != ' ') {
      return malformed("expected ' ' or '-' after the reply code", line_number_, 3, line);
    }
  }
  if (pending_.lines.empty()) {
    pending_.code = code;
  } else if (code != pending_.code) {
    // RFC 5321 section 4.2.1: every line of a multiline reply carries the same code.
    return malformed("reply code changed within a multiline reply", line_number_, 0, line);
  }
  if (pending_.lines.size() >= kMaxLines)
    return malformed("more than 512 lines in one reply", line_number_, 0, line);
  std::string text(line.size() > 4 ? line.substr(4) : std::string_view());
  if (pending_.lines.empty()) pending_.enhanced = parse_enhanced_code(text);
  pending_.lines.push_back(std::move(text));
  if (!last) return std::optional<Reply>();
  Reply done = std::move(pending_);
  pending_ = Reply();
  line_number_ = 0;
  return std::optional<Reply>(std::move(done));
}

}  // namespace mailassist::smtp
