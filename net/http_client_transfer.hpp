#pragma once
// Internal to net/: one HTTP exchange over libcurl, with redirects NOT followed. HttpClient
// (http_client.cpp) strings exchanges together hop by hop, resolving each host itself.
// Only net/*.cpp include this header; it names no curl or OpenSSL type.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/cancel_token.hpp"
#include "core/deadline.hpp"
#include "core/result.hpp"
#include "net/http_client.hpp"
#include "net/tls_context.hpp"

namespace mailassist::net::detail {

// The parts of an absolute URL that a hop needs, as curl's URL parser reads them.
struct UrlParts {
  std::string scheme;      // lower case: "https", "http", ...
  std::string host;        // a name, an IPv4 literal or a bracketed IPv6 literal "[::1]"
  std::uint16_t port = 0;  // explicit or the scheme's default
};

// ErrorKind::invalid_input when `url` is not an absolute URL curl can parse.
Result<UrlParts> parse_url(const std::string& url);

// One request, to one URL whose host has already been resolved by our Resolver.
struct Transfer {
  std::string url;
  UrlParts target;                       // parse_url(url)
  std::vector<std::string> addresses;    // pinned with CURLOPT_RESOLVE; empty for IP literals
  std::string method;                    // "GET" or "POST"
  const HttpRequest* request = nullptr;  // body, content type and extra headers
  const TlsContext* tls = nullptr;
  std::size_t max_body_bytes = 0;
  Deadline deadline = Deadline::never();
  const CancelToken* cancel = nullptr;
};

struct TransferResult {
  long status = 0;
  std::string body;
  std::string content_type;
  std::string redirect_url;  // absolute, for a 3xx with a Location header; else empty
};

// Errors: unreachable, timeout, tls_certificate, tls_hostname, tls_handshake, cancelled,
// protocol_error (body over max_body_bytes, malformed reply); every message names the URL.
Result<TransferResult> perform_transfer(const Transfer& transfer);

}  // namespace mailassist::net::detail
