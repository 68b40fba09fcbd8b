// SRV selection across labels (RFC 6186 section 3.4, RFC 8314 section 5.1, RFC 2782) as a
// table: the answers of the six labels in, the servers a client uses out.
#include "autoconfig/srv_selection.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

using S = SrvService;

struct Expected {
  Protocol protocol;
  std::string host;
  std::uint16_t port;
  Security security;
};

struct Row {
  std::string name;
  std::vector<SrvAnswer> answers;
  std::vector<Expected> incoming;  // empty: no config at all
  std::vector<Expected> outgoing;
  bool trusted = true;
};

net::SrvRecord rec(std::uint16_t priority, std::uint16_t weight, std::uint16_t port,
                   std::string target) {
  return {priority, weight, port, std::move(target)};
}

std::vector<Row> rows() {
  const auto imap = Protocol::imap;
  const auto pop3 = Protocol::pop3;
  const auto smtp = Protocol::smtp;
  const auto tls = Security::tls;
  const auto starttls = Security::starttls;
  return {
      {"ImplicitTlsWinsAtEqualPriority",
       {{S::imaps, {rec(0, 1, 993, "imap.d.test")}},
        {S::imap, {rec(0, 1, 143, "imap.d.test")}},
        {S::submissions, {rec(5, 0, 465, "smtp.d.test")}},
        {S::submission, {rec(5, 0, 587, "smtp.d.test")}}},
       {{imap, "imap.d.test", 993, tls}},
       {{smtp, "smtp.d.test", 465, tls}}},
      {"LowerPriorityWinsAcrossLabelsEvenForStarttls",
       {{S::imaps, {rec(20, 1, 993, "imap.d.test")}},
        {S::imap, {rec(10, 1, 143, "imap.d.test")}},
        {S::submissions, {rec(20, 1, 465, "smtp.d.test")}},
        {S::submission, {rec(0, 1, 587, "smtp.d.test")}}},
       {{imap, "imap.d.test", 143, starttls}},
       {{smtp, "smtp.d.test", 587, starttls}}},
      {"TheFixturesSrvScenario",
       {{S::imaps, {rec(0, 1, 993, "imap.d.test")}},
        {S::imap, {rec(10, 1, 143, "imap.d.test")}},
        {S::pop3s, {rec(0, 90, 995, "pop.d.test"), rec(0, 10, 995, "pop-b.d.test")}},
        {S::pop3, {rec(0, 0, 1, ".")}},
        {S::submissions, {rec(20, 1, 465, "smtp.d.test")}},
        {S::submission, {rec(0, 1, 587, "smtp.d.test")}}},
       {{imap, "imap.d.test", 993, tls}, {pop3, "pop.d.test", 995, tls}},
       {{smtp, "smtp.d.test", 587, starttls}}},
      {"LowestPriorityWinsWithinALabelWhateverTheOrder",
       {{S::imaps, {rec(10, 100, 993, "b.d.test"), rec(5, 0, 993, "a.d.test")}}},
       {{imap, "a.d.test", 993, tls}},
       {}},
      {"HeaviestWeightWinsAtEqualPriorityWhateverTheOrder",
       {{S::imaps, {rec(0, 10, 993, "light.d.test"), rec(0, 90, 993, "heavy.d.test")}}},
       {{imap, "heavy.d.test", 993, tls}},
       {}},
      {"EqualPriorityAndWeightPicksTheSmallerNameDeterministically",
       {{S::imaps, {rec(0, 5, 993, "z.d.test"), rec(0, 5, 993, "a.d.test")}}},
       {{imap, "a.d.test", 993, tls}},
       {}},
      {"ImapBeforePop3AtEqualPriority",
       {{S::pop3s, {rec(0, 0, 995, "pop.d.test")}}, {S::imaps, {rec(0, 0, 993, "imap.d.test")}}},
       {{imap, "imap.d.test", 993, tls}, {pop3, "pop.d.test", 995, tls}},
       {}},
      {"Pop3FirstWhenItsPriorityIsBetter",
       {{S::imaps, {rec(10, 0, 993, "imap.d.test")}}, {S::pop3s, {rec(5, 0, 995, "pop.d.test")}}},
       {{pop3, "pop.d.test", 995, tls}, {imap, "imap.d.test", 993, tls}},
       {}},
      {"Pop3ComparesItsBestLabelWithImapsBest",
       {{S::imaps, {rec(10, 0, 993, "imap.d.test")}},
        {S::imap, {rec(3, 0, 143, "imap.d.test")}},
        {S::pop3s, {rec(5, 0, 995, "pop.d.test")}}},
       {{imap, "imap.d.test", 143, starttls}, {pop3, "pop.d.test", 995, tls}},
       {}},
      {"PlainLabelsMeanStarttlsNeverNone",
       {{S::imap, {rec(0, 0, 143, "imap.d.test")}},
        {S::pop3, {rec(0, 0, 110, "pop.d.test")}},
        {S::submission, {rec(0, 0, 587, "smtp.d.test")}}},
       {{imap, "imap.d.test", 143, starttls}, {pop3, "pop.d.test", 110, starttls}},
       {{smtp, "smtp.d.test", 587, starttls}}},
      {"DotTargetIsNotOfferedAndTheOtherLabelIsUsed",
       {{S::imaps, {rec(0, 0, 0, ".")}}, {S::imap, {rec(10, 0, 143, "imap.d.test")}}},
       {{imap, "imap.d.test", 143, starttls}},
       {}},
      {"DotTargetsEverywhereGiveNoConfig",
       {{S::imaps, {rec(0, 0, 0, ".")}},
        {S::imap, {rec(0, 0, 1, ".")}},
        {S::submissions, {rec(0, 0, 465, "smtp.d.test")}}},
       {},
       {}},
      {"OutgoingAloneGivesNoConfig", {{S::submissions, {rec(0, 0, 465, "smtp.d.test")}}}, {}, {}},
      {"PortZeroIsNotAServer",
       {{S::imaps, {rec(0, 0, 0, "imap.d.test"), rec(5, 0, 993, "imap2.d.test")}}},
       {{imap, "imap2.d.test", 993, tls}},
       {}},
      {"TargetsAreLowerCasedWithoutTheTrailingDot",
       {{S::imaps, {rec(0, 0, 993, "IMAP.D.Test.")}}},
       {{imap, "imap.d.test", 993, tls}},
       {}},
      {"TheDomainItselfIsInside",
       {{S::imaps, {rec(0, 0, 993, "d.test")}}},
       {{imap, "d.test", 993, tls}},
       {}},
      {"ATargetOutsideTheDomainIsUntrusted",
       {{S::imaps, {rec(0, 0, 993, "imap.d.test")}},
        {S::submissions, {rec(0, 0, 465, "mail.provider.test")}}},
       {{imap, "imap.d.test", 993, tls}},
       {{smtp, "mail.provider.test", 465, tls}},
       false},
      {"ALookalikeSuffixIsOutside",
       {{S::imaps, {rec(0, 0, 993, "mail.evild.test")}}},
       {{imap, "mail.evild.test", 993, tls}},
       {},
       false},
  };
}

