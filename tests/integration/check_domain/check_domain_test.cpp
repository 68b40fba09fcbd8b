// `mailassist check-domain` on the local internet (tests/fixtures/internet): a domain whose
// channels all agree, channels that disagree, an expired certificate, plain HTTP only, an
// SRV target outside the domain, a broken document, and domains that publish nothing.
// Domains come from the fixture's env.json (docs/test-environment.md).
#include <gtest/gtest.h>

#include <string>

#include "cli_runner.hpp"
#include "internet_environment.hpp"

namespace mailassist::testing {
namespace {

using nlohmann::json;

const InternetEnvironment& env() {
  return InternetEnvironment::get();
}

CliRun check_domain(const std::string& domain, std::vector<std::string> extra = {"--json"}) {
  std::vector<std::string> args{"check-domain", domain, "--timeout", "10"};
  return run_cli(args + env().detect_args + extra, std::nullopt);
}

const json* channel(const json& out, const std::string& name) {
  for (const auto& c : out["channels"])
    if (c["channel"] == name) return &c;
  return nullptr;
}

std::string state(const json& out, const std::string& name) {
  const auto* c = channel(out, name);
  return c ? (*c)["state"].get<std::string>() : "(missing)";
}

// The problems (severity "problem") whose topic is `topic`, as one text.
std::string problems(const json& out, const std::string& topic) {
  std::string text;
  for (const auto& f : out["fixes"])
    if (f["severity"] == "problem" && f["topic"] == topic)
      text += f["problem"].get<std::string>() + " -> " + f["fix"].get<std::string>() + "\n";
  return text;
}

int count_problems(const json& out) {
  int n = 0;
  for (const auto& f : out["fixes"]) n += f["severity"] == "problem" ? 1 : 0;
  return n;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(CheckDomain, EveryChannelAgreesAndEveryServerVerifies) {
  const auto& scenario = env().scenario("check-complete");
  auto run = check_domain(scenario.domain);
  ASSERT_TRUE(run.json) << run.trace();
  const auto& out = *run.json;
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(out["ok"], true) << run.trace();
  EXPECT_EQ(out["domain"], scenario.domain);
  EXPECT_EQ(out["reference"], "autoconfig");
  for (const char* name : {"autoconfig", "well-known", "srv", "autodiscover"}) {
    EXPECT_EQ(state(out, name), "published") << name << "\n" << run.trace();
    EXPECT_EQ((*channel(out, name))["agrees"], true) << name << "\n" << run.trace();
  }
  EXPECT_EQ(state(out, "ispdb"), "none") << run.trace();
  EXPECT_TRUE(out["differences"].empty()) << run.trace();
  EXPECT_EQ(count_problems(out), 0) << run.trace();
  ASSERT_EQ(out["servers"].size(), 3u) << run.trace();
  for (const auto& server : out["servers"]) {
    EXPECT_EQ(server["result"], "ok") << server.dump();
    EXPECT_EQ(server["login_tested"], false) << server.dump();
    EXPECT_EQ(server["named_by"].size(), 4u) << server.dump();
  }
  // What to publish: the reference's servers as SRV lines and as a clientConfig file.
  const auto& publish = out["publish"];
  EXPECT_EQ(publish["based_on"], "autoconfig");
  const std::string zone = publish["srv_zone"];
  EXPECT_TRUE(has(zone, "_imaps._tcp.complete.test. 3600 IN SRV 0 1 993 imap.complete.test."))
      << zone;
  EXPECT_TRUE(has(zone, "_submission._tcp.complete.test. 3600 IN SRV 0 0 0 .")) << zone;
  EXPECT_TRUE(has(publish["client_config"]["xml"], "<hostname>smtp.complete.test</hostname>"));
  EXPECT_EQ(publish["client_config"]["urls"][0],
            "https://autoconfig.complete.test/mail/config-v1.1.xml");
}

TEST(CheckDomain, DisagreeingChannelsAreNamedWithTheirServers) {
  const auto& scenario = env().scenario("disagree");
  auto run = check_domain(scenario.domain);
  ASSERT_TRUE(run.json) << run.trace();
  const auto& out = *run.json;
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(out["ok"], false);
  EXPECT_EQ(out["reference"], "autoconfig");
  EXPECT_EQ((*channel(out, "autoconfig"))["agrees"], true) << run.trace();
  EXPECT_EQ((*channel(out, "srv"))["agrees"], false) << run.trace();
  ASSERT_EQ(out["differences"].size(), 2u) << run.trace();
  const auto& imap = out["differences"][0];
  EXPECT_EQ(imap["channel"], "srv");
  EXPECT_EQ(imap["protocol"], "imap");
  EXPECT_EQ(imap["reference"]["host"], "imap.disagree.test");
  EXPECT_EQ(imap["found"]["host"], "mail.disagree.test");
  const auto& smtp = out["differences"][1];
  EXPECT_EQ(smtp["protocol"], "smtp");
  EXPECT_EQ(smtp["reference"]["port"], 465);
  EXPECT_EQ(smtp["found"]["port"], 587);
  EXPECT_EQ(smtp["found"]["security"], "starttls");
  EXPECT_TRUE(has(problems(out, "srv"),
                  "mail.disagree.test:587 starttls where autoconfig says "
                  "smtp.disagree.test:465 tls"))
      << run.trace();
  // Both sets of servers are checked, and all of them answer.
  EXPECT_EQ(out["servers"].size(), 4u) << run.trace();
  // Channels that do not exist here are "none", not errors (their hosts are NXDOMAIN).
  EXPECT_EQ(state(out, "autodiscover"), "none") << run.trace();
  EXPECT_EQ(state(out, "well-known"), "none") << run.trace();
}

TEST(CheckDomain, AnExpiredCertificateIsAProblemWithTheCertificateShown) {
  const auto& scenario = env().scenario("check-bad-certificate");
  auto run = check_domain(scenario.domain);
  ASSERT_TRUE(run.json) << run.trace();
  const auto& out = *run.json;
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_TRUE(out["differences"].empty()) << run.trace();
  std::map<std::string, std::string> results;
  for (const auto& server : out["servers"]) results[server["host"]] = server["result"];
  EXPECT_EQ(results["imap.badcert.test"], "ok") << run.trace();
  EXPECT_EQ(results["smtp.badcert.test"], "tls-certificate") << run.trace();
  const auto text = problems(out, "servers");
  EXPECT_TRUE(has(text, "smtp.badcert.test:465")) << text;
  EXPECT_TRUE(has(text, "expired")) << text;
  EXPECT_TRUE(has(text, "install a current certificate for smtp.badcert.test")) << text;
  // A missing channel is only a suggestion.
  EXPECT_EQ(count_problems(out), 1) << run.trace();
}

TEST(CheckDomain, ADomainThatPublishesNothingSaysSo) {
  for (const char* name : {"nxdomain", "guess"}) {
    const auto& scenario = env().scenario(name);
    auto run = check_domain(scenario.domain);
    ASSERT_TRUE(run.json) << run.trace();
    const auto& out = *run.json;
    EXPECT_EQ(run.exit_code(), 1) << run.trace();
    for (const auto& c : out["channels"]) {
      if (c["channel"] == "guess") continue;
      EXPECT_EQ(c["state"], "none") << c.dump() << "\n" << run.trace();
    }
    EXPECT_TRUE(has(problems(out, "settings"), "no channel publishes settings")) << run.trace();
    if (std::string(name) == "nxdomain") {
      EXPECT_TRUE(out["publish"].is_null()) << run.trace();
    } else {
      // Guessing found servers: offered as what to publish, once confirmed.
      EXPECT_EQ(out["reference"], "guess") << run.trace();
      EXPECT_EQ(state(out, "guess"), "guessed") << run.trace();
      EXPECT_TRUE(has(out["publish"]["srv_zone"], "imap.guess.test.")) << run.trace();
    }
  }
}

TEST(CheckDomain, PlainHttpOnlyIsAProblemWithTheHttpsUrlToServe) {
  auto run = check_domain(env().scenario("http-only").domain);
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  const auto text = problems(*run.json, "autoconfig");
  EXPECT_TRUE(has(text, "autoconfig.httponly.test serves the settings over plain HTTP only"))
      << text;
  EXPECT_TRUE(has(text,
                  "https://autoconfig.httponly.test/mail/config-v1.1.xml with a "
                  "certificate valid for autoconfig.httponly.test"))
      << text;
}

TEST(CheckDomain, AnSrvTargetOutsideTheDomainIsAProblem) {
  auto run = check_domain(env().scenario("srv-outside").domain);
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  const auto text = problems(*run.json, "srv");
  EXPECT_TRUE(has(text, "mail.outside-host.test")) << text;
  EXPECT_TRUE(has(text, "point the SRV records at host names under srv-outside.test")) << text;
}

TEST(CheckDomain, ABrokenDocumentIsAProblemSayingWhere) {
  auto run = check_domain(env().scenario("malformed").domain);
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_EQ(state(*run.json, "autoconfig"), "error") << run.trace();
  EXPECT_TRUE(has(problems(*run.json, "autoconfig"), "not well-formed XML at byte")) << run.trace();
}

TEST(CheckDomain, HumanTextShowsChannelsProblemsAndWhatToPublish) {
  auto run = check_domain("disagree.test", {});
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  const auto& text = run.process.out;
  EXPECT_TRUE(has(text, "srv           published  DIFFERS")) << text;
  EXPECT_TRUE(has(text, "Problems:")) << text;
  EXPECT_TRUE(has(text, "_imaps._tcp.disagree.test. 3600 IN SRV 0 1 993 imap.disagree.test."))
      << text;
  EXPECT_TRUE(has(text, "https://autoconfig.disagree.test/mail/config-v1.1.xml")) << text;
  EXPECT_TRUE(has(text, "NOT OK")) << text;
}

TEST(CheckDomain, ABadDomainIsAUsageError) {
  auto run = check_domain("bad/domain.test");
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

}  // namespace
}  // namespace mailassist::testing
