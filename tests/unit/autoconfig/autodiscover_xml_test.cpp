// Outlook POX Autodiscover responses: rows of documents and the servers expected, the
// SSL/Encryption mapping as a table, and hostile input (broken, oversized, entity tricks).
#include "autoconfig/autodiscover_xml.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

std::string response_with(const std::string& account_body) {
  return R"(<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account>
)" + account_body +
         R"(
    </Account>
  </Response>
</Autodiscover>)";
}

std::string settings(const std::string& protocols) {
  return "<AccountType>email</AccountType><Action>settings</Action>" + protocols;
}

// Modelled on what Exchange Online answers: Exchange's own protocols first, then the
// Internet protocols it also offers.
constexpr const char* kOffice365Like = R"(<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <User>
      <DisplayName>Alice Example</DisplayName>
      <AutoDiscoverSMTPAddress>alice@contoso.test</AutoDiscoverSMTPAddress>
    </User>
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
      <MicrosoftOnline>True</MicrosoftOnline>
      <Protocol>
        <Type>EXCH</Type>
        <Server>4a1b2c3d@contoso.test</Server>
        <ASUrl>https://outlook.office365.test/EWS/Exchange.asmx</ASUrl>
      </Protocol>
      <Protocol>
        <Type>EXPR</Type>
        <Server>outlook.office365.test</Server>
        <SSL>On</SSL>
        <AuthPackage>Basic</AuthPackage>
      </Protocol>
      <Protocol>
        <Type>WEB</Type>
        <Internal><OWAUrl AuthenticationMethod="Basic">https://outlook.office365.test/owa/</OWAUrl></Internal>
      </Protocol>
      <Protocol>
        <Type>IMAP</Type>
        <Server>outlook.office365.test</Server>
        <Port>993</Port>
        <LoginName>alice@contoso.test</LoginName>
        <SSL>on</SSL>
        <Encryption>SSL</Encryption>
      </Protocol>
      <Protocol>
        <Type>POP3</Type>
        <Server>outlook.office365.test</Server>
        <Port>995</Port>
        <Encryption>SSL</Encryption>
      </Protocol>
      <Protocol>
        <Type>SMTP</Type>
        <Server>smtp.office365.test</Server>
        <Port>587</Port>
        <Encryption>TLS</Encryption>
      </Protocol>
    </Account>
  </Response>
</Autodiscover>)";

TEST(AutodiscoverXml, Office365LikeResponseGivesItsInternetProtocolsAndSkipsExchangesOwn) {
  auto config = parse_autodiscover_response(kOffice365Like, "o365.xml");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->incoming.size(), 2u);
  EXPECT_EQ(config->incoming[0], (ServerConfig{Protocol::imap,
                                               "outlook.office365.test",
                                               993,
                                               Security::tls,
                                               "alice@contoso.test",
                                               {"password-cleartext"}}));
  EXPECT_EQ(config->incoming[1], (ServerConfig{Protocol::pop3,
                                               "outlook.office365.test",
                                               995,
                                               Security::tls,
                                               "%EMAILADDRESS%",
                                               {"password-cleartext"}}));
  ASSERT_EQ(config->outgoing.size(), 1u);
  EXPECT_EQ(config->outgoing[0], (ServerConfig{Protocol::smtp,
                                               "smtp.office365.test",
                                               587,
                                               Security::starttls,
                                               "%EMAILADDRESS%",
                                               {"password-cleartext"}}));
  ASSERT_EQ(config->provenance.warnings.size(), 3u);
  EXPECT_NE(config->provenance.warnings[0].find("'EXCH'"), std::string::npos);
  EXPECT_NE(config->provenance.warnings[1].find("'EXPR'"), std::string::npos);
  EXPECT_NE(config->provenance.warnings[2].find("'WEB'"), std::string::npos);
}

