#include "autoconfig/config_fetch.hpp"

#include <algorithm>

#include "autoconfig/client_config_xml.hpp"
#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

std::string chain_text(const net::HttpResponse& response) {
  std::string text;
  for (const auto& hop : response.url_chain) {
    if (!text.empty()) text += " -> ";
    text += hop;
  }
  return text;
}

LookupResult result_for(const Error& error) {
  switch (error.kind) {
    case ErrorKind::timeout: return LookupResult::timeout;
    case ErrorKind::cancelled: return LookupResult::skipped;
    default: return LookupResult::error;
  }
}

// clientConfig's <domain> elements name the domains a document is for. One file often
// serves many domains (an ISP's customers), so a missing domain is not an error, but the
// user should know the document does not claim theirs.
void warn_unless_listed(AccountConfig& config, const std::string& domain) {
  if (config.domains.empty()) return;
  bool listed = std::any_of(config.domains.begin(), config.domains.end(),
                            [&](const std::string& d) { return iequals(d, domain); });
  if (listed) return;
  std::string names;
  for (const auto& d : config.domains) names += (names.empty() ? "" : ", ") + d;
  config.provenance.warnings.push_back("the document is for " + names + ", and does not list " +
                                       domain);
}

}  // namespace

FetchedConfig fetch_client_config(const DetectContext& context, SourceKind kind,
                                  const std::string& url, Deadline deadline) {
  net::HttpRequest request;
  request.url = url;
  auto fetched = fetch_config_document(context, kind, request, deadline, parse_client_config);
  // The MX source asks for the MX host's domain on purpose: its documents never list ours.
  if (fetched.config && kind != SourceKind::mx) warn_unless_listed(*fetched.config, context.domain);
  return fetched;
}

FetchedConfig fetch_config_document(const DetectContext& context, SourceKind kind,
                                    const net::HttpRequest& request, Deadline deadline,
                                    const ConfigParser& parse) {
  const std::string& url = request.url;
  Stopwatch watch;
  FetchedConfig fetched;
  LookupReport& report = fetched.report;
  report.source = kind;
  report.target = url;
  auto finish = [&]() -> FetchedConfig {
    report.ms = watch.elapsed_ms();
    return std::move(fetched);
  };

  if (context.cancel.cancelled()) {
    report.result = LookupResult::skipped;
    report.detail = "cancelled";
    return finish();
  }
  if (!context.http) {
    report.result = LookupResult::error;
    report.detail = "no HTTP client in this run";
    return finish();
  }

  net::HttpLimits limits;
  // A settings document is a few KB; the parser's own cap is the one that matters.
  limits.max_body_bytes = kMaxClientConfigBytes;
  // Plain http:// (as a URL or as a redirect target) only when the user asked for it; the
  // result of such a chain is never trusted (response.all_https below).
  limits.allow_http = context.options.allow_http;
  net::HttpFailure failure;
  auto response = context.http->fetch(request, limits, deadline, context.cancel, &failure);
  if (!response) {
    // A host that does not exist publishes nothing: "none", as the DNS sources say it.
    report.result = failure.no_such_host ? LookupResult::none : result_for(response.error());
    report.detail = std::string(to_string(response.error().kind)) + ": " + response.error().message;
    return finish();
  }
  if (response->status == 404 || response->status == 410) {
    report.result = LookupResult::none;
    report.detail = "nothing published here (HTTP " + std::to_string(response->status) + ")";
    return finish();
  }
  if (response->status != 200) {
    report.result = LookupResult::error;
    report.detail = "HTTP status " + std::to_string(response->status);
    return finish();
  }

  auto parsed = parse(response->body, response->final_url);
  if (!parsed) {
    report.result = LookupResult::error;
    report.detail = parsed.error().message;
    return finish();
  }
  AccountConfig config = std::move(*parsed);
  config.provenance.source = std::string(to_string(kind));
  config.provenance.url = url;
  config.provenance.trusted = response->all_https;
  if (!response->all_https) {
    config.provenance.warnings.push_back("fetched over plain HTTP (" + chain_text(*response) +
                                         "): anyone on the network path could have changed it");
  }
  report.result = LookupResult::found;
  // The document's own address, and how we got there when it was not where we asked.
  report.detail =
      response->final_url == url ? response->final_url : "redirected: " + chain_text(*response);
  fetched.config = std::move(config);
  return finish();
}

}  // namespace mailassist::autoconfig
