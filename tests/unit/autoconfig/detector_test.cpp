#include "autoconfig/detector.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

namespace mailassist::autoconfig {
namespace {

using namespace std::chrono_literals;

AccountConfig config_for(const std::string& host, bool trusted, Security security = Security::tls) {
  AccountConfig config;
  config.incoming.push_back({Protocol::imap, host, 993, security, "%EMAILADDRESS%", {}});
  config.outgoing.push_back({Protocol::smtp, host, 465, security, "%EMAILADDRESS%", {}});
  config.provenance.trusted = trusted;
  return config;
}

Source answering(SourceKind kind, std::vector<AccountConfig> configs) {
  return {
      kind, [kind, configs](const DetectContext&, Deadline) {
        SourceOutcome out;
        out.configs = configs;
        for (auto& c : out.configs) c.provenance.source = std::string(to_string(kind));
        out.lookups.push_back(
            {kind, "target", configs.empty() ? LookupResult::none : LookupResult::found, 0, ""});
        return out;
      }};
}

// A source that ignores the deadline and only returns once the detector stops it (or
// after a generous safety bound, so a broken detector fails the test instead of hanging).
Source hanging(SourceKind kind) {
  return {kind, [kind](const DetectContext& context, Deadline) {
            auto safety = Deadline::after(30s);
            while (!context.cancel.cancelled() && !safety.expired())
              std::this_thread::sleep_for(5ms);
            SourceOutcome out;
            out.lookups.push_back({kind, "slow.example", LookupResult::error, 0, "cancelled"});
            return out;
          }};
}

DetectContext context() {
  DetectContext c;
  c.email = "alice@example.test";
  c.domain = "example.test";
  return c;
}

const LookupReport& lookup_of(const Detection& d, SourceKind kind) {
  for (const auto& l : d.lookups)
    if (l.source == kind) return l;
  throw std::runtime_error("no lookup for the source");
}

TEST(Detector, APresetAnswerIsNotHeldBackByASlowerSource) {
  auto d = detect(context(),
                  {answering(SourceKind::preset, {config_for("imap.preset.test", true)}),
                   hanging(SourceKind::guess)},
                  Deadline::after(60s));
  ASSERT_EQ(d.configs.size(), 1u);
  EXPECT_EQ(d.configs[0].config.incoming[0].host, "imap.preset.test");
  EXPECT_EQ(lookup_of(d, SourceKind::guess).result, LookupResult::skipped);
}

TEST(Detector, WaitsForAHigherPrioritySourceBeforeAnsweringWithALowerOne) {
  // The autoconfig source answers only after SRV has answered, so an early return would
  // miss it: the answer must wait for it and rank it first.
  std::atomic<bool> srv_done{false};
  Source autoconfig{
      SourceKind::autoconfig, [&](const DetectContext&, Deadline deadline) {
        while (!srv_done && !deadline.expired()) std::this_thread::sleep_for(1ms);
        SourceOutcome out;
        out.configs.push_back(config_for("imap.autoconfig.test", true));
        out.lookups.push_back({SourceKind::autoconfig, "u", LookupResult::found, 0, ""});
        return out;
      }};
  DetectPolicy policy;
  policy.observer = [&](const LookupReport& l) {
    if (l.source == SourceKind::srv) srv_done = true;
  };
  auto d = detect(context(),
                  {autoconfig, answering(SourceKind::srv, {config_for("imap.srv.test", true)})},
                  Deadline::after(60s), policy);
  ASSERT_EQ(d.configs.size(), 2u);
  EXPECT_EQ(d.configs[0].config.incoming[0].host, "imap.autoconfig.test");
  EXPECT_EQ(d.configs[1].config.incoming[0].host, "imap.srv.test");
}

TEST(Detector, IdenticalSettingsFromSeveralSourcesAreOneConfig) {
  auto d = detect(context(),
                  {answering(SourceKind::srv, {config_for("mail.example.test", true)}),
                   answering(SourceKind::autoconfig, {config_for("MAIL.example.test", true)})},
                  Deadline::after(60s));
  ASSERT_EQ(d.configs.size(), 1u);
  EXPECT_EQ(d.configs[0].sources.front(), SourceKind::autoconfig);
  EXPECT_EQ(d.configs[0].sources.size(), 2u);
  EXPECT_EQ(d.configs[0].config.provenance.source, "autoconfig");
}

TEST(Detector, TrustedSettingsRankBeforeUntrustedOnesOfAHigherChannel) {
  auto d = detect(context(),
                  {answering(SourceKind::autoconfig, {config_for("plain-http.test", false)}),
                   answering(SourceKind::srv, {config_for("srv.test", true)})},
                  Deadline::after(60s));
  ASSERT_EQ(d.configs.size(), 2u);
  EXPECT_EQ(d.configs[0].config.incoming[0].host, "srv.test");
}

TEST(Detector, ImplicitTlsRanksBeforeStarttlsWithinOneChannel) {
  auto d =
      detect(context(),
             {answering(SourceKind::srv, {config_for("starttls.test", true, Security::starttls),
                                          config_for("tls.test", true, Security::tls)})},
             Deadline::after(60s));
  ASSERT_EQ(d.configs.size(), 2u);
  EXPECT_EQ(d.configs[0].config.incoming[0].host, "tls.test");
}

TEST(Detector, AnUntrustedAnswerWaitsForSourcesThatCouldBeTrusted) {
  // Only a guess has answered; the SRV source could still give a trusted answer, so the
  // answer is not settled until it finishes.
  std::atomic<bool> guess_done{false};
  Source srv{SourceKind::srv, [&](const DetectContext&, Deadline deadline) {
               while (!guess_done && !deadline.expired()) std::this_thread::sleep_for(1ms);
               SourceOutcome out;
               out.configs.push_back(config_for("srv.test", true));
               out.lookups.push_back({SourceKind::srv, "_imaps._tcp", LookupResult::found, 0, ""});
               return out;
             }};
  DetectPolicy policy;
  policy.observer = [&](const LookupReport& l) {
    if (l.source == SourceKind::guess) guess_done = true;
  };
  auto d = detect(context(), {srv, answering(SourceKind::guess, {config_for("guess.test", false)})},
                  Deadline::after(60s), policy);
  ASSERT_EQ(d.configs.size(), 2u);
  EXPECT_EQ(d.configs[0].config.incoming[0].host, "srv.test");
}

TEST(Detector, SourcesStillRunningAtTheDeadlineAreReportedAsTimedOut) {
  auto d = detect(context(), {hanging(SourceKind::autodiscover)}, Deadline::after(100ms));
  EXPECT_TRUE(d.configs.empty());
  EXPECT_EQ(lookup_of(d, SourceKind::autodiscover).result, LookupResult::timeout);
}

TEST(Detector, ALookupThatSawTheCancelBeforeItsOwnDeadlineIsATimeoutToo) {
  // The fetch saw the detector's cancel a moment before its own deadline fired: it says
  // "skipped", but the run's deadline is why it ended (a race seen on a loaded machine).
  Source cancelled{SourceKind::autoconfig, [](const DetectContext& context, Deadline) {
                     while (!context.cancel.cancelled()) std::this_thread::sleep_for(5ms);
                     SourceOutcome out;
                     out.lookups.push_back({SourceKind::autoconfig, "https://x",
                                            LookupResult::skipped, 0, "cancelled"});
                     return out;
                   }};
  auto d = detect(context(), {cancelled}, Deadline::after(100ms));
  EXPECT_EQ(lookup_of(d, SourceKind::autoconfig).result, LookupResult::timeout);
}

TEST(Detector, WaitForAllKeepsEverySourceRunning) {
  // Without wait_for_all this source would be stopped as soon as the preset answered.
  Source slow{SourceKind::guess, [](const DetectContext& context, Deadline) {
                SourceOutcome out;
                for (int i = 0; i < 100 && !context.cancel.cancelled(); ++i)
                  std::this_thread::sleep_for(5ms);
                out.lookups.push_back(
                    {SourceKind::guess, "imap.example.test:993",
                     context.cancel.cancelled() ? LookupResult::error : LookupResult::none, 0, ""});
                return out;
              }};
  DetectPolicy policy;
  policy.wait_for_all = true;
  auto d = detect(context(), {answering(SourceKind::preset, {config_for("p.test", true)}), slow},
                  Deadline::after(60s), policy);
  EXPECT_EQ(lookup_of(d, SourceKind::guess).result, LookupResult::none);
}

}  // namespace
}  // namespace mailassist::autoconfig
