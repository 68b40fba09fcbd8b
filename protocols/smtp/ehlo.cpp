#include "protocols/smtp/ehlo.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <sstream>
#include "core/ascii.hpp"

namespace mailassist::smtp {

namespace {

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::istringstream in{std::string(text)};
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

void add_mechanism(std::vector<std::string>& auth, const std::string& name) {
  auto m = to_upper_ascii(name);
  if (!m.empty() && std::find(auth.begin(), auth.end(), m) == auth.end()) auth.push_back(m);
}

}  // namespace

bool EhloCapabilities::has(std::string_view keyword) const {
  auto wanted = to_upper_ascii(keyword);
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
    return line.substr(0, line.find(' ')) == wanted;
  });
}

EhloCapabilities parse_ehlo(const Reply& reply) {
  EhloCapabilities caps;
  for (std::size_t i = 1; i < reply.lines.size(); ++i) {
    auto parts = words(reply.lines[i]);
    if (parts.empty()) continue;
    std::string keyword = parts[0];
    // Old servers (Exchange, early Sendmail) write "AUTH=LOGIN PLAIN" next to or instead of
    // the RFC 4954 form.
    std::vector<std::string> arguments(parts.begin() + 1, parts.end());
    if (auto eq = keyword.find('='); eq != std::string::npos) {
      arguments.insert(arguments.begin(), keyword.substr(eq + 1));
      keyword = keyword.substr(0, eq);
    }
    keyword = to_upper_ascii(keyword);
    std::string line = keyword;
    for (const auto& a : arguments) line += " " + a;
    caps.lines.push_back(line);
    if (keyword == "AUTH") {
      for (const auto& a : arguments) add_mechanism(caps.auth, a);
    } else if (keyword == "STARTTLS") {
      caps.starttls = true;
    } else if (keyword == "8BITMIME") {
      caps.eightbitmime = true;
    } else if (keyword == "PIPELINING") {
      caps.pipelining = true;
    } else if (keyword == "SMTPUTF8") {
      caps.smtputf8 = true;
    } else if (keyword == "ENHANCEDSTATUSCODES") {
      caps.enhanced_status_codes = true;
    } else if (keyword == "CHUNKING") {
      caps.chunking = true;
    } else if (keyword == "SIZE") {
      std::uint64_t size = 0;
      if (arguments.empty()) {
        caps.size = 0;
      } else {
        const auto& a = arguments[0];
        auto [end, error] = std::from_chars(a.data(), a.data() + a.size(), size);
        if (error == std::errc() && end == a.data() + a.size()) caps.size = size;
      }
    }
  }
  return caps;
}

}  // namespace mailassist::smtp
