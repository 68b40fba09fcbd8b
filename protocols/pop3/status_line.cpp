#include "protocols/pop3/status_line.hpp"

#include <algorithm>
#include <cctype>

#include "core/ascii.hpp"
#include "protocols/pop3/parse_error.hpp"

namespace mailassist::pop3 {

namespace {

constexpr std::size_t kMaxCodeLength = 64;
constexpr std::size_t kMaxTimestampLength = 256;

// RFC 2449 section 8: resp-level = 1*rchar, rchar = %x21-2E / %x30-5C / %x5E-7F, i.e.
// printable ASCII except "/" and "]", levels joined by "/".
bool valid_code(std::string_view code) {
  if (code.empty() || code.front() == '/' || code.back() == '/') return false;
  for (std::size_t i = 0; i < code.size(); ++i) {
    auto u = static_cast<unsigned char>(code[i]);
    if (u < 0x21 || u > 0x7e || u == ']') return false;
    if (code[i] == '/' && code[i - 1] == '/') return false;
  }
  return true;
}

ResponseCode classify_code(std::string_view code) {
  if (code.empty()) return ResponseCode::none;
  if (code == "AUTH" || istarts_with(code, "AUTH/")) return ResponseCode::auth;
  if (code == "SYS/TEMP" || istarts_with(code, "SYS/TEMP/")) return ResponseCode::sys_temp;
  if (code == "SYS/PERM" || istarts_with(code, "SYS/PERM/")) return ResponseCode::sys_perm;
  if (code == "IN-USE" || istarts_with(code, "IN-USE/")) return ResponseCode::in_use;
  if (code == "LOGIN-DELAY" || istarts_with(code, "LOGIN-DELAY/")) return ResponseCode::login_delay;
  return ResponseCode::other;
}

// Splits "[CODE] text" into code and text. Text that merely starts with "[" without
// forming a valid code is ordinary text (RFC 2449 section 8 only defines the bracket form).
void split_code(std::string_view rest, StatusLine& out) {
  if (!rest.empty() && rest.front() == '[') {
    auto close = rest.find(']');
    if (close != std::string_view::npos && close - 1 <= kMaxCodeLength &&
        valid_code(rest.substr(1, close - 1))) {
      out.code = to_upper_ascii(rest.substr(1, close - 1));
      out.kind = classify_code(out.code);
      rest.remove_prefix(close + 1);
      if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    }
  }
  out.text = std::string(rest);
}

}  // namespace

Result<StatusLine> parse_status_line(std::string_view line, std::size_t line_number) {
  StatusLine out;
  std::size_t indicator = 0;
  if (istarts_with(line, "+OK")) {
    out.ok = true;
    indicator = 3;
  } else if (istarts_with(line, "-ERR")) {
    indicator = 4;
  } else {
    return parse_error("expected \"+OK\" or \"-ERR\"", line_number, 0, line);
  }
  auto rest = line.substr(indicator);
  if (!rest.empty()) {
    if (rest.front() != ' ') {
      return parse_error("expected a space after the status indicator", line_number, indicator,
                         line);
    }
    rest.remove_prefix(1);
  }
  split_code(rest, out);
  return out;
}

Result<AuthStep> parse_auth_step(std::string_view line) {
  AuthStep out;
  // RFC 5034 section 4: a continuation is "+" SP base64; some servers send a bare "+"
  // for an empty challenge. "+OK" is the final answer, not a challenge.
  if (line == "+" || (line.size() >= 2 && line[0] == '+' && line[1] == ' ')) {
    out.continuation = true;
    out.challenge = std::string(line.size() > 2 ? line.substr(2) : std::string_view());
    return out;
  }
  auto status = parse_status_line(line);
  if (!status) return std::move(status).error();
  out.status = std::move(*status);
  return out;
}

std::optional<std::string> apop_timestamp(std::string_view greeting_text) {
  // RFC 1939 section 7: the timestamp is a msg-id (RFC 822): "<" local "@" domain ">",
  // printable ASCII without spaces.
  for (auto open = greeting_text.find('<'); open != std::string_view::npos;
       open = greeting_text.find('<', open + 1)) {
    auto close = greeting_text.find('>', open + 1);
    if (close == std::string_view::npos) return std::nullopt;
    auto inner = greeting_text.substr(open + 1, close - open - 1);
    auto at = inner.find('@');
    bool printable = std::all_of(inner.begin(), inner.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u > 0x20 && u < 0x7f && c != '<';
    });
    if (printable && at != std::string_view::npos && at > 0 && at + 1 < inner.size() &&
        inner.size() + 2 <= kMaxTimestampLength) {
      return std::string(greeting_text.substr(open, close - open + 1));
    }
  }
  return std::nullopt;
}

}  // namespace mailassist::pop3