// Modelled on what shared hosting control panels publish: SSL on/off only, no Encryption,
// the login spelled out, SMTP reusing the POP login.
TEST(AutodiscoverXml, HostingPanelLikeResponseMapsSslByPort) {
  auto xml = response_with(settings(R"(
      <Protocol>
        <Type>IMAP</Type><Server>mail.example.test</Server><Port>993</Port>
        <DomainRequired>off</DomainRequired><LoginName>alice@example.test</LoginName>
        <SPA>off</SPA><SSL>on</SSL><AuthRequired>on</AuthRequired>
      </Protocol>
      <Protocol>
        <Type>POP3</Type><Server>mail.example.test</Server><Port>995</Port>
        <DomainRequired>off</DomainRequired><LoginName>alice@example.test</LoginName>
        <SPA>off</SPA><SSL>on</SSL><AuthRequired>on</AuthRequired>
      </Protocol>
      <Protocol>
        <Type>SMTP</Type><Server>mail.example.test</Server><Port>587</Port>
        <DomainRequired>off</DomainRequired><LoginName>alice@example.test</LoginName>
        <SPA>off</SPA><SSL>on</SSL><AuthRequired>on</AuthRequired>
        <UsePOPAuth>on</UsePOPAuth><SMTPLast>off</SMTPLast>
      </Protocol>)"));
  auto config = parse_autodiscover_response(xml, "panel.xml");
  ASSERT_TRUE(config) << config.error().message;
  ASSERT_EQ(config->incoming.size(), 2u);
  EXPECT_EQ(config->incoming[0].security, Security::tls);
  EXPECT_EQ(config->incoming[0].username, "alice@example.test");
  EXPECT_EQ(config->incoming[1].protocol, Protocol::pop3);
  EXPECT_EQ(config->incoming[1].security, Security::tls);
  ASSERT_EQ(config->outgoing.size(), 1u);
  EXPECT_EQ(config->outgoing[0].port, 587);
  EXPECT_EQ(config->outgoing[0].security, Security::starttls);
  EXPECT_TRUE(config->provenance.warnings.empty());
}

struct SecurityRow {
  const char* name;
  const char* type;
  const char* elements;  // Port, SSL, Encryption as the server wrote them
  std::uint16_t port;
  Security security;
};

class AutodiscoverSecurity : public ::testing::TestWithParam<SecurityRow> {};

TEST_P(AutodiscoverSecurity, MapsSslAndEncryption) {
  const auto& row = GetParam();
  auto xml = response_with(settings(std::string("<Protocol><Type>") + row.type +
                                    "</Type><Server>mail.example.test</Server>" + row.elements +
                                    "</Protocol>"));
  auto config = parse_autodiscover_response(xml, "row.xml");
  ASSERT_TRUE(config) << config.error().message;
  const auto& server =
      row.type == std::string("SMTP") ? config->outgoing.at(0) : config->incoming.at(0);
  EXPECT_EQ(server.port, row.port);
  EXPECT_EQ(to_string(server.security), to_string(row.security));
}

INSTANTIATE_TEST_SUITE_P(
    Rows, AutodiscoverSecurity,
    ::testing::Values(
        // Encryption decides when present: SSL = implicit TLS, TLS = STARTTLS, None = none.
        SecurityRow{"EncryptionSsl", "IMAP", "<Port>993</Port><Encryption>SSL</Encryption>", 993,
                    Security::tls},
        SecurityRow{"EncryptionTls", "IMAP", "<Port>143</Port><Encryption>TLS</Encryption>", 143,
                    Security::starttls},
        SecurityRow{"EncryptionTlsSmtp", "SMTP", "<Port>587</Port><Encryption>TLS</Encryption>",
                    587, Security::starttls},
        SecurityRow{"EncryptionSslOnAnOddPort", "SMTP",
                    "<Port>2465</Port><Encryption>SSL</Encryption>", 2465, Security::tls},
        SecurityRow{"EncryptionOverridesSsl", "POP3",
                    "<Port>110</Port><SSL>on</SSL><Encryption>None</Encryption>", 110,
                    Security::none},
        SecurityRow{"EncryptionIsCaseInsensitive", "IMAP",
                    "<Port>143</Port><Encryption>tls</Encryption>", 143, Security::starttls},
        SecurityRow{"AutoOnATlsPort", "POP3", "<Port>995</Port><Encryption>Auto</Encryption>", 995,
                    Security::tls},
        SecurityRow{"AutoOnAPlainPort", "POP3", "<Port>110</Port><Encryption>Auto</Encryption>",
                    110, Security::starttls},
        // Without Encryption, SSL on means implicit TLS on 993/995/465, STARTTLS elsewhere.
        SecurityRow{"SslOn993", "IMAP", "<Port>993</Port><SSL>on</SSL>", 993, Security::tls},
        SecurityRow{"SslOn143", "IMAP", "<Port>143</Port><SSL>on</SSL>", 143, Security::starttls},
        SecurityRow{"SslOn465", "SMTP", "<Port>465</Port><SSL>on</SSL>", 465, Security::tls},
        SecurityRow{"SslOn587", "SMTP", "<Port>587</Port><SSL>On</SSL>", 587, Security::starttls},
        SecurityRow{"SslOn25", "SMTP", "<Port>25</Port><SSL>on</SSL>", 25, Security::starttls},
        SecurityRow{"SslOff", "IMAP", "<Port>143</Port><SSL>off</SSL>", 143, Security::none},
        SecurityRow{"SslAbsentMeansOn", "POP3", "<Port>110</Port>", 110, Security::starttls},
        SecurityRow{"NoPortTakesTheImplicitTlsDefault", "IMAP", "<SSL>on</SSL>", 993,
                    Security::tls},
        SecurityRow{"NoPortWithoutSsl", "SMTP", "<SSL>off</SSL>", 587, Security::none}),
    [](const auto& row) { return std::string(row.param.name); });

TEST(AutodiscoverXml, SpaMeansNtlmAndAuthRequiredOffMeansNoLogin) {
  auto xml = response_with(settings(R"(
      <Protocol><Type>IMAP</Type><Server>mail.example.test</Server><Port>993</Port>
        <SPA>on</SPA></Protocol>
      <Protocol><Type>SMTP</Type><Server>mail.example.test</Server><Port>25</Port>
        <Encryption>TLS</Encryption><AuthRequired>off</AuthRequired></Protocol>)"));
  auto config = parse_autodiscover_response(xml, "spa.xml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->incoming[0].auth, std::vector<std::string>{"NTLM"});
  EXPECT_EQ(config->outgoing[0].auth, std::vector<std::string>{"none"});
}

TEST(AutodiscoverXml, DomainRequiredPutsTheNtDomainBeforeTheLogin) {
  auto xml = response_with(settings(R"(
      <Protocol><Type>IMAP</Type><Server>mail.example.test</Server><Port>993</Port>
        <DomainRequired>on</DomainRequired><DomainName>CORP</DomainName>
        <LoginName>alice</LoginName></Protocol>)"));
  auto config = parse_autodiscover_response(xml, "nt.xml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->incoming[0].username, "CORP\\alice");
}

TEST(AutodiscoverXml, PrefixedElementsAreReadByTheirLocalName) {
  auto xml =
      R"(<a:Autodiscover xmlns:a="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <r:Response xmlns:r="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <r:Account><r:AccountType>email</r:AccountType><r:Action>settings</r:Action>
      <r:Protocol><r:Type>IMAP</r:Type><r:Server>imap.example.test</r:Server><r:Port>993</r:Port></r:Protocol>
    </r:Account></r:Response></a:Autodiscover>)";
  auto config = parse_autodiscover_response(xml, "prefixed.xml");
  ASSERT_TRUE(config) << config.error().message;
  EXPECT_EQ(config->incoming.at(0).host, "imap.example.test");
}

struct RefusedRow {
  const char* name;
  std::string xml;
  const char* message_part;
};

class AutodiscoverRefused : public ::testing::TestWithParam<RefusedRow> {};

TEST_P(AutodiscoverRefused, IsAnErrorSayingWhy) {
  auto config = parse_autodiscover_response(GetParam().xml, "https://ad.example.test/a.xml");
  ASSERT_FALSE(config);
  EXPECT_EQ(config.error().kind, ErrorKind::invalid_input);
  EXPECT_NE(config.error().message.find(GetParam().message_part), std::string::npos)
      << config.error().message;
  EXPECT_EQ(config.error().message.rfind("https://ad.example.test/a.xml: ", 0), 0u)
      << config.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Rows, AutodiscoverRefused,
    ::testing::Values(
        RefusedRow{"OnlyExchangeProtocols",
                   response_with(settings("<Protocol><Type>EXCH</Type><Server>x</Server>"
                                          "</Protocol><Protocol><Type>EXPR</Type></Protocol>")),
                   "no IMAP, POP3 or SMTP server"},
        RefusedRow{"CutOff", std::string(kOffice365Like).substr(0, 700),
                   "not well-formed XML at byte "},
        RefusedRow{"NotXml", "<html><body>Welcome to nginx</body>", "not well-formed XML"},
        RefusedRow{"Empty", "", "not well-formed XML at byte 0"},
        RefusedRow{"OtherRoot", "<clientConfig version=\"1.1\"/>", "not <Autodiscover>"},
        RefusedRow{"Oversized", response_with(settings(std::string(kMaxAutodiscoverBytes, ' '))),
                   "never larger than 1048576"},
        RefusedRow{
            "ErrorResponse",
            R"(<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
                        <Response><Error Time="12:00:00" Id="1"><ErrorCode>600</ErrorCode>
                        <Message>Invalid Request</Message></Error></Response></Autodiscover>)",
            "Autodiscover error 600: Invalid Request"},
        RefusedRow{"MobileSyncAccount",
                   response_with("<AccountType>mobilesync</AccountType><Action>settings</Action>"),
                   "not 'email'"},
        RefusedRow{"RedirectAddr",
                   response_with("<AccountType>email</AccountType><Action>redirectAddr</Action>"
                                 "<RedirectAddr>alice@other.test</RedirectAddr>"),
                   "alice@other.test' (redirect not followed)"},
        RefusedRow{"RedirectUrl",
                   response_with("<AccountType>email</AccountType><Action>redirectUrl</Action>"
                                 "<RedirectUrl>https://ad.other.test/autodiscover/"
                                 "autodiscover.xml</RedirectUrl>"),
                   "https://ad.other.test/autodiscover/autodiscover.xml' (redirect not followed)"},
        RefusedRow{"BadServer",
                   response_with(settings("<Protocol><Type>IMAP</Type><Server>a b/c</Server>"
                                          "<Port>993</Port></Protocol>")),
                   "no valid <Server>"},
        RefusedRow{"BadPort",
                   response_with(settings("<Protocol><Type>IMAP</Type><Server>imap.x.test</Server>"
                                          "<Port>99999</Port></Protocol>")),
                   "no valid <Port> ('99999')"},
        RefusedRow{"UnknownEncryption",
                   response_with(settings("<Protocol><Type>IMAP</Type><Server>imap.x.test</Server>"
                                          "<Encryption>Quantum</Encryption></Protocol>")),
                   "unknown <Encryption> ('Quantum')"}),
    [](const auto& row) { return std::string(row.param.name); });

TEST(AutodiscoverXml, MalformedXmlNamesTheByteOffset) {
  std::string xml = "<Autodiscover><Response><Account></Response></Autodiscover>";
  auto config = parse_autodiscover_response(xml, "broken.xml");
  ASSERT_FALSE(config);
  // </Response> closes <Account>: pugixml notices at the end of that tag's name.
  EXPECT_EQ(config.error().message,
            "broken.xml: not well-formed XML at byte 35: Start-end tags mismatch");
}

// Entities declared in a DOCTYPE are not expanded (pugixml never reads external ones and
// leaves internal ones alone), so "billion laughs" neither grows nor injects anything.
TEST(AutodiscoverXml, DoctypeEntitiesAreNotExpanded) {
  std::string xml = R"(<?xml version="1.0"?>
<!DOCTYPE Autodiscover [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<Autodiscover><Response><Account><AccountType>email</AccountType><Action>settings</Action>
  <Protocol><Type>IMAP</Type><Server>&ext;&lol2;</Server><Port>993</Port></Protocol>
</Account></Response></Autodiscover>)";
  auto config = parse_autodiscover_response(xml, "entities.xml");
  ASSERT_FALSE(config);  // the unexpanded reference is not a host name
  EXPECT_NE(config.error().message.find("no valid <Server>"), std::string::npos)
      << config.error().message;
  EXPECT_EQ(config.error().message.find("root:"), std::string::npos) << config.error().message;
}

TEST(AutodiscoverXml, RequestCarriesTheAddressEscapedAndTheResponseSchema) {
  auto body = autodiscover_request("a&b<c@example.test");
  EXPECT_NE(body.find("<EMailAddress>a&amp;b&lt;c@example.test</EMailAddress>"), std::string::npos)
      << body;
  EXPECT_NE(body.find("xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/"
                      "requestschema/2006\""),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/"
                      "autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>"),
            std::string::npos)
      << body;
  EXPECT_EQ(body.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>", 0), 0u) << body;
}

TEST(AutodiscoverXml, ReadGivesTheRedirectsAsValues) {
  auto address = read_autodiscover_response(
      response_with("<AccountType>email</AccountType><Action>redirectAddr</Action>"
                    "<RedirectAddr>alice@other.test</RedirectAddr>"),
      "r.xml");
  ASSERT_TRUE(address) << address.error().message;
  ASSERT_TRUE(address->redirect);
  EXPECT_FALSE(address->settings);
  EXPECT_EQ(address->redirect->kind, AutodiscoverRedirect::Kind::address);
  EXPECT_EQ(address->redirect->target, "alice@other.test");

  auto url = read_autodiscover_response(
      response_with("<AccountType>email</AccountType><Action>redirectUrl</Action>"
                    "<RedirectUrl>https://ad.other.test/a.xml</RedirectUrl>"),
      "r.xml");
  ASSERT_TRUE(url) << url.error().message;
  ASSERT_TRUE(url->redirect);
  EXPECT_EQ(url->redirect->kind, AutodiscoverRedirect::Kind::url);
  EXPECT_EQ(describe(*url->redirect), "'https://ad.other.test/a.xml'");

  auto empty = read_autodiscover_response(
      response_with("<AccountType>email</AccountType><Action>redirectUrl</Action>"), "r.xml");
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message.find("without its target"), std::string::npos);
}

}  // namespace
}  // namespace mailassist::autoconfig
