#include "autoconfig/mx_source.hpp"

#include "autoconfig/config_fetch.hpp"
#include "autoconfig/config_urls.hpp"
#include "autoconfig/dns_lookups.hpp"
#include "autoconfig/mx_rules.hpp"
#include "autoconfig/parallel_lookups.hpp"

namespace mailassist::autoconfig {

namespace {

std::string describe(const std::vector<net::MxRecord>& records) {
  std::string text;
  for (const auto& r : records) {
    if (!text.empty()) text += ", ";
    text += std::to_string(r.preference) + " " + (r.host.empty() ? std::string(".") : r.host);
  }
  return text;
}

// Step 1: the MX lookup. Returns the host to follow, or empty (the report says why).
std::string ask_mx(const DetectContext& context, Deadline deadline, SourceOutcome& outcome) {
  Stopwatch watch;
  LookupReport report{SourceKind::mx, context.domain, LookupResult::none, 0, ""};
  auto records = lookup_mx(*context.resolver, context.domain, deadline, context.cancel);
  report.ms = watch.elapsed_ms();
  std::string host;
  if (!records) {
    report.result = lookup_result_for(records.error());
    report.detail = records.error().message;
  } else if (host = most_preferred_mx(*records); host.empty()) {
    report.detail = "no mail host (" + describe(*records) + "; a null MX, RFC 7505)";
  } else if (is_own_mx(host, context.domain)) {
    report.detail = "the MX is the domain's own (" + host + "): it adds nothing";
    host.clear();
  } else {
    report.result = LookupResult::found;
    report.detail = describe(*records) + "; following " + host;
  }
  outcome.lookups.push_back(std::move(report));
  return host;
}

// Step 2: a bundled preset for the MX host's provider.
bool try_preset(const PresetCatalog& catalog, const DetectContext& context,
                const std::string& mx_host, SourceOutcome& outcome) {
  Stopwatch watch;
  LookupReport report{SourceKind::mx, mx_host, LookupResult::none, 0,
                      "no bundled preset for this MX host"};
  auto match = find_mx_preset(catalog, mx_host);
  if (match.preset) {
    outcome.configs.push_back(config_from_mx_preset(*match.preset, mx_host, context.domain));
    report.result = LookupResult::found;
    report.detail =
        "bundled preset " + match.preset->provenance.url + " (by " + match.matched_by + ")";
  }
  report.ms = watch.elapsed_ms();
  outcome.lookups.push_back(std::move(report));
  return match.preset != nullptr;
}

// Step 3: the ISPDB for the provider's domains and the provider's own autoconfig host,
// asked at once; the first of them in that order that has a document wins.
void try_documents(const DetectContext& context, Deadline deadline, const std::string& mx_host,
                   SourceOutcome& outcome) {
  auto domains = mx_provider_domains(mx_host, context.domain);
  std::vector<std::string> urls;
  for (const auto& d : domains) urls.push_back(ispdb_lookup_url(context.options.ispdb_url, d));
  if (!domains.empty()) urls.push_back(mx_autoconfig_url(domains.back()));

  std::vector<LookupTask> tasks;
  for (const auto& url : urls) {
    tasks.push_back([&context, url, deadline] {
      SourceOutcome one;
      auto fetched = fetch_client_config(context, SourceKind::mx, url, deadline);
      if (fetched.config) one.configs.push_back(std::move(*fetched.config));
      one.lookups.push_back(std::move(fetched.report));
      return one;
    });
  }
  auto gathered = run_lookups_in_parallel(std::move(tasks));
  for (auto& lookup : gathered.lookups) outcome.lookups.push_back(std::move(lookup));
  if (gathered.configs.empty()) return;
  AccountConfig config = std::move(gathered.configs.front());
  mark_from_mx_provider(config, mx_host, context.domain);
  outcome.configs.push_back(std::move(config));
}

}  // namespace

Source make_mx_source(std::shared_ptr<const PresetCatalog> catalog) {
  return {SourceKind::mx, [catalog](const DetectContext& context, Deadline deadline) {
            SourceOutcome outcome;
            if (!context.resolver) {
              outcome.lookups.push_back({SourceKind::mx, context.domain, LookupResult::error, 0,
                                         "no DNS resolver in this run"});
              return outcome;
            }
            auto mx_host = ask_mx(context, deadline, outcome);
            if (mx_host.empty()) return outcome;
            if (catalog && try_preset(*catalog, context, mx_host, outcome)) return outcome;
            try_documents(context, deadline, mx_host, outcome);
            return outcome;
          }};
}

}  // namespace mailassist::autoconfig
