// HttpClient: redirects followed here, one hop at a time, so that every host name in the
// chain is resolved by our Resolver (--dns-server) and every hop is recorded. The exchange
// itself is libcurl's (http_client_transfer.cpp).
#include "net/http_client.hpp"

#include <algorithm>

#include "net/detail/socket.hpp"
#include "net/http_client_transfer.hpp"

namespace mailassist::net {

namespace {

// RFC 9110 section 15.4: the statuses that redirect with a Location to follow. 300 (a
// choice for the user) and 304/305 are returned to the caller as they are.
bool is_redirect(long status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string describe_chain(const std::vector<std::string>& chain, const std::string& next) {
  std::string text;
  for (const auto& url : chain) text += url + " -> ";
  return text + next;
}

// Refuses what may not be fetched: schemes other than http/https, and plain http unless
// allowed. `from` is the URL that redirected here ("" for the request itself).
Result<void> check_scheme(const detail::UrlParts& parts, const std::string& url,
                          const std::string& from, const HttpLimits& limits) {
  if (parts.scheme == "https") return ok();
  if (parts.scheme != "http") {
    if (from.empty()) {
      return make_error(ErrorKind::invalid_input,
                        "only http:// and https:// URLs can be fetched, not " + url);
    }
    return make_error(ErrorKind::protocol_error,
                      from + " redirects to " + url + ", which is neither http nor https");
  }
  if (limits.allow_http) return ok();
  if (from.empty()) {
    return make_error(ErrorKind::invalid_input,
                      "plain HTTP is not allowed (it can be altered on the way): " + url);
  }
  return make_error(ErrorKind::invalid_input,
                    "refused a redirect from HTTPS to plain HTTP: " + from + " -> " + url);
}

}  // namespace

HttpClient::HttpClient(std::shared_ptr<Resolver> resolver, std::shared_ptr<const TlsContext> tls)
    : resolver_(std::move(resolver)), tls_(std::move(tls)) {}

Result<HttpResponse> HttpClient::fetch(const HttpRequest& request, const HttpLimits& limits,
                                       Deadline deadline, const CancelToken& cancel,
                                       HttpFailure* failure) const {
  if (failure != nullptr) *failure = {};
  if (request.method != "GET" && request.method != "POST") {
    return make_error(ErrorKind::invalid_input,
                      "HTTP method " + request.method + " is not supported (GET or POST)");
  }
  if (!tls_) return make_error(ErrorKind::internal, "HttpClient has no TLS context");
  auto parts = detail::parse_url(request.url);
  if (!parts) return std::move(parts).error();
  if (auto allowed = check_scheme(*parts, request.url, "", limits); !allowed) {
    return std::move(allowed).error();
  }
  std::shared_ptr<Resolver> resolver = resolver_;
  if (!resolver) {
    auto system = Resolver::create({});
    if (!system) return std::move(system).error();
    resolver = std::move(*system);
  }

  HttpResponse response;
  response.url_chain.push_back(request.url);
  std::string url = request.url;
  std::string method = request.method;
  int redirects = 0;
  while (true) {
    if (cancel.cancelled())
      return make_error(ErrorKind::cancelled, "fetching " + url + " was cancelled");
    detail::Transfer transfer;
    transfer.url = url;
    transfer.target = *parts;
    transfer.method = method;
    transfer.request = &request;
    transfer.tls = tls_.get();
    transfer.max_body_bytes = limits.max_body_bytes;
    transfer.deadline = deadline;
    transfer.cancel = &cancel;
    // Every hop's host through our Resolver; curl is then told the addresses (pinned with
    // CURLOPT_RESOLVE), so it never asks the system's DNS.
    // The lookup stops on `cancel` too: a silent DNS server must not hold back a caller
    // that has stopped waiting (detection cancels the sources it no longer needs).
    if (!detail::ip_literal_family(parts->host)) {
      auto answer = resolver->lookup_host(parts->host, deadline, cancel);
      if (!answer) {
        Error error = std::move(answer).error();
        error.message += " (fetching " + url + ")";
        return error;
      }
      if (answer->addresses.empty()) {
        if (failure != nullptr) failure->no_such_host = true;
        return make_error(ErrorKind::unreachable, answer->negative + " (fetching " + url + ")");
      }
      transfer.addresses = std::move(answer->addresses);
    }
    auto exchange = detail::perform_transfer(transfer);
    if (!exchange) return std::move(exchange).error();

    if (!is_redirect(exchange->status) || exchange->redirect_url.empty()) {
      response.status = exchange->status;
      response.body = std::move(exchange->body);
      response.content_type = std::move(exchange->content_type);
      response.final_url = url;
      response.all_https =
          std::all_of(response.url_chain.begin(), response.url_chain.end(),
                      [](const std::string& hop) { return hop.rfind("https://", 0) == 0; });
      return response;
    }

    const std::string next = exchange->redirect_url;
    auto next_parts = detail::parse_url(next);
    if (!next_parts) {
      return make_error(ErrorKind::protocol_error,
                        url + " redirects to \"" + next + "\", which is not a usable URL");
    }
    if (auto allowed = check_scheme(*next_parts, next, url, limits); !allowed) {
      return std::move(allowed).error();
    }
    if (std::find(response.url_chain.begin(), response.url_chain.end(), next) !=
        response.url_chain.end()) {
      return make_error(ErrorKind::protocol_error,
                        "redirect loop: " + describe_chain(response.url_chain, next));
    }
    if (redirects >= limits.max_redirects) {
      return make_error(ErrorKind::protocol_error,
                        "more than " + std::to_string(limits.max_redirects) +
                            " redirects: " + describe_chain(response.url_chain, next));
    }
    ++redirects;
    // RFC 9110 section 15.4.4: 303 means "GET the result from there". 301 and 302 keep the
    // method, as 307 and 308 must: RFC 9110 only permits changing POST to GET there, and
    // Autodiscover servers (MS-OXDSCLI) expect the POST to be repeated after a redirect.
    if (exchange->status == 303) method = "GET";
    response.url_chain.push_back(next);
    url = next;
    parts = std::move(next_parts);
  }
}

}  // namespace mailassist::net
