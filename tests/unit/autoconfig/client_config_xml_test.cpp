#include "autoconfig/client_config_xml.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

// Shaped like the ISPDB's gmail.com file.
constexpr std::string_view kGmailLike = R"(<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="googlemail.com">
    <domain>gmail.com</domain>
    <domain>googlemail.com</domain>
    <displayName>Google Mail</displayName>
    <incomingServer type="imap">
      <hostname>imap.gmail.com</hostname>
      <port>993</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>OAuth2</authentication>
      <authentication>password-cleartext</authentication>
    </incomingServer>
    <incomingServer type="pop3">
      <hostname>pop.gmail.com</hostname>
      <port>995</port>
      <socketType>SSL</socketType>
      <username>%EMAILADDRESS%</username>
      <authentication>password-cleartext</authentication>
      <pop3>
        <leaveMessagesOnServer>false</leaveMessagesOnServer>
        <daysToLeaveMessagesOnServer>14</daysToLeaveMessagesOnServer>
      </pop3>
    </incomingServer>
    <incomingServer type="exchange">
      <hostname>outlook.office365.com</hostname>
    </incomingServer>
    <outgoingServer type="smtp">
      <hostname>smtp.gmail.com</hostname>
      <port>587</port>
      <socketType>STARTTLS</socketType>
      <username>%EMAILLOCALPART%</username>
      <authentication>password-cleartext</authentication>
    </outgoingServer>
  </emailProvider>
</clientConfig>)";

