#include "protocols/pop3/capabilities.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "core/ascii.hpp"
#include "protocols/pop3/parse_error.hpp"

namespace mailassist::pop3 {

namespace {

constexpr std::size_t kMaxMechanismName = 20;  // RFC 4422 section 3.1

bool valid_mechanism(std::string_view name) {
  // RFC 4422 section 3.1: 1-20 characters of upper-case letters, digits, "-" and "_"
  // (accepted in either case: servers are not strict about it).
  return !name.empty() && name.size() <= kMaxMechanismName &&
         std::all_of(name.begin(), name.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
         });
}

std::vector<std::string_view> split_words(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < s.size()) {
    auto end = s.find(' ', pos);
    if (end == std::string_view::npos) end = s.size();
    if (end > pos) out.push_back(s.substr(pos, end - pos));
    pos = end + 1;
  }
  return out;
}

}  // namespace

bool Capabilities::has(std::string_view keyword) const {
  auto wanted = to_upper_ascii(keyword);
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) {
    return line.compare(0, line.find(' '), wanted) == 0;
  });
}

bool Capabilities::retrieval_deletes() const {
  return expire && *expire == "0";
}

Result<Capabilities> parse_capabilities(const std::vector<std::string>& lines) {
  Capabilities caps;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& line = lines[i];
    const auto line_number = i + 2;  // the +OK line is line 1 of the response
    auto bad = std::find_if(line.begin(), line.end(), [](char c) {
      auto u = static_cast<unsigned char>(c);
      return u < 0x20 || u == 0x7f;
    });
    if (bad != line.end()) {
      return parse_error("control character in a capability", line_number,
                         static_cast<std::size_t>(bad - line.begin()), line);
    }
    auto words = split_words(line);
    if (words.empty()) return parse_error("empty capability line", line_number, 0, line);
    auto keyword = to_upper_ascii(words.front());
    auto args = std::string_view(line).substr(
        static_cast<std::size_t>(words.front().data() - line.data()) + words.front().size());
    while (!args.empty() && args.front() == ' ') args.remove_prefix(1);
    caps.lines.push_back(args.empty() ? keyword : keyword + " " + std::string(args));

    if (keyword == "SASL") {
      for (std::size_t w = 1; w < words.size(); ++w) {
        if (!valid_mechanism(words[w])) {
          return parse_error("invalid SASL mechanism name", line_number,
                             static_cast<std::size_t>(words[w].data() - line.data()), line);
        }
        auto name = to_upper_ascii(words[w]);
        if (std::find(caps.sasl_mechanisms.begin(), caps.sasl_mechanisms.end(), name) ==
            caps.sasl_mechanisms.end())
          caps.sasl_mechanisms.push_back(std::move(name));
      }
    } else if (keyword == "STLS") {
      caps.stls = true;
    } else if (keyword == "USER") {
      caps.user = true;
    } else if (keyword == "UIDL") {
      caps.uidl = true;
    } else if (keyword == "TOP") {
      caps.top = true;
    } else if (keyword == "PIPELINING") {
      caps.pipelining = true;
    } else if (keyword == "RESP-CODES") {
      caps.resp_codes = true;
    } else if (keyword == "AUTH-RESP-CODE") {
      caps.auth_resp_code = true;
    } else if (keyword == "IMPLEMENTATION") {
      caps.implementation = std::string(args);
    } else if (keyword == "EXPIRE" && words.size() >= 2) {
      caps.expire = to_upper_ascii(words[1]);
    } else if (keyword == "LOGIN-DELAY" && words.size() >= 2) {
      std::uint64_t seconds = 0;
      auto word = words[1];
      auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), seconds);
      // An unreadable delay is only advice lost, not a reason to fail the session.
      if (ec == std::errc() && end == word.data() + word.size()) caps.login_delay_seconds = seconds;
    }
  }
  return caps;
}

}  // namespace mailassist::pop3
