#include "autoconfig/detector.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>
#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

int security_score(const std::vector<ServerConfig>& servers) {
  if (servers.empty()) return 0;
  switch (servers.front().security) {
    case Security::tls: return 2;
    case Security::starttls: return 1;
    case Security::none: return 0;
  }
  return 0;
}

constexpr int kBestSecurityScore = 4;

// Smaller is better: trusted first (HTTPS all the way, a target inside the domain), then
// the channel's priority, then implicit TLS > STARTTLS > none (RFC 8314 section 3).
using RankKey = std::tuple<int, int, int>;

RankKey rank_key(const AccountConfig& config, SourceKind kind) {
  return {config.provenance.trusted ? 0 : 1, static_cast<int>(kind),
          -(security_score(config.incoming) + security_score(config.outgoing))};
}

// The best a source that has not answered yet could still give: guesses are never trusted.
RankKey best_possible_key(SourceKind kind) {
  return {kind == SourceKind::guess ? 1 : 0, static_cast<int>(kind), -kBestSecurityScore};
}

bool same_servers(const std::vector<ServerConfig>& a, const std::vector<ServerConfig>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].protocol != b[i].protocol || !iequals(a[i].host, b[i].host) ||
        a[i].port != b[i].port || a[i].security != b[i].security ||
        a[i].username != b[i].username) {
      return false;
    }
  }
  return true;
}

// What the source threads share with the waiting caller.
struct Board {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<std::optional<SourceOutcome>> outcomes;  // by source index
  std::vector<LookupReport> lookups;
};

std::vector<RankedConfig> merge_and_rank(const std::vector<Source>& sources, const Board& board) {
  std::vector<RankedConfig> ranked;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!board.outcomes[i]) continue;
    for (const auto& config : board.outcomes[i]->configs) {
      auto same = std::find_if(ranked.begin(), ranked.end(), [&](const RankedConfig& r) {
        return same_settings(r.config, config);
      });
      if (same == ranked.end()) {
        ranked.push_back({config, {sources[i].kind}});
        continue;
      }
      same->sources.push_back(sources[i].kind);
      // The merged entry speaks with the voice of its best source.
      if (rank_key(config, sources[i].kind) < rank_key(same->config, same->sources.front())) {
        same->config = config;
        std::rotate(same->sources.begin(), same->sources.end() - 1, same->sources.end());
      }
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const RankedConfig& a, const RankedConfig& b) {
    return rank_key(a.config, a.sources.front()) < rank_key(b.config, b.sources.front());
  });
  return ranked;
}

// Settled when no source still running could produce something ranked before the best
// config found so far.
bool settled(const std::vector<Source>& sources, const Board& board) {
  std::optional<RankKey> best;
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!board.outcomes[i]) continue;
    for (const auto& config : board.outcomes[i]->configs) {
      auto key = rank_key(config, sources[i].kind);
      if (!best || key < *best) best = key;
    }
  }
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (board.outcomes[i]) continue;
    if (!best || best_possible_key(sources[i].kind) < *best) return false;
  }
  return true;
}

bool all_finished(const Board& board) {
  return std::all_of(board.outcomes.begin(), board.outcomes.end(),
                     [](const auto& outcome) { return outcome.has_value(); });
}

}  // namespace

bool ranks_before(const AccountConfig& a, SourceKind a_source, const AccountConfig& b,
                  SourceKind b_source) {
  return rank_key(a, a_source) < rank_key(b, b_source);
}

bool same_settings(const AccountConfig& a, const AccountConfig& b) {
  return same_servers(a.incoming, b.incoming) && same_servers(a.outgoing, b.outgoing);
}

Detection detect(const DetectContext& context, const std::vector<Source>& sources,
                 Deadline deadline, const DetectPolicy& policy) {
  Board board;
  board.outcomes.resize(sources.size());
  // Our own token, so that stopping the sources early does not cancel the caller's work.
  DetectContext shared = context;
  shared.cancel = CancelToken();

  std::vector<std::thread> threads;
  threads.reserve(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    threads.emplace_back([&, i] {
      SourceOutcome outcome = sources[i].run(shared, deadline);
      std::lock_guard lock(board.mutex);
      for (auto& lookup : outcome.lookups) {
        if (policy.observer) policy.observer(lookup);
        board.lookups.push_back(lookup);
      }
      board.outcomes[i] = std::move(outcome);
      board.changed.notify_all();
    });
  }

  std::vector<bool> unfinished(sources.size(), false);
  bool answer_settled = false;
  {
    std::unique_lock lock(board.mutex);
    // Wake up regularly to notice the caller's cancel and the deadline.
    while (!all_finished(board) && !deadline.expired() && !context.cancel.cancelled()) {
      if (!policy.wait_for_all && settled(sources, board)) {
        answer_settled = true;
        break;
      }
      board.changed.wait_for(lock, std::chrono::milliseconds(50));
    }
    for (std::size_t i = 0; i < sources.size(); ++i) unfinished[i] = !board.outcomes[i];
  }
  shared.cancel.cancel();
  for (auto& thread : threads) thread.join();

  Detection detection;
  detection.email = context.email;
  detection.domain = context.domain;
  // Sources still running when the answer was settled were stopped: what they had not
  // finished is "skipped", not an error. What they found in the meantime stays (it cannot
  // outrank the answer, by the definition of settled).
  for (auto& lookup : board.lookups) {
    auto source = std::find_if(sources.begin(), sources.end(),
                               [&](const Source& s) { return s.kind == lookup.source; });
    auto index = static_cast<std::size_t>(source - sources.begin());
    bool stopped = index < sources.size() && unfinished[index];
    // A lookup that saw our cancel before its own deadline fired says "skipped"; when the
    // run's deadline is why we cancelled, that is a timeout like any other.
    bool interrupted =
        lookup.result == LookupResult::error || lookup.result == LookupResult::timeout ||
        (lookup.result == LookupResult::skipped && !answer_settled && deadline.expired());
    if (!stopped || !interrupted) continue;
    if (answer_settled) {
      lookup.result = LookupResult::skipped;
      lookup.detail = "stopped: a better answer was already found";
    } else if (lookup.result != LookupResult::timeout) {
      lookup.result = LookupResult::timeout;
      lookup.detail = "no answer before the deadline";
    }
  }
  detection.configs = merge_and_rank(sources, board);
  // Listed by channel, then in the order each source made them: stable output for people
  // and scripts, whatever the thread timing.
  std::stable_sort(
      board.lookups.begin(), board.lookups.end(),
      [](const LookupReport& a, const LookupReport& b) { return a.source < b.source; });
  detection.lookups = std::move(board.lookups);
  return detection;
}

}  // namespace mailassist::autoconfig
