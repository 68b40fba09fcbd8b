#include "autoconfig/domain_check.hpp"

#include <algorithm>
#include <mutex>
#include <thread>

#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

// The detector merges identical settings from different channels into one; check-domain
// needs each channel's own, so every source's outcome is also kept here as it arrives.
struct Recorder {
  std::mutex mutex;
  std::vector<SourceOutcome> outcomes;  // by source index
};

std::vector<Source> recording(const std::vector<Source>& sources,
                              const std::shared_ptr<Recorder>& recorder) {
  std::vector<Source> wrapped;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    wrapped.push_back({sources[i].kind, [run = sources[i].run, recorder, i](
                                            const DetectContext& context, Deadline deadline) {
                         SourceOutcome outcome = run(context, deadline);
                         std::lock_guard lock(recorder->mutex);
                         recorder->outcomes[i].configs = outcome.configs;
                         return outcome;
                       }});
  }
  return wrapped;
}

bool same_endpoint(const ServerConfig& a, const ServerConfig& b) {
  return a.protocol == b.protocol && iequals(a.host, b.host) && a.port == b.port &&
         a.security == b.security;
}

void add_named(std::vector<ServerVerdict>& verdicts, const ServerConfig& server,
               SourceKind channel) {
  auto known = std::find_if(verdicts.begin(), verdicts.end(), [&](const ServerVerdict& v) {
    return same_endpoint(v.check.server, server);
  });
  if (known == verdicts.end()) {
    ServerVerdict verdict;
    verdict.check.server = server;
    verdict.named_by.push_back(channel);
    verdicts.push_back(std::move(verdict));
  } else if (std::find(known->named_by.begin(), known->named_by.end(), channel) ==
             known->named_by.end()) {
    known->named_by.push_back(channel);
  }
}

}  // namespace

bool owner_controls(SourceKind channel) {
  switch (channel) {
    case SourceKind::autoconfig:
    case SourceKind::well_known:
    case SourceKind::srv:
    case SourceKind::autodiscover: return true;
    default: return false;
  }
}

bool DomainCheck::ok() const {
  return std::none_of(fixes.begin(), fixes.end(), [](const DomainFix& fix) {
    return fix.severity == DomainFix::Severity::problem;
  });
}

const ChannelReport* DomainCheck::channel(SourceKind kind) const {
  for (const auto& report : channels)
    if (report.channel == kind) return &report;
  return nullptr;
}

void compare_channels(DomainCheck& check) {
  // The reference: the best published config by detection's own ranking (trust, then
  // channel priority, then security), so that check-domain and detect agree on "best".
  const AccountConfig* best = nullptr;
  SourceKind best_kind = SourceKind::guess;
  for (const auto& report : check.channels) {
    for (const auto& config : report.configs) {
      if (report.channel == SourceKind::guess) continue;
      if (!best || ranks_before(config, report.channel, *best, best_kind)) {
        best = &config;
        best_kind = report.channel;
      }
    }
  }
  // Nothing published: a guess is still worth showing as what could be published.
  if (!best) {
    if (const auto* guess = check.channel(SourceKind::guess); guess && guess->publishes()) {
      best = &guess->configs.front();
      best_kind = SourceKind::guess;
    }
  }
  check.differences.clear();
  if (!best) {
    check.reference.reset();
    check.settings.reset();
    return;
  }
  check.reference = best_kind;
  check.settings = *best;
  for (const auto& report : check.channels) {
    if (report.channel == SourceKind::guess) continue;
    for (const auto& config : report.configs) {
      for (auto& difference : compare_settings(*check.settings, config))
        check.differences.push_back({report.channel, config.provenance.url, std::move(difference)});
    }
  }
}

std::vector<ServerVerdict> servers_to_check(const DomainCheck& check) {
  std::vector<ServerVerdict> verdicts;
  for (const auto& report : check.channels) {
    if (report.channel == SourceKind::guess) continue;
    for (const auto& config : report.configs) {
      for (const auto& server : config.incoming) add_named(verdicts, server, report.channel);
      for (const auto& server : config.outgoing) add_named(verdicts, server, report.channel);
    }
  }
  if (check.reference == SourceKind::guess && check.settings) {
    for (const auto& server : check.settings->incoming)
      add_named(verdicts, server, SourceKind::guess);
    for (const auto& server : check.settings->outgoing)
      add_named(verdicts, server, SourceKind::guess);
  }
  return verdicts;
}

DomainCheck check_domain(const DetectContext& context, const std::vector<Source>& sources,
                         Deadline deadline, const ServerChecker& checker) {
  auto recorder = std::make_shared<Recorder>();
  recorder->outcomes.resize(sources.size());
  DetectPolicy policy;
  policy.wait_for_all = true;  // every channel's answer matters, not just the best
  Detection detection = detect(context, recording(sources, recorder), deadline, policy);

  DomainCheck check;
  check.domain = context.domain;
  check.email = context.email;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    ChannelReport report;
    report.channel = sources[i].kind;
    {
      std::lock_guard lock(recorder->mutex);
      report.configs = recorder->outcomes[i].configs;
    }
    // The detector's list, which says "timeout" for what the deadline cut short.
    for (const auto& lookup : detection.lookups)
      if (lookup.source == report.channel) report.lookups.push_back(lookup);
    check.channels.push_back(std::move(report));
  }
  std::stable_sort(
      check.channels.begin(), check.channels.end(),
      [](const ChannelReport& a, const ChannelReport& b) { return a.channel < b.channel; });
  compare_channels(check);

  // Every server at once: a help desk waits for the slowest, not for the sum.
  check.servers = servers_to_check(check);
  std::vector<std::thread> threads;
  for (auto& verdict : check.servers) {
    threads.emplace_back([&verdict, &checker] { verdict.check = checker(verdict.check.server); });
  }
  for (auto& thread : threads) thread.join();
  check.fixes = fixes_for(check);
  return check;
}

}  // namespace mailassist::autoconfig
