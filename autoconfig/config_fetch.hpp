#pragma once
// Fetching one clientConfig v1.1 document over HTTP(S) and reporting it: the step that ISP
// autoconfig, the well-known URL, the ISPDB and the MX source's follow-up lookups share.
// One place decides what a 404, a redirect off HTTPS, an oversized body or broken XML mean,
// so every source reports them the same way.
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "autoconfig/lookup.hpp"

namespace mailassist::autoconfig {

struct FetchedConfig {
  std::optional<AccountConfig> config;  // set only when the lookup found a usable document
  LookupReport report;                  // always filled: target = the URL asked
};

// GETs `url` through context.http (our resolver, our CA set, --allow-http) and parses the
// body as clientConfig v1.1. The report says:
//   found    a document was parsed; the config's provenance has source = `kind`,
//            url = `url` and trusted = every hop was HTTPS (a warning says otherwise)
//   none     404 or 410, or a host in the chain that does not exist (NXDOMAIN or no
//            address, net::HttpFailure): nothing published there
//   error    any other status, a transport or TLS failure, a body over the cap
//            (net::HttpLimits, kMaxClientConfigBytes), or XML the parser refuses (its
//            message, which says where)
//   timeout  no answer before `deadline`
//   skipped  context.cancel was set before or during the fetch
// A document that lists its <domain>s without context.domain still counts (ISPs serve one
// file for many domains) but carries a warning (not for SourceKind::mx, which asks for the
// MX host's domain on purpose). Never blocks past `deadline`.
FetchedConfig fetch_client_config(const DetectContext& context, SourceKind kind,
                                  const std::string& url, Deadline deadline);

// Reads one kind of settings document; `where` names it in messages.
using ConfigParser =
    std::function<Result<AccountConfig>(std::string_view body, std::string_view where)>;

// The same rules for any request and document format (Autodiscover POSTs a request and
// answers in its own XML): fetch_client_config is this with a GET and parse_client_config.
FetchedConfig fetch_config_document(const DetectContext& context, SourceKind kind,
                                    const net::HttpRequest& request, Deadline deadline,
                                    const ConfigParser& parse);

}  // namespace mailassist::autoconfig
