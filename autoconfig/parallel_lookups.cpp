#include "autoconfig/parallel_lookups.hpp"

#include <algorithm>
#include <thread>

#include "autoconfig/detector.hpp"

namespace mailassist::autoconfig {

SourceOutcome run_lookups_in_parallel(std::vector<LookupTask> tasks) {
  std::vector<SourceOutcome> outcomes(tasks.size());
  {
    std::vector<std::jthread> threads;
    threads.reserve(tasks.size());
    for (std::size_t i = 0; i < tasks.size(); ++i)
      threads.emplace_back([&tasks, &outcomes, i] { outcomes[i] = tasks[i](); });
  }  // every thread joined here

  SourceOutcome gathered;
  for (auto& outcome : outcomes) {
    for (auto& config : outcome.configs) {
      bool seen = std::any_of(gathered.configs.begin(), gathered.configs.end(),
                              [&](const AccountConfig& c) { return same_settings(c, config); });
      if (!seen) gathered.configs.push_back(std::move(config));
    }
    for (auto& lookup : outcome.lookups) gathered.lookups.push_back(std::move(lookup));
  }
  return gathered;
}

}  // namespace mailassist::autoconfig
