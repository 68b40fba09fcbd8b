#include "autoconfig/client_config_sources.hpp"

#include "autoconfig/config_fetch.hpp"
#include "autoconfig/config_urls.hpp"
#include "autoconfig/parallel_lookups.hpp"

namespace mailassist::autoconfig {

namespace {

// A domain that could change the URL it is put into ("evil.test/x?") is refused before
// anything is asked.
std::optional<SourceOutcome> refuse_implausible_domain(SourceKind kind,
                                                       const DetectContext& context) {
  if (is_plausible_domain(context.domain)) return std::nullopt;
  SourceOutcome outcome;
  outcome.lookups.push_back({kind, context.domain, LookupResult::error, 0,
                             "\"" + context.domain + "\" is not a valid domain name"});
  return outcome;
}

SourceOutcome fetch_all(const DetectContext& context, SourceKind kind,
                        const std::vector<std::string>& urls, Deadline deadline) {
  std::vector<LookupTask> tasks;
  for (const auto& url : urls) {
    tasks.emplace_back([&context, kind, url, deadline] {
      SourceOutcome outcome;
      auto fetched = fetch_client_config(context, kind, url, deadline);
      if (fetched.config) outcome.configs.push_back(std::move(*fetched.config));
      outcome.lookups.push_back(std::move(fetched.report));
      return outcome;
    });
  }
  return run_lookups_in_parallel(std::move(tasks));
}

// HTTPS always; plain HTTP as well only when the user allowed it (its result is untrusted:
// fetch_client_config marks any chain that is not HTTPS all the way).
std::vector<std::string> with_http_variant(const DetectContext& context,
                                           const std::function<std::string(const char*)>& url) {
  std::vector<std::string> urls{url("https")};
  if (context.options.allow_http) urls.push_back(url("http"));
  return urls;
}

}  // namespace

Source make_autoconfig_source() {
  return {SourceKind::autoconfig, [](const DetectContext& context, Deadline deadline) {
            constexpr auto kind = SourceKind::autoconfig;
            if (auto refused = refuse_implausible_domain(kind, context)) return *refused;
            auto urls = with_http_variant(context, [&](const char* scheme) {
              return isp_autoconfig_url(scheme, context.domain, context.email);
            });
            return fetch_all(context, kind, urls, deadline);
          }};
}

Source make_well_known_source() {
  return {SourceKind::well_known, [](const DetectContext& context, Deadline deadline) {
            constexpr auto kind = SourceKind::well_known;
            if (auto refused = refuse_implausible_domain(kind, context)) return *refused;
            auto urls = with_http_variant(context, [&](const char* scheme) {
              return well_known_autoconfig_url(scheme, context.domain);
            });
            return fetch_all(context, kind, urls, deadline);
          }};
}

Source make_ispdb_source() {
  return {SourceKind::ispdb, [](const DetectContext& context, Deadline deadline) {
            constexpr auto kind = SourceKind::ispdb;
            if (auto refused = refuse_implausible_domain(kind, context)) return *refused;
            if (context.options.ispdb_url.empty()) {
              SourceOutcome outcome;
              outcome.lookups.push_back(
                  {kind, context.domain, LookupResult::skipped, 0, "no ISPDB URL configured"});
              return outcome;
            }
            return fetch_all(context, kind,
                             {ispdb_lookup_url(context.options.ispdb_url, context.domain)},
                             deadline);
          }};
}

}  // namespace mailassist::autoconfig
