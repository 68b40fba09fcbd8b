#include "autoconfig/config_fetch.hpp"

#include "autoconfig/client_config_xml.hpp"

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

}  // namespace

FetchedConfig fetch_client_config(const DetectContext& context, SourceKind kind,
                                  const std::string& url, Deadline deadline) {
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
  net::HttpRequest request;
  request.url = url;
  auto response = context.http->fetch(request, limits, deadline, context.cancel);
  if (!response) {
    report.result = result_for(response.error());
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

  auto parsed = parse_client_config(response->body, response->final_url);
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
  report.detail = response->final_url == url ? "clientConfig document"
                                             : "clientConfig document via " + chain_text(*response);
  fetched.config = std::move(config);
  return finish();
}

}  // namespace mailassist::autoconfig
