#include "autoconfig/account_config.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (auto pos = text.find(from); pos != std::string::npos; pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
}

}  // namespace

std::optional<Protocol> parse_protocol(std::string_view text) {
  auto t = to_lower_ascii(text);
  if (t == "imap") return Protocol::imap;
  if (t == "pop3" || t == "pop") return Protocol::pop3;
  if (t == "smtp") return Protocol::smtp;
  return std::nullopt;
}

std::optional<Security> parse_security(std::string_view text) {
  auto t = to_lower_ascii(text);
  if (t == "tls" || t == "ssl") return Security::tls;
  if (t == "starttls") return Security::starttls;
  if (t == "none" || t == "plain") return Security::none;
  return std::nullopt;
}

std::uint16_t default_port(Protocol protocol, Security security) {
  bool implicit = security == Security::tls;
  switch (protocol) {
    case Protocol::imap: return implicit ? 993 : 143;
    case Protocol::pop3: return implicit ? 995 : 110;
    case Protocol::smtp: return implicit ? 465 : 587;
  }
  return 0;
}

bool is_incoming(Protocol protocol) {
  return protocol != Protocol::smtp;
}

std::string domain_of(std::string_view email) {
  auto at = email.rfind('@');
  return at == std::string_view::npos ? std::string() : std::string(email.substr(at + 1));
}

std::string expand_username(std::string_view username_template, std::string_view email) {
  std::string out(username_template);
  auto at = email.rfind('@');
  auto local = at == std::string_view::npos ? email : email.substr(0, at);
  replace_all(out, "%EMAILADDRESS%", email);
  replace_all(out, "%EMAILLOCALPART%", local);
  replace_all(out, "%EMAILDOMAIN%", domain_of(email));
  return out;
}

}  // namespace mailassist::autoconfig
