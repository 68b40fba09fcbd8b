#include "autoconfig/guess_source.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "autoconfig/dns_lookups.hpp"
#include "autoconfig/guess_plan.hpp"
#include "autoconfig/server_check.hpp"

namespace mailassist::autoconfig {

namespace {

// Step 1: each host name once, all at once. A name that does not exist spares its probes
// (and their lookup lines: the name's own line says it).
std::vector<bool> resolve_hosts(const DetectContext& context, const std::vector<std::string>& hosts,
                                Deadline deadline, std::vector<LookupReport>& reports) {
  std::vector<bool> exists(hosts.size(), false);
  std::vector<LookupReport> found(hosts.size());
  {
    std::vector<std::jthread> threads;
    threads.reserve(hosts.size());
    for (std::size_t i = 0; i < hosts.size(); ++i) {
      threads.emplace_back([&, i] {
        Stopwatch watch;
        auto addresses = resolve_host(*context.resolver, hosts[i], deadline, context.cancel);
        LookupReport report{SourceKind::guess, hosts[i], LookupResult::found, 0, ""};
        if (addresses) {
          exists[i] = true;
          for (const auto& a : *addresses) report.detail += (report.detail.empty() ? "" : " ") + a;
        } else {
          report.result = lookup_result_for(addresses.error());
          report.detail = addresses.error().message;
        }
        report.ms = watch.elapsed_ms();
        found[i] = std::move(report);
      });
    }
  }
  for (auto& report : found) reports.push_back(std::move(report));
  return exists;
}

// Only a verified TLS session counts. Nothing listening is "none"; a server that would
// need a plaintext session is "none" too, with the reason; a certificate that does not
// verify for this name, or a broken conversation, is an "error".
LookupResult probe_result(const ServerCheck& check) {
  if (check.ok()) return LookupResult::found;
  switch (*check.error) {
    case ErrorKind::unreachable:
    case ErrorKind::connection_closed:
    case ErrorKind::starttls_unavailable: return LookupResult::none;
    case ErrorKind::timeout: return LookupResult::timeout;
    case ErrorKind::cancelled: return LookupResult::skipped;
    default: return LookupResult::error;
  }
}

LookupReport probe(const DetectContext& context, const GuessProbe& guess, Deadline deadline) {
  LookupReport report{SourceKind::guess, guess.host + ":" + std::to_string(guess.port),
                      LookupResult::skipped, 0, ""};
  std::string what = std::string(to_string(guess.protocol)) + " over " +
                     (guess.security == Security::tls ? "implicit TLS" : "STARTTLS");
  if (context.cancel.cancelled() || deadline.expired()) {
    report.detail = what + ": not probed, the run was over";
    return report;
  }
  CheckOptions options;
  options.tls = context.tls;
  options.resolver = context.resolver;
  options.cancel = context.cancel;
  // A run without a deadline still ends its probes: CheckOptions' own default applies.
  if (!deadline.is_never()) options.timeout = std::chrono::milliseconds(deadline.remaining_ms());
  // No password: the check stops after the capabilities, which come after TLS.
  auto check = check_server(guess.server(), {context.email, "", ""}, options);
  report.ms = check.ms;
  report.result = probe_result(check);
  report.detail = check.ok() ? what + ": certificate verified for " + guess.host
                             : what + ": " + std::string(result_name(check)) + ": " + check.message;
  return report;
}

SourceOutcome run_guess(const DetectContext& context, Deadline deadline) {
  SourceOutcome outcome;
  if (!context.resolver || !context.tls) {
    outcome.lookups.push_back({SourceKind::guess, context.domain, LookupResult::error, 0,
                               "no DNS resolver or TLS context in this run"});
    return outcome;
  }
  auto probes = guess_probes(context.domain);
  auto hosts = guess_hosts(probes);
  auto exists = resolve_hosts(context, hosts, deadline, outcome.lookups);

  // Step 2: every probe of an existing host at once, under the run's deadline and cancel.
  std::vector<std::optional<LookupReport>> reports(probes.size());
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 0; i < probes.size(); ++i) {
      auto host = std::find(hosts.begin(), hosts.end(), probes[i].host) - hosts.begin();
      if (!exists[static_cast<std::size_t>(host)]) continue;
      threads.emplace_back([&, i] { reports[i] = probe(context, probes[i], deadline); });
    }
  }
  std::vector<bool> answered(probes.size(), false);
  for (std::size_t i = 0; i < probes.size(); ++i) {
    if (!reports[i]) continue;
    answered[i] = reports[i]->result == LookupResult::found;
    outcome.lookups.push_back(std::move(*reports[i]));
  }
  // Stopped part-way (a better answer was found): the probes that did answer are not
  // necessarily the preferred ones, so they make no settings.
  if (context.cancel.cancelled()) return outcome;
  if (auto config = config_from_probes(context.domain, probes, answered))
    outcome.configs.push_back(std::move(*config));
  return outcome;
}

}  // namespace

Source make_guess_source() {
  return {SourceKind::guess, &run_guess};
}

}  // namespace mailassist::autoconfig
