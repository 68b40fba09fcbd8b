#pragma once
// "HOST:PORT/SECURITY" as given to --imap / --pop3 / --smtp, e.g. "imap.gmail.com:993/tls",
// "[::1]:143/starttls". PORT and SECURITY may be left out: "/tls" is the default security
// and the port then follows from it (993, 995, 465; 143, 110, 587 otherwise).
#include <string_view>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"

namespace mailassist::cli {

Result<autoconfig::ServerConfig> parse_server_spec(autoconfig::Protocol protocol,
                                                   std::string_view spec);

}  // namespace mailassist::cli
