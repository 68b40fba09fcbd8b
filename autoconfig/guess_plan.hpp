#pragma once
// What guessing probes and what the probes that answered make, as pure functions
// (guess_source.cpp does the I/O). Guessing is the last resort: only hosts named after the
// domain, only the standard ports, and only a probe whose TLS verified for that very host
// name counts, so a guess can never lead a password to a host the domain does not own a
// certificate for.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "autoconfig/account_config.hpp"

namespace mailassist::autoconfig {

struct GuessProbe {
  Protocol protocol;
  std::string host;
  std::uint16_t port;
  Security security;  // tls or starttls: a probe never settles for no encryption

  ServerConfig server() const;
};

// Every probe, in order of preference within its protocol: by host name (the specific
// name first: imap. before mail. before the bare domain), then implicit TLS before
// STARTTLS (RFC 8314 section 4.1). IMAP: imap., mail., D on 993/143; POP3: pop3., pop.,
// mail., D on 995/110; SMTP: smtp., mail., D on 465/587 (RFC 8314 section 3.3, RFC 6409).
std::vector<GuessProbe> guess_probes(std::string_view domain);

// The distinct host names of the probes, in first-use order (each is resolved once).
std::vector<std::string> guess_hosts(const std::vector<GuessProbe>& probes);

// The settings made of the probes that answered (`answered[i]` for `probes[i]`): incoming
// = the first IMAP that answered, then the first POP3 that answered (IMAP first: several
// devices can share it); outgoing = the first SMTP that answered. Nothing when no incoming
// probe answered. Never trusted, with a warning that it is a guess.
std::optional<AccountConfig> config_from_probes(std::string_view domain,
                                                const std::vector<GuessProbe>& probes,
                                                const std::vector<bool>& answered);

}  // namespace mailassist::autoconfig
