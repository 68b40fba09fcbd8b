// check-domain's reasoning without a network: channel comparison, the reference, which
// servers are checked, and the fixes. Configs are built here; check_domain itself runs
// with fake sources and a fake server checker.
#include "autoconfig/domain_check.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

ServerConfig server(Protocol protocol, std::string host, std::uint16_t port, Security security) {
  ServerConfig s;
  s.protocol = protocol;
  s.host = std::move(host);
  s.port = port;
  s.security = security;
  return s;
}

AccountConfig config(SourceKind kind, std::string url, std::vector<ServerConfig> servers,
                     bool trusted = true) {
  AccountConfig c;
  for (auto& s : servers) (is_incoming(s.protocol) ? c.incoming : c.outgoing).push_back(s);
  c.provenance.source = std::string(to_string(kind));
  c.provenance.url = std::move(url);
  c.provenance.trusted = trusted;
  return c;
}

const ServerConfig kImap = server(Protocol::imap, "imap.example.test", 993, Security::tls);
const ServerConfig kSmtp = server(Protocol::smtp, "smtp.example.test", 465, Security::tls);

ChannelReport channel(SourceKind kind, std::vector<AccountConfig> configs = {},
                      std::vector<LookupReport> lookups = {}) {
  if (lookups.empty()) lookups.push_back({kind, "somewhere", LookupResult::none, 0, ""});
  return {kind, std::move(configs), std::move(lookups)};
}

bool any_fix(const DomainCheck& check, DomainFix::Severity severity, const std::string& topic,
             const std::string& text) {
  for (const auto& f : check.fixes)
    if (f.severity == severity && f.topic == topic &&
        (f.problem + " " + f.fix).find(text) != std::string::npos)
      return true;
  return false;
}

TEST(ChannelAgreement, TheFirstServerOfEachProtocolDecidesIgnoringCaseAndTheRootDot) {
  auto a = config(SourceKind::autoconfig, "", {kImap, kSmtp});
  auto b = config(SourceKind::srv, "",
                  {server(Protocol::imap, "IMAP.Example.Test.", 993, Security::tls),
                   server(Protocol::smtp, "smtp.example.test", 465, Security::tls),
                   server(Protocol::smtp, "smtp.example.test", 587, Security::starttls)});
  EXPECT_TRUE(compare_settings(a, b).empty());
}

TEST(ChannelAgreement, PortSecurityHostAndAMissingProtocolAreDifferences) {
  auto a = config(SourceKind::autoconfig, "", {kImap, kSmtp});
  auto b = config(SourceKind::srv, "",
                  {server(Protocol::pop3, "pop.example.test", 995, Security::tls),
                   server(Protocol::smtp, "smtp.example.test", 587, Security::starttls)});
  auto differences = compare_settings(a, b);
  ASSERT_EQ(differences.size(), 3u);
  EXPECT_EQ(differences[0].protocol, Protocol::imap);
  EXPECT_FALSE(differences[0].found);
  EXPECT_EQ(differences[1].protocol, Protocol::pop3);
  EXPECT_FALSE(differences[1].reference);
  EXPECT_EQ(describe_server(differences[2].found), "smtp.example.test:587 starttls");
}

TEST(DomainCheck, TheReferenceIsTheBestTrustedPublicationAndOthersAreComparedWithIt) {
  DomainCheck check;
  check.domain = "example.test";
  auto srv = config(SourceKind::srv, "_imaps._tcp.example.test",
                    {server(Protocol::imap, "mail.example.test", 993, Security::tls), kSmtp});
  // Plain HTTP autoconfig is untrusted: the trusted SRV config ranks first.
  auto http = config(SourceKind::autoconfig, "http://autoconfig.example.test/mail/x.xml",
                     {kImap, kSmtp}, false);
  check.channels = {channel(SourceKind::autoconfig, {http}), channel(SourceKind::srv, {srv})};
  compare_channels(check);
  ASSERT_TRUE(check.reference);
  EXPECT_EQ(*check.reference, SourceKind::srv);
  ASSERT_EQ(check.differences.size(), 1u);
  EXPECT_EQ(check.differences[0].channel, SourceKind::autoconfig);
  EXPECT_EQ(check.differences[0].server.protocol, Protocol::imap);

  check.servers = servers_to_check(check);
  ASSERT_EQ(check.servers.size(), 3u);  // mail., smtp. (named twice), imap.
  EXPECT_EQ(check.servers[1].check.server.host, "smtp.example.test");
  EXPECT_EQ(check.servers[1].named_by.size(), 2u);
  for (auto& v : check.servers) v.check.message = "ok";

  check.fixes = fixes_for(check);
  EXPECT_FALSE(check.ok());
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::problem, "autoconfig",
                      "serves the settings over plain HTTP only"));
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::problem, "autoconfig",
                      "https://autoconfig.example.test/mail/x.xml"));
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::problem, "autoconfig",
                      "IMAP imap.example.test:993 tls where srv says mail.example.test:993 tls"));
}

