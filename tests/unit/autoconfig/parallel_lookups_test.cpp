// Lookups asked at once are gathered in the order given, whatever order they finish in,
// and one source never lists the same settings twice (the first, more trusted, stays).
#include "autoconfig/parallel_lookups.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace mailassist::autoconfig {
namespace {

using namespace std::chrono_literals;

LookupTask answering(const std::string& target, const std::string& host, bool trusted,
                     std::chrono::milliseconds delay) {
  return [=] {
    std::this_thread::sleep_for(delay);
    SourceOutcome outcome;
    AccountConfig config;
    config.incoming.push_back({Protocol::imap, host, 993, Security::tls, "%EMAILADDRESS%", {}});
    config.provenance.trusted = trusted;
    config.provenance.url = target;
    outcome.configs.push_back(config);
    outcome.lookups.push_back({SourceKind::autoconfig, target, LookupResult::found, 0, ""});
    return outcome;
  };
}

TEST(ParallelLookups, GathersInTheOrderGivenNotTheOrderFinished) {
  std::vector<LookupTask> tasks{answering("https://a", "imap.a.test", true, 30ms),
                                answering("https://b", "imap.b.test", true, 0ms)};
  auto outcome = run_lookups_in_parallel(std::move(tasks));
  ASSERT_EQ(outcome.lookups.size(), 2u);
  EXPECT_EQ(outcome.lookups[0].target, "https://a");
  EXPECT_EQ(outcome.lookups[1].target, "https://b");
  ASSERT_EQ(outcome.configs.size(), 2u);
  EXPECT_EQ(outcome.configs[0].incoming[0].host, "imap.a.test");
}

TEST(ParallelLookups, TheSameSettingsTwiceAreListedOnceAsTheFirstPlaceGaveThem) {
  std::vector<LookupTask> tasks{answering("https://a", "imap.a.test", true, 20ms),
                                answering("http://a", "IMAP.A.TEST", false, 0ms)};
  auto outcome = run_lookups_in_parallel(std::move(tasks));
  EXPECT_EQ(outcome.lookups.size(), 2u);  // both lookups are reported
  ASSERT_EQ(outcome.configs.size(), 1u);
  EXPECT_TRUE(outcome.configs[0].provenance.trusted);
  EXPECT_EQ(outcome.configs[0].provenance.url, "https://a");
}

TEST(ParallelLookups, NoTasksGatherNothing) {
  auto outcome = run_lookups_in_parallel({});
  EXPECT_TRUE(outcome.configs.empty());
  EXPECT_TRUE(outcome.lookups.empty());
}

}  // namespace
}  // namespace mailassist::autoconfig
