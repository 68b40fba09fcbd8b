#include "autoconfig/autodiscover_source.hpp"

#include "autoconfig/autodiscover_xml.hpp"
#include "autoconfig/config_fetch.hpp"
#include "autoconfig/config_urls.hpp"
#include "autoconfig/dns_lookups.hpp"
#include "autoconfig/domain_names.hpp"
#include "autoconfig/parallel_lookups.hpp"

namespace mailassist::autoconfig {

namespace {

constexpr auto kKind = SourceKind::autodiscover;

SourceOutcome post_request(const DetectContext& context, const std::string& url,
                           Deadline deadline) {
  net::HttpRequest request;
  request.url = url;
  request.method = "POST";
  request.body = autodiscover_request(context.email);
  request.content_type = "text/xml; charset=utf-8";
  auto fetched =
      fetch_config_document(context, kKind, request, deadline, parse_autodiscover_response);
  SourceOutcome outcome;
  if (fetched.config) outcome.configs.push_back(std::move(*fetched.config));
  outcome.lookups.push_back(std::move(fetched.report));
  return outcome;
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
