#pragma once
// Outlook's "plain old XML" (POX) Autodiscover: the request we POST and the response we
// read into the account model. Only the IMAP, POP3 and SMTP parts matter to us; Exchange's
// own protocols (EXCH, EXPR, WEB) are skipped with a warning.
// Reference: Microsoft, "POX Autodiscover XML elements for Exchange" (learn.microsoft.com,
// exchange/client-developer/web-service-reference/pox-autodiscover-xml-elements-for-exchange)
// and [MS-OXDSCLI] Autodiscover Publishing and Lookup Protocol.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"

namespace mailassist::autoconfig {

// Responses larger than this are refused before parsing; a POX response is a few KB.
constexpr std::size_t kMaxAutodiscoverBytes = 1024 * 1024;

// The request body: <Autodiscover> in the outlook/requestschema/2006 namespace with the
// address and the response schema we read (outlook/responseschema/2006a). POST it with
// Content-Type text/xml.
std::string autodiscover_request(std::string_view email);

// An Account whose Action sends the client elsewhere ([MS-OXDSCLI]): redirectAddr, ask
// again for another address; redirectUrl, ask another Autodiscover URL.
struct AutodiscoverRedirect {
  enum class Kind { address, url };
  Kind kind = Kind::url;
  std::string target;  // the address or the URL, as the response gives it
};

// A POX response: settings, or a redirect.
struct AutodiscoverAnswer {
  std::optional<AccountConfig> settings;
  std::optional<AutodiscoverRedirect> redirect;
};

// Reads a POX response. An Account with Action "settings" gives the config: each Protocol
// of Type IMAP, POP3 or SMTP becomes a server (security mapping in autodiscover_xml.cpp),
// other Types are skipped with a warning in provenance.warnings; redirectAddr and
// redirectUrl give the redirect. Errors (invalid_input, each naming `where`): oversized or
// not well-formed XML (with the byte offset), another root element, an <Error> response,
// an AccountType other than "email", a redirect without its target, a Protocol with a
// missing or invalid Server or Port, an unknown Encryption value, and settings with no
// IMAP, POP3 or SMTP server at all.
Result<AutodiscoverAnswer> read_autodiscover_response(std::string_view xml, std::string_view where);

// The settings of a POX response; a redirect is an error naming its target (for readers
// that cannot follow one, such as the export round trip).
Result<AccountConfig> parse_autodiscover_response(std::string_view xml, std::string_view where);

// "the address 'bob@example.test'" or "'https://...'", for messages.
std::string describe(const AutodiscoverRedirect& redirect);

}  // namespace mailassist::autoconfig
