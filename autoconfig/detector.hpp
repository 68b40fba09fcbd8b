#pragma once
// Detection: every source runs at once under one deadline; the answer is ready as soon as
// no source still running could outrank what has been found. Results are merged
// (identical settings from several sources become one config listing all of them) and
// ranked.
#include <functional>
#include <string>
#include <vector>

#include "autoconfig/lookup.hpp"

namespace mailassist::autoconfig {

// One config in the answer, with every source that gave these same settings.
struct RankedConfig {
  AccountConfig config;  // provenance is that of the best source
  std::vector<SourceKind> sources;
};

struct Detection {
  std::string email;
  std::string domain;
  std::vector<RankedConfig> configs;  // best first
  std::vector<LookupReport> lookups;  // by channel, each source's in its own order
};

using SourceRun = std::function<SourceOutcome(const DetectContext&, Deadline)>;

struct Source {
  SourceKind kind;
  SourceRun run;
};

// Called from source threads whenever a lookup finishes (the wizard's live list).
using LookupObserver = std::function<void(const LookupReport&)>;

struct DetectPolicy {
  // Wait for every source even when the answer is settled (check-domain wants them all).
  bool wait_for_all = false;
  LookupObserver observer;
};

Detection detect(const DetectContext& context, const std::vector<Source>& sources,
                 Deadline deadline, const DetectPolicy& policy = {});

// The ranking key of a config: channel priority, then trust, then how secure its servers
// are. Exposed for tests.
bool ranks_before(const AccountConfig& a, SourceKind a_source, const AccountConfig& b,
                  SourceKind b_source);

// Two configs are the same settings when their servers are the same (host compared
// without case) in the same order.
bool same_settings(const AccountConfig& a, const AccountConfig& b);

}  // namespace mailassist::autoconfig