void PrintTo(const Row& row, std::ostream* out) {
  *out << row.name;
}

class SrvSelection : public ::testing::TestWithParam<Row> {};

void expect_servers(const std::vector<ServerConfig>& actual,
                    const std::vector<Expected>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("server " + std::to_string(i));
    EXPECT_EQ(actual[i].protocol, expected[i].protocol);
    EXPECT_EQ(actual[i].host, expected[i].host);
    EXPECT_EQ(actual[i].port, expected[i].port);
    EXPECT_EQ(actual[i].security, expected[i].security);
    EXPECT_EQ(actual[i].username, "%EMAILADDRESS%");
  }
}

TEST_P(SrvSelection, ChoosesTheServersAClientShouldUse) {
  const auto& row = GetParam();
  auto config = config_from_srv("d.test", row.answers);
  if (row.incoming.empty()) {
    EXPECT_FALSE(config.has_value());
    return;
  }
  ASSERT_TRUE(config.has_value());
  expect_servers(config->incoming, row.incoming);
  expect_servers(config->outgoing, row.outgoing);
  EXPECT_EQ(config->provenance.source, "srv");
  EXPECT_EQ(config->provenance.trusted, row.trusted);
  EXPECT_EQ(config->provenance.warnings.empty(), row.trusted);
}

INSTANTIATE_TEST_SUITE_P(Rows, SrvSelection, ::testing::ValuesIn(rows()),
                         [](const auto& row_info) { return row_info.param.name; });

TEST(SrvSelectionProvenance, UrlNamesTheLabelsWhoseRecordsWereUsed) {
  auto config = config_from_srv("d.test", {{S::imaps, {rec(0, 0, 993, "imap.d.test")}},
                                           {S::imap, {rec(9, 0, 143, "imap.d.test")}},
                                           {S::submission, {rec(0, 0, 587, "smtp.d.test")}}});
  ASSERT_TRUE(config);
  EXPECT_EQ(config->provenance.url, "_imaps._tcp.d.test, _submission._tcp.d.test");
}

TEST(SrvSelectionProvenance, TheWarningNamesTheDomainAndTheOutsideTargetOnce) {
  auto config =
      config_from_srv("example.test", {{S::imaps, {rec(0, 0, 993, "mail.provider.test")}},
                                       {S::submissions, {rec(0, 0, 465, "mail.provider.test")}}});
  ASSERT_TRUE(config);
  ASSERT_EQ(config->provenance.warnings.size(), 1u);
  EXPECT_NE(config->provenance.warnings[0].find(
                "the SRV record points outside example.test, to mail.provider.test"),
            std::string::npos)
      << config->provenance.warnings[0];
}

TEST(SrvLabels, NamesProtocolsAndSecurity) {
  EXPECT_EQ(srv_name(S::submissions, "d.test"), "_submissions._tcp.d.test");
  EXPECT_EQ(srv_name(S::pop3, "d.test"), "_pop3._tcp.d.test");
  EXPECT_EQ(srv_protocol(S::submission), Protocol::smtp);
  EXPECT_EQ(srv_security(S::pop3s), Security::tls);
  EXPECT_EQ(srv_security(S::imap), Security::starttls);
  EXPECT_TRUE(is_not_offered(rec(0, 0, 0, ".")));
  EXPECT_TRUE(is_not_offered(rec(0, 0, 0, "")));
  EXPECT_FALSE(is_not_offered(rec(0, 0, 993, "imap.d.test")));
}

}  // namespace
}  // namespace mailassist::autoconfig
