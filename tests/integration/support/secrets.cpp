#include "secrets.hpp"

#include <cstdint>

namespace mailassist::testing {

// Written here rather than taken from core/: a test must not trust the code it checks.
std::string base64(std::string_view bytes) {
  static constexpr std::string_view alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const std::uint32_t n = (std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16) |
                            (std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8) |
                            std::uint32_t{static_cast<unsigned char>(bytes[i + 2])};
    out += alphabet[n >> 18];
    out += alphabet[(n >> 12) & 63];
    out += alphabet[(n >> 6) & 63];
    out += alphabet[n & 63];
  }
  if (const std::size_t rest = bytes.size() - i; rest > 0) {
    std::uint32_t n = std::uint32_t{static_cast<unsigned char>(bytes[i])} << 16;
    if (rest == 2) n |= std::uint32_t{static_cast<unsigned char>(bytes[i + 1])} << 8;
    out += alphabet[n >> 18];
    out += alphabet[(n >> 12) & 63];
    out += rest == 2 ? alphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::vector<std::string> secret_forms(std::string_view username, std::string_view password) {
  std::vector<std::string> forms{std::string(password), base64(password)};
  std::string quoted;
  for (const char c : password) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  if (quoted != password) forms.push_back(quoted);
  const std::string user(username);
  const std::string pass(password);
  forms.push_back(base64(std::string(1, '\0') + user + '\0' + pass));
  forms.push_back(base64(user + '\0' + user + '\0' + pass));
  return forms;
}

std::string find_secret(std::string_view text, std::string_view username,
                        std::string_view password) {
  for (const auto& form : secret_forms(username, password)) {
    if (text.find(form) != std::string_view::npos) return form;
  }
  return "";
}

}  // namespace mailassist::testing
