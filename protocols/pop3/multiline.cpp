#include "protocols/pop3/multiline.hpp"

#include "protocols/pop3/parse_error.hpp"

namespace mailassist::pop3 {

std::optional<std::string_view> unstuff_line(std::string_view line) {
  if (line == ".") return std::nullopt;
  // RFC 1939 section 3: "If any line begins with the termination octet, the line is
  // 'byte-stuffed' by pre-pending the termination octet to that line". Servers are not
  // consistent about stuffing a lone leading "." followed by other text, so only one
  // leading dot is removed, and only when present.
  if (!line.empty() && line.front() == '.') line.remove_prefix(1);
  return line;
}

Result<MultilineResponse> parse_multiline_response(std::string_view bytes, std::size_t max_lines) {
  MultilineResponse out;
  std::size_t pos = 0;
  std::size_t line_number = 0;
  // Returns the next line (without CRLF/LF) or nullopt when no line end remains.
  auto next_line = [&]() -> std::optional<std::string_view> {
    auto newline = bytes.find('\n', pos);
    if (newline == std::string_view::npos) return std::nullopt;
    auto end = newline;
    if (end > pos && bytes[end - 1] == '\r') --end;
    auto line = bytes.substr(pos, end - pos);
    pos = newline + 1;
    ++line_number;
    return line;
  };

  auto first = next_line();
  if (!first) return parse_error("the response has no complete first line", 1, 0, bytes);
  auto status = parse_status_line(*first, line_number);
  if (!status) return std::move(status).error();
  out.status = std::move(*status);
  if (!out.status.ok) {
    out.consumed = pos;
    return out;
  }
  for (;;) {
    auto line = next_line();
    if (!line) {
      return parse_error("the response ends before its terminating \".\" line", line_number + 1, 0,
                         bytes.substr(pos));
    }
    auto body = unstuff_line(*line);
    if (!body) break;
    if (out.lines.size() == max_lines) {
      return parse_error("more than " + std::to_string(max_lines) + " lines in one response",
                         line_number, 0, *line);
    }
    out.lines.emplace_back(*body);
  }
  out.consumed = pos;
  return out;
}

std::string join_message_lines(const std::vector<std::string>& lines) {
  std::size_t total = 0;
  for (const auto& line : lines) total += line.size() + 2;
  std::string out;
  out.reserve(total);
  for (const auto& line : lines) {
    out += line;
    out += "\r\n";
  }
  return out;
}

}  // namespace mailassist::pop3
