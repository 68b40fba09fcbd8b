#include "autoconfig/config_urls.hpp"

namespace mailassist::autoconfig {

namespace {

bool is_unreserved(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

std::string_view without_trailing_dot(std::string_view name) {
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);
  return name;
}

}  // namespace

std::string url_encode_component(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (is_unreserved(c)) {
      out += c;
      continue;
    }
    auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += kHex[byte >> 4];
    out += kHex[byte & 0x0F];
  }
  return out;
}

bool is_plausible_domain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t label = 0;
  for (char c : domain) {
    if (c == '.') {
      if (label == 0) return false;  // empty label: "..", or a leading dot
      label = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_';
    if (!ok || ++label > 63) return false;
  }
  return label > 0;
}

std::string isp_autoconfig_url(std::string_view scheme, std::string_view domain,
                               std::string_view email) {
  return std::string(scheme) + "://autoconfig." + std::string(domain) +
         "/mail/config-v1.1.xml?emailaddress=" + url_encode_component(email);
}

std::string well_known_autoconfig_url(std::string_view scheme, std::string_view domain) {
  return std::string(scheme) + "://" + std::string(domain) +
         "/.well-known/autoconfig/mail/config-v1.1.xml";
}

std::string ispdb_lookup_url(std::string_view ispdb_url, std::string_view domain) {
  while (!ispdb_url.empty() && ispdb_url.back() == '/') ispdb_url.remove_suffix(1);
  while (!domain.empty() && domain.front() == '/') domain.remove_prefix(1);
  return std::string(ispdb_url) + "/" + std::string(domain);
}

std::string autodiscover_url(std::string_view host, unsigned port) {
  std::string authority(without_trailing_dot(host));
  if (port != 443) authority += ":" + std::to_string(port);
  return "https://" + authority + "/autodiscover/autodiscover.xml";
}

}  // namespace mailassist::autoconfig
