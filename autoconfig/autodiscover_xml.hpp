#pragma once
// Outlook's "plain old XML" (POX) Autodiscover: the request we POST and the response we
// read into the account model. Only the IMAP, POP3 and SMTP parts matter to us; Exchange's
// own protocols (EXCH, EXPR, WEB) are skipped with a warning.
// Reference: Microsoft, "POX Autodiscover XML elements for Exchange" (learn.microsoft.com,
// exchange/client-developer/web-service-reference/pox-autodiscover-xml-elements-for-exchange)
// and [MS-OXDSCLI] Autodiscover Publishing and Lookup Protocol.
#include <cstddef>
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

// Reads a POX response. An Account with Action "settings" gives the config: each Protocol
// of Type IMAP, POP3 or SMTP becomes a server (security mapping in autodiscover_xml.cpp),
// other Types are skipped with a warning in provenance.warnings. Errors (invalid_input,
// each naming `where`): oversized or not well-formed XML (with the byte offset), another
// root element, an <Error> response, an AccountType other than "email", a redirect
// (redirectAddr / redirectUrl: not followed, the message names the target), a Protocol
// with a missing or invalid Server or Port, an unknown Encryption value, and a response
// with no IMAP, POP3 or SMTP server at all.
Result<AccountConfig> parse_autodiscover_response(std::string_view xml, std::string_view where);

}  // namespace mailassist::autoconfig