TEST(DomainCheck, FailedServersAndPlainServersAreProblemsAndMissingChannelsSuggestions) {
  DomainCheck check;
  check.domain = "example.test";
  auto plain = server(Protocol::imap, "imap.example.test", 143, Security::none);
  check.channels = {channel(SourceKind::autoconfig,
                            {config(SourceKind::autoconfig, "https://a", {plain, kSmtp})}),
                    channel(SourceKind::srv), channel(SourceKind::autodiscover)};
  compare_channels(check);
  check.servers = servers_to_check(check);
  ASSERT_EQ(check.servers.size(), 2u);
  check.servers[1].check.error = ErrorKind::tls_hostname;
  check.servers[1].check.message = "certificate is for other.invalid";
  check.fixes = fixes_for(check);
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::problem, "servers", "without encryption"));
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::problem, "servers",
                      "install a certificate that names smtp.example.test"));
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::suggestion, "srv", "SRV records"));
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::suggestion, "autodiscover", "Outlook"));
  // Problems come before suggestions.
  EXPECT_EQ(check.fixes.front().severity, DomainFix::Severity::problem);
  EXPECT_EQ(check.fixes.back().severity, DomainFix::Severity::suggestion);
}

TEST(DomainCheck, ErrorsCountOnlyOnChannelsTheOwnerControls) {
  DomainCheck check;
  check.domain = "example.test";
  check.channels = {
      channel(SourceKind::autoconfig, {config(SourceKind::autoconfig, "https://a", {kImap})}),
      channel(SourceKind::ispdb, {},
              {{SourceKind::ispdb, "https://ispdb", LookupResult::error, 0, "HTTP status 500"}}),
      channel(SourceKind::well_known, {},
              {{SourceKind::well_known, "https://example.test/.well-known/x", LookupResult::timeout,
                0, ""},
               {SourceKind::well_known, "http://example.test/.well-known/x", LookupResult::error, 0,
                "refused"}})};
  compare_channels(check);
  check.fixes = fixes_for(check);
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::problem, "well-known",
                      "https://example.test/.well-known/x did not answer"));
  for (const auto& f : check.fixes) {
    EXPECT_NE(f.topic, "ispdb") << f.problem;
    EXPECT_EQ(f.problem.find("http://"), std::string::npos) << f.problem;
  }
}

TEST(DomainCheck, NothingPublishedOffersTheGuessAsWhatToPublish) {
  DomainCheck check;
  check.domain = "example.test";
  check.channels = {channel(SourceKind::autoconfig),
                    channel(SourceKind::guess, {config(SourceKind::guess, "", {kImap}, false)})};
  compare_channels(check);
  ASSERT_TRUE(check.reference);
  EXPECT_EQ(*check.reference, SourceKind::guess);
  EXPECT_TRUE(check.differences.empty());
  check.servers = servers_to_check(check);
  ASSERT_EQ(check.servers.size(), 1u);
  EXPECT_EQ(check.servers[0].named_by, std::vector<SourceKind>{SourceKind::guess});
  check.fixes = fixes_for(check);
  EXPECT_FALSE(check.ok());
  EXPECT_TRUE(any_fix(check, DomainFix::Severity::problem, "settings", "confirm them first"));
}

TEST(DomainCheck, RunsEverySourceAndChecksEveryServerOnce) {
  std::vector<Source> sources{
      {SourceKind::autoconfig,
       [](const DetectContext&, Deadline) {
         return SourceOutcome{{config(SourceKind::autoconfig, "https://a", {kImap, kSmtp})},
                              {{SourceKind::autoconfig, "https://a", LookupResult::found, 1, ""}}};
       }},
      {SourceKind::srv, [](const DetectContext&, Deadline) {
         return SourceOutcome{{config(SourceKind::srv, "_imaps._tcp.example.test", {kImap, kSmtp})},
                              {{SourceKind::srv, "_imaps", LookupResult::found, 1, ""}}};
       }}};
  DetectContext context;
  context.email = "postmaster@example.test";
  context.domain = "example.test";
  std::atomic<int> checks{0};
  auto result = check_domain(context, sources, Deadline::after(std::chrono::seconds(10)),
                             [&checks](const ServerConfig& s) {
                               ++checks;
                               ServerCheck c;
                               c.server = s;
                               return c;
                             });
  EXPECT_EQ(checks.load(), 2);
  EXPECT_TRUE(result.ok());
  ASSERT_EQ(result.channels.size(), 2u);
  EXPECT_TRUE(result.channels[0].publishes());
  EXPECT_EQ(result.channels[1].lookups.size(), 1u);
  EXPECT_EQ(result.servers[0].named_by.size(), 2u);
}

}  // namespace
}  // namespace mailassist::autoconfig
