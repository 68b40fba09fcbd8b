#pragma once
// What an EHLO reply says the server can do (RFC 5321 section 4.1.1.1): every line after
// the first is a keyword with optional parameters.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/smtp/reply.hpp"

namespace mailassist::smtp {

struct EhloCapabilities {
  std::vector<std::string> lines;      // "AUTH PLAIN LOGIN", "SIZE 35882577"... keyword upper-cased
  std::vector<std::string> auth;       // SASL mechanisms (RFC 4954), upper-cased, no duplicates
  bool starttls = false;               // RFC 3207
  std::optional<std::uint64_t> size;   // RFC 1870; 0 = no fixed limit
  bool eightbitmime = false;           // RFC 6152
  bool pipelining = false;             // RFC 2920
  bool smtputf8 = false;               // RFC 6531
  bool enhanced_status_codes = false;  // RFC 2034
  bool chunking = false;               // RFC 3030

  bool has(std::string_view keyword) const;  // case-insensitive
};

// `reply` is a positive EHLO reply; its first line is the server's greeting to us.
EhloCapabilities parse_ehlo(const Reply& reply);

}  // namespace mailassist::smtp
