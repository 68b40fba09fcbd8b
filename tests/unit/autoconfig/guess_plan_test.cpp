// What guessing probes, in which order, and which answers become the guessed settings.
#include "autoconfig/guess_plan.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

std::string text(const GuessProbe& p) {
  return std::string(to_string(p.protocol)) + " " + p.host + ":" + std::to_string(p.port) + " " +
         std::string(to_string(p.security));
}

TEST(GuessProbes, EveryNameAndPortInPreferenceOrderNeverPlaintext) {
  std::vector<std::string> actual;
  for (const auto& probe : guess_probes("Guess.TEST")) actual.push_back(text(probe));
  std::vector<std::string> expected{
      "imap imap.guess.test:993 tls", "imap imap.guess.test:143 starttls",
      "imap mail.guess.test:993 tls", "imap mail.guess.test:143 starttls",
      "imap guess.test:993 tls",      "imap guess.test:143 starttls",
      "pop3 pop3.guess.test:995 tls", "pop3 pop3.guess.test:110 starttls",
      "pop3 pop.guess.test:995 tls",  "pop3 pop.guess.test:110 starttls",
      "pop3 mail.guess.test:995 tls", "pop3 mail.guess.test:110 starttls",
      "pop3 guess.test:995 tls",      "pop3 guess.test:110 starttls",
      "smtp smtp.guess.test:465 tls", "smtp smtp.guess.test:587 starttls",
      "smtp mail.guess.test:465 tls", "smtp mail.guess.test:587 starttls",
      "smtp guess.test:465 tls",      "smtp guess.test:587 starttls",
  };
  EXPECT_EQ(actual, expected);
}

TEST(GuessProbes, EachHostIsResolvedOnce) {
  EXPECT_EQ(guess_hosts(guess_probes("d.test")),
            (std::vector<std::string>{"imap.d.test", "mail.d.test", "d.test", "pop3.d.test",
                                      "pop.d.test", "smtp.d.test"}));
}

std::vector<bool> answered_by(const std::vector<GuessProbe>& probes,
                              const std::vector<std::string>& answering) {
  std::vector<bool> answered;
  for (const auto& probe : probes) {
    answered.push_back(std::find(answering.begin(), answering.end(), text(probe)) !=
                       answering.end());
  }
  return answered;
}

TEST(GuessConfig, TheFixturesGuessScenario) {
  auto probes = guess_probes("guess.test");
  // pop3.guess.test has a certificate for another name: its probes did not count.
  auto answered =
      answered_by(probes, {"imap imap.guess.test:993 tls", "imap imap.guess.test:143 starttls",
                           "imap mail.guess.test:993 tls", "pop3 mail.guess.test:995 tls",
                           "pop3 mail.guess.test:110 starttls", "smtp smtp.guess.test:465 tls",
                           "smtp mail.guess.test:587 starttls"});
  auto config = config_from_probes("guess.test", probes, answered);
  ASSERT_TRUE(config);
  ASSERT_EQ(config->incoming.size(), 2u);
  EXPECT_EQ(config->incoming[0].host, "imap.guess.test");
  EXPECT_EQ(config->incoming[0].port, 993);
  EXPECT_EQ(config->incoming[1].protocol, Protocol::pop3);
  EXPECT_EQ(config->incoming[1].host, "mail.guess.test");
  EXPECT_EQ(config->incoming[1].port, 995);
  ASSERT_EQ(config->outgoing.size(), 1u);
  EXPECT_EQ(config->outgoing[0].host, "smtp.guess.test");
  EXPECT_EQ(config->outgoing[0].security, Security::tls);
  EXPECT_EQ(config->provenance.source, "guess");
  EXPECT_FALSE(config->provenance.trusted);
  EXPECT_EQ(config->provenance.warnings.front(), "guessed by probing; confirm before use");
  EXPECT_EQ(config->incoming[0].username, "%EMAILADDRESS%");
}

TEST(GuessConfig, StarttlsOnTheSpecificNameBeatsImplicitTlsOnALaterName) {
  auto probes = guess_probes("d.test");
  auto config = config_from_probes(
      "d.test", probes,
      answered_by(probes, {"imap imap.d.test:143 starttls", "imap mail.d.test:993 tls"}));
  ASSERT_TRUE(config);
  EXPECT_EQ(config->incoming[0].host, "imap.d.test");
  EXPECT_EQ(config->incoming[0].security, Security::starttls);
  EXPECT_TRUE(config->outgoing.empty());
  EXPECT_EQ(config->provenance.warnings.size(), 2u);  // and "no outgoing server answered"
}

TEST(GuessConfig, Pop3AloneIsEnough) {
  auto probes = guess_probes("d.test");
  auto config = config_from_probes("d.test", probes, answered_by(probes, {"pop3 d.test:995 tls"}));
  ASSERT_TRUE(config);
  ASSERT_EQ(config->incoming.size(), 1u);
  EXPECT_EQ(config->incoming[0].protocol, Protocol::pop3);
}

TEST(GuessConfig, NoIncomingServerMeansNoSettings) {
  auto probes = guess_probes("d.test");
  EXPECT_FALSE(
      config_from_probes("d.test", probes, answered_by(probes, {"smtp smtp.d.test:465 tls"})));
  EXPECT_FALSE(config_from_probes("d.test", probes, {}));
}

}  // namespace
}  // namespace mailassist::autoconfig
