// The Thunderbird for Android QR code payload (format version 1) compared with the
// specification's own example and checked against the reader's rules
// (thunderbird/thunderbird-android feature/migration/qrcode/qr-code-format.md and
// QrCodePayloadValidator.kt).
#include "exporters/thunderbird_qr_payload.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace mailassist::exporters {
namespace {

using autoconfig::Protocol;
using autoconfig::Security;
using nlohmann::json;

autoconfig::ServerConfig server(Protocol protocol, std::string host, std::uint16_t port,
                                Security security,
                                std::vector<std::string> auth = {"password-cleartext"}) {
  return {protocol, std::move(host), port, security, "%EMAILADDRESS%", std::move(auth)};
}

autoconfig::AccountConfig imap_and_smtp() {
  autoconfig::AccountConfig c;
  c.incoming.push_back(server(Protocol::imap, "imap.domain.example", 993, Security::tls));
  c.outgoing.push_back(server(Protocol::smtp, "smtp.domain.example", 465, Security::tls));
  return c;
}

json payload_of(const autoconfig::AccountConfig& config, const QrPayloadOptions& options) {
  auto text = write_thunderbird_qr_payload(config, options);
  EXPECT_TRUE(text) << text.error().message;
  return text ? json::parse(*text) : json();
}

TEST(ThunderbirdQrPayload, MatchesTheSpecificationsOneImapAccountExample) {
  // "One IMAP account" in qr-code-format.md, written there with spaces and line breaks.
  json expected = json::parse(R"([
    1,
    [1, 1],
    [0, "imap.domain.example", 993, 3, 1, "user@domain.example"],
    [[[0, "smtp.domain.example", 465, 3, 1, "user@domain.example"],
      ["user@domain.example", "Jane Doe"]]]
  ])");
  EXPECT_EQ(payload_of(imap_and_smtp(), {"user@domain.example", "Jane Doe", std::nullopt}),
            expected);
}

TEST(ThunderbirdQrPayload, IsCompactAsciiJson) {
  auto config = imap_and_smtp();
  config.display_name = "Example Mail";
  auto text = write_thunderbird_qr_payload(config, {"alice@domain.example", "", std::nullopt});
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_EQ(*text,
            R"([1,[1,1],[0,"imap.domain.example",993,3,1,"alice@domain.example","Example Mail"],)"
            R"([[[0,"smtp.domain.example",465,3,1,"alice@domain.example"],)"
            R"(["alice@domain.example",""]]]])");
}

TEST(ThunderbirdQrPayload, HasNoPasswordUnlessOneIsGiven) {
  auto without = payload_of(imap_and_smtp(), {"a@domain.example", "", std::nullopt});
  EXPECT_EQ(without[2].size(), 6u);        // no AccountName (it is the address), no Password
  EXPECT_EQ(without[3][0][0].size(), 6u);  // no Password

  auto with = payload_of(imap_and_smtp(), {"a@domain.example", "", std::string("s3cret")});
  ASSERT_EQ(with[2].size(), 8u);
  EXPECT_EQ(with[2][6], "");  // AccountName must be there (empty: the address) before Password
  EXPECT_EQ(with[2][7], "s3cret");
  ASSERT_EQ(with[3][0][0].size(), 7u);
  EXPECT_EQ(with[3][0][0][6], "s3cret");
}

TEST(ThunderbirdQrPayload, TakesTheBestServersAndExpandsTheUsername) {
  autoconfig::AccountConfig c;
  c.display_name = "Example";
  c.incoming.push_back(server(Protocol::pop3, "pop.example.test", 110, Security::starttls,
                              {"client-IP-address", "password-encrypted"}));
  c.incoming.push_back(server(Protocol::imap, "imap.example.test", 993, Security::tls));
  c.incoming.front().username = "%EMAILLOCALPART%";
  c.outgoing.push_back(server(Protocol::smtp, "smtp.example.test", 25, Security::none, {"none"}));
  c.outgoing.push_back(server(Protocol::smtp, "smtp.example.test", 587, Security::starttls));
  auto p = payload_of(c, {"bob@example.test", "Bob", std::nullopt});
  // POP3 = 1, STARTTLS = 2, the first method the format knows (password-encrypted = 2).
  EXPECT_EQ(p[2], json::parse(R"([1,"pop.example.test",110,2,2,"bob","Example"])"));
  // The first SMTP server, as given: no security (0), no authentication (0).
  EXPECT_EQ(p[3][0][0], json::parse(R"([0,"smtp.example.test",25,0,0,"bob@example.test"])"));
  EXPECT_EQ(p[3][0][1], json::parse(R"(["bob@example.test","Bob"])"));
}

