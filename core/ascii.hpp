#pragma once
// ASCII case folding for protocol keywords, host names and capability names. Deliberately
// not std::tolower: that follows the C locale, and protocol text must fold the same way
// everywhere (a Turkish locale would turn "I" into a dotless i).
#include <algorithm>
#include <string>
#include <string_view>

namespace mailassist {

constexpr char to_lower_ascii(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr char to_upper_ascii(char c) {
  return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
}

inline std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_lower_ascii(c);
  return out;
}

inline std::string to_upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = to_upper_ascii(c);
  return out;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return to_lower_ascii(x) == to_lower_ascii(y);
         });
}

constexpr bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

}  // namespace mailassist
