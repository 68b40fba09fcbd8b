// `mailassist detect --offline`: the bundled presets, through the real CLI (issue 3's
// first "done when": alice@gmail.com gives Gmail's preset with the seed's settings).
#include <gtest/gtest.h>

#include <set>

#include "cli_runner.hpp"

namespace mailassist::testing {
namespace {

using nlohmann::json;

bool has_server(const json& servers, const std::string& protocol, const std::string& host, int port,
                const std::string& security) {
  for (const auto& s : servers) {
    if (s["protocol"] == protocol && s["host"] == host && s["port"] == port &&
        s["security"] == security)
      return true;
  }
  return false;
}

TEST(DetectOffline, GmailAddressGivesGmailsPresetWithTheSeedsSettings) {
  auto run = run_cli({"detect", "alice@gmail.com", "--offline", "--json"}, std::nullopt);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  const auto& best = (*run.json)["configs"][0];
  EXPECT_EQ(best["source"], "preset");
  EXPECT_EQ(best["trusted"], true);
  EXPECT_TRUE(has_server(best["incoming"], "imap", "imap.gmail.com", 993, "tls")) << run.trace();
  EXPECT_TRUE(has_server(best["incoming"], "pop3", "pop.gmail.com", 995, "tls")) << run.trace();
  EXPECT_TRUE(has_server(best["outgoing"], "smtp", "smtp.gmail.com", 465, "tls")) << run.trace();
  EXPECT_TRUE(has_server(best["outgoing"], "smtp", "smtp.gmail.com", 587, "starttls"))
      << run.trace();
  EXPECT_EQ(best["incoming"][0]["username"], "alice@gmail.com");
  EXPECT_EQ((*run.json)["domain"], "gmail.com");
}

TEST(DetectOffline, EveryOtherSourceIsListedAsSkipped) {
  auto run = run_cli({"detect", "alice@gmail.com", "--offline", "--json"}, std::nullopt);
  ASSERT_TRUE(run.json) << run.trace();
  std::set<std::string> sources;
  for (const auto& lookup : (*run.json)["lookups"]) {
    sources.insert(lookup["source"].get<std::string>());
    if (lookup["source"] != "preset") {
      EXPECT_EQ(lookup["result"], "skipped") << lookup.dump();
    }
  }
  EXPECT_EQ(sources, (std::set<std::string>{"preset", "autoconfig", "well-known", "ispdb", "mx",
                                            "srv", "autodiscover", "guess"}));
}

TEST(DetectOffline, AnUnknownDomainFindsNothingAndExitsOne) {
  auto run = run_cli({"detect", "bob@unknown-domain.test", "--offline", "--json"}, std::nullopt);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_TRUE((*run.json)["configs"].empty());
}

TEST(DetectOffline, SomethingThatIsNotAnAddressIsAUsageError) {
  auto run = run_cli({"detect", "not-an-address", "--offline"}, std::nullopt);
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

TEST(DetectOffline, AMissingProvidersDirectoryIsAClearFailure) {
  auto run = run_cli(
      {"detect", "alice@gmail.com", "--offline", "--providers-dir", "/nonexistent/providers"},
      std::nullopt);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_NE(run.process.err.find("/nonexistent/providers"), std::string::npos) << run.trace();
}

}  // namespace
}  // namespace mailassist::testing