TEST(ThunderbirdQrPayload, MapsEveryAuthenticationTheFormatKnows) {
  const std::pair<const char*, int> cases[] = {{"none", 0},
                                               {"password-cleartext", 1},
                                               {"password-encrypted", 2},
                                               {"GSSAPI", 3},
                                               {"NTLM", 4},
                                               {"TLS-client-cert", 5},
                                               {"OAuth2", 6}};
  for (const auto& [word, number] : cases) {
    auto c = imap_and_smtp();
    c.incoming.front().auth = {word};
    EXPECT_EQ(payload_of(c, {"a@domain.example", "", std::nullopt})[2][4], number) << word;
  }
  auto c = imap_and_smtp();
  c.incoming.front().auth.clear();  // clientConfig's default
  EXPECT_EQ(payload_of(c, {"a@domain.example", "", std::nullopt})[2][4], 1);
}

TEST(ThunderbirdQrPayload, NonAsciiNamesTravelAsJsonEscapes) {
  auto c = imap_and_smtp();
  c.display_name = "Surel Kantor \xC2\xB7 Jakarta";  // U+00B7
  auto text = write_thunderbird_qr_payload(c, {"a@domain.example", "Bu Sri \xE2\x9C\x89", {}});
  ASSERT_TRUE(text) << text.error().message;
  for (char ch : *text) EXPECT_LT(static_cast<unsigned char>(ch), 0x80);
  auto p = json::parse(*text);
  EXPECT_EQ(p[2][6], "Surel Kantor \xC2\xB7 Jakarta");
  EXPECT_EQ(p[3][0][1][1], "Bu Sri \xE2\x9C\x89");
}

TEST(ThunderbirdQrPayload, InvalidUtf8FromTheNetworkIsReplacedNotThrown) {
  auto c = imap_and_smtp();
  c.display_name = "bad \xFF\xFE name";
  auto text = write_thunderbird_qr_payload(c, {"a@domain.example", "", std::nullopt});
  ASSERT_TRUE(text) << text.error().message;
  EXPECT_NE(text->find("\\ufffd"), std::string::npos) << *text;
}

TEST(ThunderbirdQrPayload, RefusesWhatTheReaderWouldReject) {
  auto fails = [](const autoconfig::AccountConfig& c, const QrPayloadOptions& o) {
    auto text = write_thunderbird_qr_payload(c, o);
    return !text && text.error().kind == ErrorKind::invalid_input;
  };
  const QrPayloadOptions ok{"a@domain.example", "", std::nullopt};
  auto c = imap_and_smtp();
  for (const char* host : {"imap.b\xC3\xBC"
                           "cher.example",
                           "imap example", "imap.example\n.test", "", "imap..example", ".",
                           "imap.example.", "\"><img src=x>"}) {
    c = imap_and_smtp();
    c.incoming.front().host = host;
    EXPECT_TRUE(fails(c, ok)) << host;
  }
  c = imap_and_smtp();
  c.outgoing.front().port = 0;
  EXPECT_TRUE(fails(c, ok));
  c = imap_and_smtp();
  c.outgoing.front().username = "%EMAILADDRESS%\r\nX";
  EXPECT_TRUE(fails(c, ok));
  c = imap_and_smtp();
  c.display_name = "two\nlines";
  EXPECT_TRUE(fails(c, ok));
  c = imap_and_smtp();
  c.incoming.front().auth = {"client-IP-address"};
  EXPECT_TRUE(fails(c, ok));
  c = imap_and_smtp();
  c.outgoing.clear();
  EXPECT_TRUE(fails(c, ok));
  c = imap_and_smtp();
  c.incoming.clear();
  EXPECT_TRUE(fails(c, ok));
  c = imap_and_smtp();
  EXPECT_TRUE(fails(c, {"j\xC3\xBCrgen@domain.example", "", std::nullopt}));
  EXPECT_TRUE(fails(c, {"no-at-sign", "", std::nullopt}));
  EXPECT_TRUE(fails(c, {"a@domain.example", "Jane\nDoe", std::nullopt}));
  EXPECT_TRUE(fails(c, {"a@domain.example", "", std::string("pass\nword")}));
}

}  // namespace
}  // namespace mailassist::exporters
