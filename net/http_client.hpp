#pragma once
// HTTP(S) requests over libcurl, for settings documents (autoconfig XML, ISPDB,
// Autodiscover). HTTP is not written by hand.
//
// Every host name, including those of redirect targets, is resolved through our Resolver
// (so --dns-server applies) and every TLS connection trusts the same CA set as the mail
// connections (--ca-file). Redirects are followed here, one hop at a time, so that each hop
// is resolved by us and recorded: a chain that leaves HTTPS is reported as such, and its
// result is never "trusted".
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "core/cancel_token.hpp"
#include "core/deadline.hpp"
#include "core/result.hpp"
#include "net/resolver.hpp"
#include "net/tls_context.hpp"

namespace mailassist::net {

struct HttpRequest {
  std::string url;                   // http:// or https://
  std::string method = "GET";        // GET or POST
  std::string body;                  // POST body
  std::string content_type;          // POST Content-Type
  std::vector<std::string> headers;  // extra "Name: value" lines
};

struct HttpLimits {
  std::size_t max_body_bytes = 1024 * 1024;  // larger bodies fail with protocol_error
  int max_redirects = 5;
  bool allow_http = false;  // plain http:// URLs, and redirects to them, are refused unless set
};

struct HttpResponse {
  long status = 0;  // final status after redirects
  std::string body;
  std::string content_type;
  std::string final_url;
  std::vector<std::string> url_chain;  // the request URL, then every redirect target
  bool all_https = true;               // every hop was https://
};

// What a failed fetch's Error cannot say. A host in the chain that DNS says does not exist
// (NXDOMAIN, or no address records: RFC 2308's negative answers) means nothing is published
// there, an answer like a 404; a refused connection, a TLS failure or a DNS server that
// fails are faults. Both are ErrorKind::unreachable, so callers that care pass this.
struct HttpFailure {
  bool no_such_host = false;
};

class HttpClient {
 public:
  HttpClient(std::shared_ptr<Resolver> resolver, std::shared_ptr<const TlsContext> tls);

  // Errors: unreachable (name or connect), timeout, tls_certificate / tls_hostname /
  // tls_handshake, protocol_error (body over the limit, redirect loop or too many
  // redirects, malformed response), invalid_input (bad URL, http:// not allowed).
  // Any HTTP status is a successful result: callers decide what 404 means.
  // Every step, the host lookups included, stops with ErrorKind::cancelled soon after
  // `cancel` is set. `failure`, when given, says why a fetch failed beyond its Error.
  Result<HttpResponse> fetch(const HttpRequest& request, const HttpLimits& limits,
                             Deadline deadline, const CancelToken& cancel = {},
                             HttpFailure* failure = nullptr) const;

 private:
  std::shared_ptr<Resolver> resolver_;
  std::shared_ptr<const TlsContext> tls_;
};

}  // namespace mailassist::net
