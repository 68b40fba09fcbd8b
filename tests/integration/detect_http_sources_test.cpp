// `mailassist detect` against the local internet (tests/fixtures/internet), for the sources
// that fetch documents over HTTP(S): ISP autoconfig, the well-known URL, the ISPDB and
// Autodiscover (POX). Domains, options and expectations come from the fixture's env.json
// (docs/test-environment.md); the assertions here are about what each source reports.
#include <gtest/gtest.h>

#include <string>

#include "detect_output.hpp"

namespace mailassist::testing {
namespace {

using nlohmann::json;

const InternetEnvironment& env() {
  return InternetEnvironment::get();
}

bool contains(const json& value, const std::string& text) {
  return value.get<std::string>().find(text) != std::string::npos;
}

// Runs the scenario and checks configs[0] against its expectation; the output for more.
const json& found_as_expected(const InternetScenario& scenario, CliRun& run) {
  static const json empty;
  run = detect(scenario);
  if (!scenario.best) {
    ADD_FAILURE() << scenario.name << " expects nothing";
    return empty;
  }
  expect_best(run, *scenario.best);
  return run.json ? *run.json : empty;
}

std::string autoconfig_url(const InternetScenario& scenario) {
  return "https://autoconfig." + scenario.domain + "/mail/config-v1.1.xml?emailaddress=alice%40" +
         scenario.domain;
}

// The scenario finds nothing, the run ends cleanly (exit 1, one JSON document), and the
// ISP autoconfig lookup is an error whose detail contains `why`.
void expect_autoconfig_error(const InternetScenario& scenario, const std::string& why) {
  auto run = detect(scenario);
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  const auto& out = *run.json;
  EXPECT_TRUE(out["configs"].empty()) << run.trace();
  const auto* l = lookup(out, "autoconfig", autoconfig_url(scenario));
  ASSERT_NE(l, nullptr) << run.trace();
  EXPECT_EQ((*l)["result"], "error") << run.trace();
  EXPECT_TRUE(contains((*l)["detail"], why)) << run.trace();
}

TEST(DetectAutoconfig, FindsTheIspsDocumentTrustedWithTheAddressEncoded) {
  const auto& scenario = env().scenario("isp-autoconfig");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  const auto* l = lookup(out, "autoconfig", scenario.best->url);
  ASSERT_NE(l, nullptr) << run.trace();
  EXPECT_EQ((*l)["result"], "found");
  EXPECT_TRUE(contains((*l)["target"], "emailaddress=alice%40isp.test")) << run.trace();
  EXPECT_TRUE(out["configs"][0]["warnings"].empty()) << run.trace();
}

TEST(DetectAutoconfig, AnHttpsRedirectIsFollowedStaysTrustedAndIsReported) {
  const auto& scenario = env().scenario("redirect");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  const auto* l = lookup(out, "autoconfig", scenario.best->url);
  ASSERT_NE(l, nullptr) << run.trace();
  EXPECT_TRUE(contains((*l)["detail"], "redirected")) << run.trace();
  EXPECT_TRUE(contains((*l)["detail"], "https://config.hosting-provider.test/")) << run.trace();
}

TEST(DetectWellKnown, FindsTheDocumentOnTheDomainItself) {
  const auto& scenario = env().scenario("well-known");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  const auto* l = lookup(out, "well-known", scenario.best->url);
  ASSERT_NE(l, nullptr) << run.trace();
  EXPECT_EQ((*l)["result"], "found");
}

TEST(DetectIspdb, FindsTheDomainInTheDatabaseAndAnUnknownOneIsNone) {
  const auto& scenario = env().scenario("ispdb");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  EXPECT_NE(lookup(out, "ispdb", env().ispdb_url + scenario.domain), nullptr) << run.trace();

  // The ISPDB stand-in answers 404 for a domain it does not list: "none", not an error.
  const auto& other = env().scenario("autodiscover");
  auto run2 = detect(other);
  ASSERT_TRUE(run2.json) << run2.trace();
  const auto* l = lookup(*run2.json, "ispdb", env().ispdb_url + other.domain);
  ASSERT_NE(l, nullptr) << run2.trace();
  EXPECT_EQ((*l)["result"], "none") << run2.trace();
}

TEST(DetectIspdb, TheUrlGetsExactlyOneSlashWhateverTheOptionEndsWith) {
  const auto& scenario = env().scenario("ispdb");
  std::string base = env().ispdb_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  // The fixture's --ispdb-url without its trailing slash.
  std::vector<std::string> args{"detect", scenario.email, "--json", "--timeout", "20"};
  for (std::size_t i = 0; i < env().detect_args.size(); ++i) {
    bool value_of_ispdb = i > 0 && env().detect_args[i - 1] == "--ispdb-url";
    args.push_back(value_of_ispdb ? base : env().detect_args[i]);
  }
  auto run = run_cli(args, std::nullopt);
  ASSERT_TRUE(run.json) << run.trace();
  const auto* l = lookup(*run.json, "ispdb", base + "/" + scenario.domain);
  ASSERT_NE(l, nullptr) << run.trace();
  EXPECT_EQ((*l)["result"], "found") << run.trace();
}

TEST(DetectHttpOnly, WithoutAllowHttpNothingIsFetchedOverPlainHttp) {
  const auto& scenario = env().scenario("http-only");
  auto run = detect(scenario, {});
  ASSERT_TRUE(run.json) << run.trace();
  for (const auto& config : (*run.json)["configs"])
    EXPECT_NE(config["source"], "autoconfig") << run.trace();
  for (const auto& l : (*run.json)["lookups"]) {
    EXPECT_FALSE(contains(l["target"], "http://")) << l.dump();
    if (l["source"] == "autoconfig") {
      EXPECT_NE(l["result"], "found") << l.dump();
    }
  }
}

TEST(DetectHttpOnly, WithAllowHttpItIsFoundButUntrustedWithAWarning) {
  const auto& scenario = env().scenario("http-only");
  ASSERT_EQ(scenario.options, std::vector<std::string>{"--allow-http"});
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  const auto& best = out["configs"][0];
  EXPECT_TRUE(mentions(best["warnings"], "plain HTTP")) << run.trace();
  // The HTTPS URL was asked too, at the same time, and is listed.
  EXPECT_NE(lookup(out, "autoconfig", autoconfig_url(scenario)), nullptr) << run.trace();
}

TEST(DetectAutodiscover, ThePoxResponseGivesImapPop3AndSmtpTrusted) {
  const auto& scenario = env().scenario("autodiscover");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  const auto* l = lookup(out, "autodiscover", scenario.best->url);
  ASSERT_NE(l, nullptr) << run.trace();
  EXPECT_EQ((*l)["result"], "found");
  // The other two places were asked and listed as well.
  EXPECT_NE(
      lookup(out, "autodiscover", "https://" + scenario.domain + "/autodiscover/autodiscover.xml"),
      nullptr)
      << run.trace();
  EXPECT_NE(lookup(out, "autodiscover", "_autodiscover._tcp." + scenario.domain), nullptr)
      << run.trace();
}

TEST(DetectAutodiscover, AnSrvTargetOutsideTheDomainIsUntrustedWithAWarning) {
  const auto& scenario = env().scenario("autodiscover-srv");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  EXPECT_TRUE(mentions(out["configs"][0]["warnings"], "points outside " + scenario.domain))
      << run.trace();
  const auto* srv = lookup(out, "autodiscover", "_autodiscover._tcp." + scenario.domain);
  ASSERT_NE(srv, nullptr) << run.trace();
  EXPECT_EQ((*srv)["result"], "found") << run.trace();
}

TEST(DetectAutodiscover, ARedirectUrlIsFollowedOverHttpsAndEachHopListed) {
  const auto& scenario = env().scenario("autodiscover-redirect-url");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  const std::string target =
      "https://autodiscover.hosting-provider.test/autodiscover/pox-redirect.test.xml";
  const auto* first = lookup(out, "autodiscover", scenario.best->url);
  ASSERT_NE(first, nullptr) << run.trace();
  EXPECT_TRUE(contains((*first)["detail"], "redirects to '" + target + "'")) << run.trace();
  const auto* second = lookup(out, "autodiscover", target);
  ASSERT_NE(second, nullptr) << run.trace();
  EXPECT_EQ((*second)["result"], "found") << run.trace();
  EXPECT_TRUE(mentions(out["configs"][0]["warnings"], "reached through Autodiscover redirects: " +
                                                          scenario.best->url + " -> " + target))
      << run.trace();
}

TEST(DetectAutodiscover, ARedirectAddrAsksAgainForTheNewAddressAtItsDomain) {
  const auto& scenario = env().scenario("autodiscover-redirect-address");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  const auto* first = lookup(out, "autodiscover", scenario.best->url);
  ASSERT_NE(first, nullptr) << run.trace();
  EXPECT_TRUE(contains((*first)["detail"], "redirects to the address 'alice@pox.test'"))
      << run.trace();
  EXPECT_NE(
      lookup(out, "autodiscover", "https://autodiscover.pox.test/autodiscover/autodiscover.xml"),
      nullptr)
      << run.trace();
}

TEST(DetectAutodiscover, ARedirectLoopIsAnErrorAndFindsNothing) {
  const auto& scenario = env().scenario("autodiscover-redirect-loop");
  auto run = detect(scenario);
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  bool loop_reported = false;
  for (const auto& l : (*run.json)["lookups"]) {
    if (l["source"] == "autodiscover" && l["result"] == "error" &&
        contains(l["detail"], "Autodiscover redirect loop"))
      loop_reported = true;
  }
  EXPECT_TRUE(loop_reported) << run.trace();
  for (const auto& c : (*run.json)["configs"]) EXPECT_NE(c["source"], "autodiscover") << c.dump();
}

TEST(DetectAutodiscover, RedirectsStopAfterTenAreFollowed) {
  const auto& scenario = env().scenario("autodiscover-redirect-chain");
  auto run = detect(scenario);
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  int hops = 0;
  bool limit_reported = false;
  for (const auto& l : (*run.json)["lookups"]) {
    if (l["source"] != "autodiscover") continue;
    if (contains(l["detail"], "redirects to 'https://autodiscover.pox-redirect-chain.test/"))
      ++hops;
    if (l["result"] == "error" && contains(l["detail"], "more than 10 Autodiscover redirects"))
      limit_reported = true;
  }
  EXPECT_EQ(hops, 11) << run.trace();  // ten followed, the eleventh refused
  EXPECT_TRUE(limit_reported) << run.trace();
}

TEST(DetectDisagreement, PriorityDecidesAndTheOtherAnswerIsListed) {
  const auto& scenario = env().scenario("disagree");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  ASSERT_FALSE(scenario.also.empty());
  // The SRV answer is listed whenever the SRV lookups finished before the answer was
  // settled (loopback DNS answers long before HTTPS does); it never comes first.
  bool srv_found = false;
  for (const auto& l : out["lookups"])
    if (l["source"] == "srv" && l["result"] == "found") srv_found = true;
  if (!srv_found) GTEST_SKIP() << "the SRV lookups were stopped before they answered";
  bool listed = false;
  for (std::size_t i = 1; i < out["configs"].size(); ++i) {
    const auto& config = out["configs"][i];
    bool all = config["source"] == scenario.also[0].source;
    for (const auto& server : scenario.also[0].servers) all = all && has_server(config, server);
    listed = listed || all;
  }
  EXPECT_TRUE(listed) << run.trace();
}

TEST(DetectHostileDocuments, MalformedXmlIsAnErrorSayingWhere) {
  expect_autoconfig_error(env().scenario("malformed"), "not well-formed XML at byte ");
}

TEST(DetectHostileDocuments, OversizedXmlIsAnErrorNamingTheCap) {
  expect_autoconfig_error(env().scenario("oversized"), "larger than 1048576 bytes");
}

TEST(DetectHostileDocuments, ARedirectLoopIsAnErrorShowingTheLoop) {
  expect_autoconfig_error(env().scenario("redirect-loop"), "redirect loop");
}

// slow.test: autoconfig answers, the well-known host and autodiscover.slow.test accept
// and never answer. With a 20 s budget, those lookups end "skipped" (stopped because the
// answer was settled), never "timeout": the answer did not wait for them.
TEST(DetectNeverAnswering, ALowerPrioritySourceDoesNotHoldBackTheAnswer) {
  const auto& scenario = env().scenario("slow");
  CliRun run;
  const auto& out = found_as_expected(scenario, run);
  if (HasFailure()) return;
  const auto* well_known =
      lookup(out, "well-known",
             "https://" + scenario.domain + "/.well-known/autoconfig/mail/config-v1.1.xml");
  ASSERT_NE(well_known, nullptr) << run.trace();
  EXPECT_EQ((*well_known)["result"], "skipped") << run.trace();
  const auto* autodiscover =
      lookup(out, "autodiscover",
             "https://autodiscover." + scenario.domain + "/autodiscover/autodiscover.xml");
  ASSERT_NE(autodiscover, nullptr) << run.trace();
  EXPECT_EQ((*autodiscover)["result"], "skipped") << run.trace();
}

// hang.test: the highest-priority network source never answers, so the answer must wait
// for it, but only until the deadline: the lookup is "timeout" and SRV's answer wins.
TEST(DetectNeverAnswering, AHigherPrioritySourceThatHangsTimesOutAtTheDeadline) {
  const auto& scenario = env().scenario("hang");
  auto run = detect(scenario, scenario.options, 3);
  ASSERT_TRUE(scenario.best);
  expect_best(run, *scenario.best);
  if (HasFailure()) return;
  const auto* l = lookup(*run.json, "autoconfig", autoconfig_url(scenario));
  ASSERT_NE(l, nullptr) << run.trace();
  EXPECT_EQ((*l)["result"], "timeout") << run.trace();
}

TEST(DetectNxdomain, HttpLookupsToNamesThatDoNotExistSayNoneLikeTheDnsLookups) {
  const auto& scenario = env().scenario("nxdomain");
  auto run = detect(scenario);
  ASSERT_TRUE(run.json) << run.trace();
  int http_lookups = 0;
  for (const auto& l : (*run.json)["lookups"]) {
    const std::string target = l["target"];
    if (target.rfind("https://", 0) != 0 || l["source"] == "ispdb") continue;  // ISPDB: a 404
    ++http_lookups;
    EXPECT_EQ(l["result"], "none") << l.dump();
    EXPECT_TRUE(contains(l["detail"], "does not exist")) << l.dump();
  }
  // autoconfig, well-known, and Autodiscover's two hosts.
  EXPECT_EQ(http_lookups, 4) << run.trace();
}

}  // namespace
}  // namespace mailassist::testing
