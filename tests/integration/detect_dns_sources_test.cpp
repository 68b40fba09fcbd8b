// `mailassist detect` against the local internet (tests/fixtures/internet), for the sources
// that start from DNS: SRV (RFC 6186/8314), MX, and guessing. Domains, options and the
// expected servers come from the fixture's env.json (docs/test-environment.md).
#include <gtest/gtest.h>

#include <string>

#include "detect_output.hpp"

namespace mailassist::testing {
namespace {

using nlohmann::json;

const InternetEnvironment& env() {
  return InternetEnvironment::get();
}

// configs[0] has the scenario's expected source, trust and servers.
void expect_best(const CliRun& run, const InternetScenario& scenario) {
  ASSERT_TRUE(scenario.best);
  expect_best(run, *scenario.best);
}

TEST(DetectSrv, FindsItsDomainWithPriorityDecidingAcrossLabels) {
  const auto& scenario = env().scenario("srv");
  auto run = detect(scenario);
  expect_best(run, scenario);
  if (HasFatalFailure()) return;
  const auto& out = *run.json;
  const auto& best = out["configs"][0];
  EXPECT_EQ(best["trusted"], true) << run.trace();
  // _imaps (0) over _imap (10); IMAP before POP3; _submission (0) over _submissions (20).
  EXPECT_EQ(best["incoming"][0]["protocol"], "imap");
  EXPECT_EQ(best["incoming"][0]["port"], 993);
  EXPECT_EQ(best["incoming"][1]["host"], "pop.srv.test");  // weight 90 over 10
  EXPECT_EQ(best["outgoing"][0]["port"], 587);
  EXPECT_EQ(best["outgoing"][0]["security"], "starttls");
  EXPECT_EQ(best["incoming"][0]["username"], scenario.email);
  // Every label was asked and listed, with its time.
  for (const char* label : {"_imaps", "_imap", "_pop3s", "_pop3", "_submissions", "_submission"}) {
    const auto* l = lookup(out, "srv", std::string(label) + "._tcp." + scenario.domain);
    ASSERT_NE(l, nullptr) << label << "\n" << run.trace();
    EXPECT_TRUE((*l)["ms"].is_number_integer());
  }
}

TEST(DetectSrv, ADotTargetIsReportedAsNotOfferedAndNeverUsed) {
  const auto& scenario = env().scenario("srv");
  auto run = detect(scenario);
  ASSERT_TRUE(run.json) << run.trace();
  const auto* pop3 = lookup(*run.json, "srv", "_pop3._tcp." + scenario.domain);
  ASSERT_NE(pop3, nullptr) << run.trace();
  EXPECT_EQ((*pop3)["result"], "none");
  EXPECT_NE((*pop3)["detail"].get<std::string>().find("not offered"), std::string::npos)
      << run.trace();
  for (const auto& config : (*run.json)["configs"]) {
    if (config["source"] != "srv") continue;  // guessing may find the host on its own
    for (const auto& server : config["incoming"]) {
      EXPECT_FALSE(server["protocol"] == "pop3" && server["security"] == "starttls") << run.trace();
    }
  }
}

TEST(DetectSrv, ATargetOutsideTheDomainIsUntrustedWithAWarningNamingIt) {
  const auto& scenario = env().scenario("srv-outside");
  auto run = detect(scenario);
  expect_best(run, scenario);
  if (HasFatalFailure()) return;
  const auto& best = (*run.json)["configs"][0];
  EXPECT_EQ(best["trusted"], false);
  const auto& target = scenario.best->servers.front().host;
  EXPECT_TRUE(mentions(best["warnings"],
                       "the SRV record points outside " + scenario.domain + ", to " + target))
      << run.trace();
}

TEST(DetectMx, GooglesMxFindsTheBundledPresetAndSaysWhy) {
  const auto& scenario = env().scenario("mx-preset");
  auto run = detect(scenario);
  expect_best(run, scenario);
  if (HasFatalFailure()) return;
  const auto& best = (*run.json)["configs"][0];
  // An MX target outside the domain is untrusted (DESIGN.md), even when it is a known
  // provider; the warning says why these settings were chosen.
  EXPECT_EQ(best["trusted"], false) << run.trace();
  EXPECT_TRUE(mentions(best["warnings"], "aspmx.l.google.com")) << run.trace();
  const auto* mx = lookup(*run.json, "mx", scenario.domain);
  ASSERT_NE(mx, nullptr) << run.trace();
  EXPECT_EQ((*mx)["result"], "found");
}

TEST(DetectMx, AProviderInTheIspdbIsFoundThroughTheMxHostsDomainUntrusted) {
  const auto& scenario = env().scenario("mx-ispdb");
  auto run = detect(scenario);
  expect_best(run, scenario);
  if (HasFatalFailure()) return;
  const auto& best = (*run.json)["configs"][0];
  EXPECT_EQ(best["trusted"], scenario.best->trusted) << run.trace();
  EXPECT_EQ(best["url"], scenario.best->url) << run.trace();
  EXPECT_TRUE(mentions(best["warnings"], "mx1.hosting-provider.test")) << run.trace();
}

TEST(DetectMx, TheDomainsOwnMxAddsNothing) {
  const auto& scenario = env().scenario("isp-autoconfig");
  auto run = detect(scenario);
  ASSERT_TRUE(run.json) << run.trace();
  const auto* mx = lookup(*run.json, "mx", scenario.domain);
  ASSERT_NE(mx, nullptr) << run.trace();
  EXPECT_EQ((*mx)["result"], "none");
  EXPECT_NE((*mx)["detail"].get<std::string>().find("the domain's own"), std::string::npos);
  for (const auto& config : (*run.json)["configs"]) EXPECT_NE(config["source"], "mx");
}

TEST(DetectGuess, FindsServersWithValidCertificatesAndSkipsTheBadOne) {
  const auto& scenario = env().scenario("guess");
  auto run = detect(scenario);
  expect_best(run, scenario);
  if (HasFatalFailure()) return;
  const auto& out = *run.json;
  const auto& best = out["configs"][0];
  EXPECT_EQ(best["trusted"], false);
  EXPECT_TRUE(mentions(best["warnings"], "guessed by probing")) << run.trace();
  const std::string bad_host = "pop3." + scenario.domain;
  for (const char* direction : {"incoming", "outgoing"}) {
    for (const auto& server : best[direction]) EXPECT_NE(server["host"], bad_host);
  }
  const auto* bad = lookup(out, "guess", bad_host + ":995");
  ASSERT_NE(bad, nullptr) << run.trace();
  EXPECT_EQ((*bad)["result"], "error");
  EXPECT_NE((*bad)["detail"].get<std::string>().find("tls-hostname"), std::string::npos);
}

TEST(DetectNxdomain, NothingIsFoundAndEveryDnsLookupSaysSoCleanly) {
  const auto& scenario = env().scenario("nxdomain");
  auto run = detect(scenario);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_TRUE((*run.json)["configs"].empty());
  int dns_lookups = 0;
  for (const auto& l : (*run.json)["lookups"]) {
    if (l["source"] != "srv" && l["source"] != "mx" && l["source"] != "guess") continue;
    ++dns_lookups;
    EXPECT_EQ(l["result"], "none") << l.dump();
    EXPECT_FALSE(l["detail"].get<std::string>().empty()) << l.dump();
  }
  EXPECT_EQ(dns_lookups, 6 + 1 + 6) << run.trace();  // six labels, the MX, six guessed names
}

}  // namespace
}  // namespace mailassist::testing