TEST(ClientConfigXml, ReadsServersInOrderWithTheirSettings) {
  auto config = parse_client_config(kGmailLike, "gmail.xml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->id, "googlemail.com");
  EXPECT_EQ(config->domains, (std::vector<std::string>{"gmail.com", "googlemail.com"}));
  EXPECT_EQ(config->display_name, "Google Mail");
  ASSERT_EQ(config->incoming.size(), 2u);
  EXPECT_EQ(config->incoming[0].protocol, Protocol::imap);
  EXPECT_EQ(config->incoming[0].host, "imap.gmail.com");
  EXPECT_EQ(config->incoming[0].port, 993);
  EXPECT_EQ(config->incoming[0].security, Security::tls);
  EXPECT_EQ(config->incoming[0].auth, (std::vector<std::string>{"OAuth2", "password-cleartext"}));
  EXPECT_EQ(config->incoming[1].protocol, Protocol::pop3);
  EXPECT_FALSE(config->pop3.leave_on_server);
  EXPECT_EQ(config->pop3.days_to_leave, 14);
  ASSERT_EQ(config->outgoing.size(), 1u);
  EXPECT_EQ(config->outgoing[0].security, Security::starttls);
  EXPECT_EQ(config->outgoing[0].username, "%EMAILLOCALPART%");
  ASSERT_EQ(config->provenance.warnings.size(), 1u);
  EXPECT_NE(config->provenance.warnings[0].find("exchange"), std::string::npos);
}

struct BadDocument {
  std::string name;
  std::string xml;
  std::string expected_in_message;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const BadDocument& row, std::ostream* out) {
  *out << row.name;
}

class ClientConfigXmlRejects : public ::testing::TestWithParam<BadDocument> {};

TEST_P(ClientConfigXmlRejects, WithAMessageSayingWhere) {
  auto config = parse_client_config(GetParam().xml, "test.xml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().kind, ErrorKind::invalid_input);
  EXPECT_NE(config.error().message.find(GetParam().expected_in_message), std::string::npos)
      << config.error().message;
  EXPECT_EQ(config.error().message.rfind("test.xml: ", 0), 0u);
}

std::string provider(const std::string& server) {
  return "<clientConfig><emailProvider id='x'>" + server + "</emailProvider></clientConfig>";
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, ClientConfigXmlRejects,
    ::testing::Values(
        BadDocument{"truncated", "<clientConfig><emailProvider>", "not well-formed XML at byte"},
        BadDocument{"wrong_root", "<html/>", "root element"},
        BadDocument{"no_provider", "<clientConfig/>", "no <emailProvider>"},
        BadDocument{"no_servers", provider(""), "no IMAP, POP3 or SMTP"},
        BadDocument{"bad_port",
                    provider("<incomingServer type='imap'><hostname>h</hostname><port>99999</port>"
                             "<socketType>SSL</socketType></incomingServer>"),
                    "valid <port> ('99999')"},
        BadDocument{"hostile_host",
                    provider("<incomingServer type='imap'><hostname>evil host/x</hostname>"
                             "<port>993</port><socketType>SSL</socketType></incomingServer>"),
                    "valid <hostname>"},
        BadDocument{"bad_socket",
                    provider("<incomingServer type='imap'><hostname>h</hostname><port>993</port>"
                             "<socketType>TLS1.0</socketType></incomingServer>"),
                    "unknown <socketType>"},
        BadDocument{"smtp_as_incoming",
                    provider("<incomingServer type='smtp'><hostname>h</hostname><port>25</port>"
                             "<socketType>plain</socketType></incomingServer>"),
                    "no IMAP, POP3 or SMTP"}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(ClientConfigXml, ReadsMxPatternsOnlyInTheMailAssistNamespace) {
  auto config = parse_client_config(
      R"(<clientConfig xmlns:ma="https://mailassist.invalid/ns/provider-1">
           <emailProvider id="google-workspace">
             <ma:mxHost>*.google.com</ma:mxHost>
             <x:mxHost xmlns:x="https://elsewhere.invalid/">*.evil.test</x:mxHost>
             <ma:mxHost>aspmx.l.google.com</ma:mxHost>
             <incomingServer type="imap"><hostname>imap.gmail.com</hostname><port>993</port>
               <socketType>SSL</socketType></incomingServer>
           </emailProvider></clientConfig>)",
      "workspace.xml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->mx_patterns, (std::vector<std::string>{"*.google.com", "aspmx.l.google.com"}));
}

TEST(ClientConfigXml, ReadsTheProvidersHelpPagesWithinLimits) {
  std::string xml = R"xml(<clientConfig><emailProvider id="example.test">
      <incomingServer type="imap"><hostname>imap.example.test</hostname><port>993</port>
        <socketType>SSL</socketType></incomingServer>
      <documentation url="https://help.example.test/app-passwords">
        <descr lang="de">App-Passw&#xF6;rter</descr><descr lang="en">App passwords</descr>
      </documentation>
      <documentation url="http://help.example.test/imap"/>
      <documentation url="javascript:alert(1)"><descr>Click</descr></documentation>
      <documentation><descr>No address</descr></documentation>)xml";
  for (int i = 0; i < 10; ++i)
    xml += "<documentation url=\"https://help.example.test/" + std::to_string(i) + "\"/>";
  xml += "</emailProvider></clientConfig>";
  auto config = parse_client_config(xml, "help.xml");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->help_pages.size(), 6u);  // a hostile document does not fill the sheet
  EXPECT_EQ(config->help_pages[0].url, "https://help.example.test/app-passwords");
  EXPECT_EQ(config->help_pages[0].description, "App passwords");
  EXPECT_EQ(config->help_pages[1].description, "http://help.example.test/imap");
  EXPECT_EQ(config->help_pages[2].url, "https://help.example.test/0");
}

TEST(ClientConfigXml, RefusesOversizedDocumentsBeforeParsing) {
  std::string huge(kMaxClientConfigBytes + 1, ' ');
  auto config = parse_client_config(huge, "big.xml");
  ASSERT_FALSE(config);
  EXPECT_NE(config.error().message.find("never larger"), std::string::npos);
}

TEST(AccountConfig, ExpandsUsernameTemplates) {
  EXPECT_EQ(expand_username("%EMAILADDRESS%", "alice@example.test"), "alice@example.test");
  EXPECT_EQ(expand_username("%EMAILLOCALPART%", "alice@example.test"), "alice");
  EXPECT_EQ(expand_username("mail.%EMAILDOMAIN%", "alice@example.test"), "mail.example.test");
  EXPECT_EQ(expand_username("fixed", "alice@example.test"), "fixed");
}

TEST(AccountConfig, DefaultPortsFollowRfc8314) {
  EXPECT_EQ(default_port(Protocol::imap, Security::tls), 993);
  EXPECT_EQ(default_port(Protocol::imap, Security::starttls), 143);
  EXPECT_EQ(default_port(Protocol::pop3, Security::tls), 995);
  EXPECT_EQ(default_port(Protocol::smtp, Security::tls), 465);
  EXPECT_EQ(default_port(Protocol::smtp, Security::starttls), 587);
}

}  // namespace
}  // namespace mailassist::autoconfig
