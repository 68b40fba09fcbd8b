#pragma once
// The CAPA list (RFC 2449 section 5-6): one capability per line, a keyword then
// space-separated arguments. A server that answers CAPA with -ERR predates RFC 2449 and
// has no capabilities we can rely on (the client then tries USER/PASS).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::pop3 {

struct Capabilities {
  std::vector<std::string> lines;            // "KEYWORD args", keyword upper-cased
  std::vector<std::string> sasl_mechanisms;  // "SASL PLAIN LOGIN" (RFC 5034 section 3)
  bool stls = false;                         // RFC 2595 section 4
  bool user = false;
  bool uidl = false;
  bool top = false;
  bool pipelining = false;
  bool resp_codes = false;
  bool auth_resp_code = false;  // RFC 3206
  std::string implementation;   // free text, for reports
  // "EXPIRE 0" means the server deletes messages once they are retrieved (RFC 2449
  // section 6.7): migration must know before it issues RETR. Kept as sent ("NEVER", "30").
  std::optional<std::string> expire;
  std::optional<std::uint64_t> login_delay_seconds;

  // Whether `keyword` (case-insensitive) was listed.
  bool has(std::string_view keyword) const;
  // True for "EXPIRE 0": retrieving a message may remove it from the server.
  bool retrieval_deletes() const;

  bool operator==(const Capabilities&) const = default;
};

// Parses the body lines of a +OK CAPA response. Control characters, empty lines and
// mechanism names outside RFC 4422's alphabet are protocol errors naming the line.
Result<Capabilities> parse_capabilities(const std::vector<std::string>& lines);

}  // namespace mailassist::pop3
