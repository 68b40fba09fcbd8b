#include "app/cli/pop3_source_spec.hpp"

#include "app/cli/server_spec.hpp"
#include "core/ascii.hpp"

namespace mailassist::cli {
namespace {

constexpr std::string_view kScheme = "pop3://";

Error bad_source(std::string_view source, std::string_view why) {
  return make_error(
      ErrorKind::invalid_input,
      "'" + std::string(source) +
          "' is not pop3://USER@HOST[:PORT][/tls|/starttls|/none]: " + std::string(why));
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// RFC 3986 section 2.1: "%" HEXDIG HEXDIG is one byte. A '%' not followed by two hex
// digits is an error rather than itself, so a mistyped name is not silently sent.
Result<std::string> percent_decode(std::string_view text, std::string_view source) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int high = i + 2 < text.size() ? hex_value(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? hex_value(text[i + 2]) : -1;
    if (high < 0 || low < 0)
      return bad_source(source, "'%' in USER must be followed by two hex digits");
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

}  // namespace

bool is_pop3_source(std::string_view source) {
  return source.size() >= kScheme.size() && iequals(source.substr(0, kScheme.size()), kScheme);
}

Result<Pop3SourceSpec> parse_pop3_source(std::string_view source) {
  if (!is_pop3_source(source)) return bad_source(source, "it does not start with pop3://");
  auto rest = source.substr(kScheme.size());
  // The last '@' before the host: a raw '@' in USER is taken as part of it.
  auto at = rest.rfind('@');
  if (at == std::string_view::npos || at == 0)
    return bad_source(source, "the user name is missing (pop3://USER@HOST)");
  Pop3SourceSpec spec;
  auto user = percent_decode(rest.substr(0, at), source);
  if (!user) return std::move(user).error();
  if (user->find(':') != std::string::npos)
    return bad_source(source, "a password does not go in the URL (use --password-stdin)");
  for (char c : *user)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
      return bad_source(source, "USER holds a control character");
  spec.username = std::move(*user);
  auto server = parse_server_spec(autoconfig::Protocol::pop3, rest.substr(at + 1));
  if (!server) return bad_source(source, server.error().message);
  spec.server = std::move(*server);
  return spec;
}

}  // namespace mailassist::cli
