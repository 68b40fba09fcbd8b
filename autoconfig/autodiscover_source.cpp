#include "autoconfig/autodiscover_source.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "autoconfig/autodiscover_xml.hpp"
#include "autoconfig/config_fetch.hpp"
#include "autoconfig/config_urls.hpp"
#include "autoconfig/dns_lookups.hpp"
#include "autoconfig/domain_names.hpp"
#include "autoconfig/parallel_lookups.hpp"
#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

constexpr auto kKind = SourceKind::autodiscover;

// Outlook follows Autodiscover redirects (redirectAddr, redirectUrl) a bounded number of
// times; so do we, HTTPS only, stopping at a loop.
constexpr int kMaxAutodiscoverRedirects = 10;

net::HttpRequest autodiscover_post(const std::string& url, const std::string& email) {
  net::HttpRequest request;
  request.url = url;
  request.method = "POST";
  request.body = autodiscover_request(email);
  request.content_type = "text/xml; charset=utf-8";
  return request;
}

// Where a redirect leads: the URL to POST to and the address to ask about, or an error
// saying why it is not followed. A new address is asked at its own domain's Autodiscover
// host (MS-OXDSCLI: the client starts again with that address), or at the same URL when
// the domain is the same.
Result<std::pair<std::string, std::string>> next_hop(const AutodiscoverRedirect& redirect,
                                                     const std::string& url,
                                                     const std::string& email) {
  if (redirect.kind == AutodiscoverRedirect::Kind::url) {
    if (!istarts_with(redirect.target, "https://"))
      return make_error(ErrorKind::protocol_error,
                        "refused to follow a redirect to " + redirect.target + ": not HTTPS");
    return std::pair{redirect.target, email};
  }
  auto domain = to_lower_ascii(domain_of(redirect.target));
  if (redirect.target.find('@') == 0 || !is_plausible_domain(domain))
    return make_error(ErrorKind::protocol_error, "refused to follow a redirect to '" +
                                                     redirect.target + "': not an email address");
  if (domain == to_lower_ascii(domain_of(email))) return std::pair{url, redirect.target};
  return std::pair{autodiscover_url("autodiscover." + domain), redirect.target};
}

// POSTs to `url` and follows redirects. Every hop is a lookup of its own; the settings, if
// any, name the first URL (where the search started) and the chain in a warning. They are
// trusted only when every hop was (HTTPS all the way).
SourceOutcome post_request(const DetectContext& context, const std::string& url,
                           Deadline deadline) {
  SourceOutcome outcome;
  std::string current = url;
  std::string email = context.email;
  std::vector<std::string> visited{email + " " + current};
  std::string chain = url;
  bool all_trusted = true;
  for (int redirects = 0;; ++redirects) {
    std::optional<AutodiscoverRedirect> redirect;
    // A redirect comes back as settings-less "found" document so that the fetch still
    // reports its trust; it is taken out below.
    auto parse = [&redirect](std::string_view body,
                             std::string_view where) -> Result<AccountConfig> {
      auto answer = read_autodiscover_response(body, where);
      if (!answer) return std::move(answer).error();
      if (answer->redirect) {
        redirect = std::move(answer->redirect);
        return AccountConfig{};
      }
      return std::move(*answer->settings);
    };
    auto fetched =
        fetch_config_document(context, kKind, autodiscover_post(current, email), deadline, parse);
    if (!redirect || !fetched.config) {
      if (fetched.config && redirects > 0) {
        auto& config = *fetched.config;
        config.provenance.url = url;
        config.provenance.trusted = config.provenance.trusted && all_trusted;
        config.provenance.warnings.push_back("reached through Autodiscover redirects: " + chain);
      }
      if (fetched.config) outcome.configs.push_back(std::move(*fetched.config));
      outcome.lookups.push_back(std::move(fetched.report));
      return outcome;
    }
    all_trusted = all_trusted && fetched.config->provenance.trusted;
    fetched.report.detail = "redirects to " + describe(*redirect);
    outcome.lookups.push_back(fetched.report);

    LookupReport stop{kKind, current, LookupResult::error, 0, ""};
    auto next = next_hop(*redirect, current, email);
    if (!next) {
      stop.detail = next.error().message;
      outcome.lookups.push_back(std::move(stop));
      return outcome;
    }
    std::tie(current, email) = std::move(*next);
    chain +=
        " -> " + (redirect->kind == AutodiscoverRedirect::Kind::address ? email + " at " + current
                                                                        : current);
    stop.target = current;
    if (std::find(visited.begin(), visited.end(), email + " " + current) != visited.end()) {
      stop.detail = "Autodiscover redirect loop: " + chain;
      outcome.lookups.push_back(std::move(stop));
      return outcome;
    }
    if (redirects + 1 > kMaxAutodiscoverRedirects) {
      stop.detail = "more than " + std::to_string(kMaxAutodiscoverRedirects) +
                    " Autodiscover redirects: " + chain;
      outcome.lookups.push_back(std::move(stop));
      return outcome;
    }
    visited.push_back(email + " " + current);
  }
}

