// The Autodiscover file is read back by our own Autodiscover reader (the one detection
// uses) into the same settings.
#include "exporters/autodiscover_writer.hpp"

#include <gtest/gtest.h>

#include "autoconfig/autodiscover_xml.hpp"

namespace mailassist::exporters {
namespace {

using autoconfig::Protocol;
using autoconfig::Security;

autoconfig::ServerConfig server(Protocol protocol, std::string host, std::uint16_t port,
                                Security security, std::string username = "%EMAILADDRESS%",
                                std::vector<std::string> auth = {"password-cleartext"}) {
  return {protocol, std::move(host), port, security, std::move(username), std::move(auth)};
}

autoconfig::AccountConfig every_kind() {
  autoconfig::AccountConfig c;
  c.incoming = {server(Protocol::imap, "imap.example.test", 993, Security::tls),
                server(Protocol::imap, "imap.example.test", 143, Security::starttls),
                server(Protocol::pop3, "pop.example.test", 110, Security::none)};
  c.outgoing = {
      server(Protocol::smtp, "smtp.example.test", 465, Security::tls),
      server(Protocol::smtp, "smtp.example.test", 587, Security::starttls),
      server(Protocol::smtp, "relay.example.test", 25, Security::none, "%EMAILADDRESS%", {"none"})};
  return c;
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(AutodiscoverWriter, ReadsBackIntoTheSameSettings) {
  auto written = write_autodiscover(every_kind(), "alice@example.test");
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_TRUE(written->warnings.empty());
  auto back = autoconfig::parse_autodiscover_response(written->text, "written.xml");
  ASSERT_TRUE(back) << back.error().message << "\n" << written->text;
  EXPECT_EQ(back->incoming, every_kind().incoming) << written->text;
  EXPECT_EQ(back->outgoing, every_kind().outgoing) << written->text;
  EXPECT_TRUE(back->provenance.warnings.empty());
}

TEST(AutodiscoverWriter, SslAndEncryptionAreAlwaysBothExplicit) {
  auto written = write_autodiscover(every_kind(), "alice@example.test");
  ASSERT_TRUE(written);
  const auto& xml = written->text;
  EXPECT_EQ(count(xml, "<Protocol>"), 6u);
  EXPECT_EQ(count(xml, "<SSL>"), 6u);
  EXPECT_EQ(count(xml, "<Encryption>"), 6u);
  EXPECT_EQ(count(xml, "<Encryption>SSL</Encryption>"), 2u);
  EXPECT_EQ(count(xml, "<Encryption>TLS</Encryption>"), 2u);
  EXPECT_EQ(count(xml, "<Encryption>None</Encryption>"), 2u);
  EXPECT_EQ(count(xml, "<SSL>off</SSL>"), 2u);
  EXPECT_NE(xml.find("xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/"
                     "responseschema/2006\""),
            std::string::npos);
  EXPECT_NE(xml.find("xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/"
                     "responseschema/2006a\""),
            std::string::npos);
  // Written for a whole domain: the address is the login, so no LoginName names anyone.
  EXPECT_EQ(xml.find("LoginName"), std::string::npos);
  EXPECT_EQ(xml.find("alice"), std::string::npos);
}

TEST(AutodiscoverWriter, AnotherLoginIsExpandedForTheAddressWithAWarning) {
  autoconfig::AccountConfig config;
  config.incoming = {server(Protocol::imap, "imap.example.test", 993, Security::tls,
                            "%EMAILLOCALPART%", {"NTLM"})};
  config.outgoing = {server(Protocol::smtp, "smtp.example.test", 587, Security::starttls,
                            "%EMAILLOCALPART%", {"password-cleartext", "OAuth2"})};
  auto written = write_autodiscover(config, "alice@example.test");
  ASSERT_TRUE(written);
  ASSERT_EQ(written->warnings.size(), 2u);
  EXPECT_NE(written->warnings[0].find("alice@example.test's login"), std::string::npos);
  EXPECT_NE(written->warnings[1].find("OAuth2"), std::string::npos);
  EXPECT_NE(written->text.find("<UsePOPAuth>on</UsePOPAuth>"), std::string::npos);

  auto back = autoconfig::parse_autodiscover_response(written->text, "written.xml");
  ASSERT_TRUE(back) << back.error().message;
  ASSERT_EQ(back->incoming.size(), 1u);
  EXPECT_EQ(back->incoming[0].username, "alice");
  EXPECT_EQ(back->incoming[0].auth, std::vector<std::string>{"NTLM"});
  ASSERT_EQ(back->outgoing.size(), 1u);
  EXPECT_EQ(back->outgoing[0].security, Security::starttls);
  EXPECT_EQ(back->outgoing[0].auth, std::vector<std::string>{"password-cleartext"});
}

TEST(AutodiscoverWriter, HostNamesAreEscapedNotInjected) {
  autoconfig::AccountConfig config;
  config.outgoing = {server(Protocol::smtp, "a</Server><Server>b", 465, Security::tls)};
  auto written = write_autodiscover(config, "alice@example.test");
  ASSERT_TRUE(written);
  EXPECT_NE(written->text.find("a&lt;/Server&gt;&lt;Server&gt;b"), std::string::npos);
  // The reader refuses the name as a host instead of reading two servers.
  EXPECT_FALSE(autoconfig::parse_autodiscover_response(written->text, "written.xml"));
}

TEST(AutodiscoverWriter, NeedsAServer) {
  auto written = write_autodiscover({}, "alice@example.test");
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().kind, ErrorKind::invalid_input);
}

}  // namespace
}  // namespace mailassist::exporters
