#pragma once
// `mailassist migrate pop3://USER@HOST[:PORT][/tls|/starttls|/none]`: a POP3 server still
// holding mail as the migration's source. HOST[:PORT][/SECURITY] is read by
// parse_server_spec(), as `--pop3` of `mailassist test` is (default /tls and port 995;
// 110 for starttls and none). USER may be percent-encoded (RFC 3986 section 2.1), since
// it often holds an '@' itself: pop3://ani%40example.com@pop.example.com. The password
// is never part of the URL: argv is readable by every user (`ps`).
#include <string>
#include <string_view>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"

namespace mailassist::cli {

struct Pop3SourceSpec {
  std::string username;
  autoconfig::ServerConfig server;
};

// True when SOURCE names a POP3 server rather than a path ("pop3://", any case).
bool is_pop3_source(std::string_view source);

// invalid_input with the reason when the text is not of the form above.
Result<Pop3SourceSpec> parse_pop3_source(std::string_view source);

}  // namespace mailassist::cli