// The SRV query, then (when it names a host) the POST to that host.
SourceOutcome via_srv_record(const DetectContext& context, Deadline deadline) {
  Stopwatch watch;
  LookupReport report{kKind, "_autodiscover._tcp." + context.domain, LookupResult::none, 0, ""};
  SourceOutcome outcome;
  auto finish = [&]() -> SourceOutcome {
    report.ms = watch.elapsed_ms();
    outcome.lookups.insert(outcome.lookups.begin(), std::move(report));
    return std::move(outcome);
  };
  if (!context.resolver) {
    report.result = LookupResult::error;
    report.detail = "no DNS resolver in this run";
    return finish();
  }
  auto records = lookup_srv(*context.resolver, report.target, deadline, context.cancel);
  if (!records) {
    report.result = lookup_result_for(records.error());
    report.detail = records.error().message;
    return finish();
  }
  // Records come sorted by priority, then weight (the Resolver's order). A lone "." target
  // means the service is deliberately not offered (RFC 2782).
  const net::SrvRecord* chosen = nullptr;
  for (const auto& record : *records) {
    if (!record.target.empty() && record.target != ".") {
      chosen = &record;
      break;
    }
  }
  if (chosen == nullptr) {
    report.detail = "the record says Autodiscover is not offered (target \".\")";
    return finish();
  }
  std::string target = normalize_host(chosen->target);
  report.result = LookupResult::found;
  report.detail = target + ":" + std::to_string(chosen->port);
  if (!is_plausible_domain(target)) {
    report.result = LookupResult::error;
    report.detail = "the record's target \"" + chosen->target + "\" is not a host name";
    return finish();
  }

  outcome = post_request(context, autodiscover_url(target, chosen->port), deadline);
  if (!is_within_domain(target, context.domain)) {
    for (auto& config : outcome.configs) {
      config.provenance.trusted = false;
      config.provenance.warnings.push_back("found through the SRV record _autodiscover._tcp." +
                                           context.domain + ", which points outside " +
                                           context.domain + " (to " + target + ")");
    }
  }
  return finish();
}

}  // namespace

Source make_autodiscover_source() {
  return {kKind, [](const DetectContext& context, Deadline deadline) {
            if (!is_plausible_domain(context.domain)) {
              SourceOutcome outcome;
              outcome.lookups.push_back({kKind, context.domain, LookupResult::error, 0,
                                         "\"" + context.domain + "\" is not a valid domain name"});
              return outcome;
            }
            std::vector<LookupTask> tasks;
            for (const auto& host : {"autodiscover." + context.domain, context.domain}) {
              tasks.emplace_back([&context, url = autodiscover_url(host), deadline] {
                return post_request(context, url, deadline);
              });
            }
            tasks.emplace_back([&context, deadline] { return via_srv_record(context, deadline); });
            return run_lookups_in_parallel(std::move(tasks));
          }};
}

}  // namespace mailassist::autoconfig
