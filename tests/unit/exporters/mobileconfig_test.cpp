// The profile's structure, read with pugixml as a property list. Python's plistlib reads it
// too, in tests/integration/export (the check by a reader other than ours).
#include "exporters/mobileconfig.hpp"

#include <gtest/gtest.h>

#include <map>
#include <pugixml.hpp>

namespace mailassist::exporters {
namespace {

using autoconfig::Protocol;
using autoconfig::Security;
using Dict = std::map<std::string, std::string>;  // key -> value text, "true"/"false"

autoconfig::AccountConfig imap_config() {
  autoconfig::AccountConfig c;
  c.display_name = "Example & Co <mail>";
  c.incoming = {{Protocol::imap,
                 "imap.example.test",
                 993,
                 Security::tls,
                 "%EMAILADDRESS%",
                 {"password-cleartext"}}};
  c.outgoing = {{Protocol::smtp,
                 "smtp.example.test",
                 587,
                 Security::starttls,
                 "%EMAILADDRESS%",
                 {"password-cleartext"}}};
  return c;
}

Dict read_dict(const pugi::xml_node& dict) {
  Dict out;
  std::string key;
  for (auto node : dict.children()) {
    std::string name = node.name();
    if (name == "key") {
      key = node.text().get();
      EXPECT_EQ(out.count(key), 0u) << key << " twice";
    } else if (name == "true" || name == "false") {
      out[key] = name;
    } else if (name == "string" || name == "integer") {
      out[key] = std::string(name == "integer" ? "#" : "") + node.text().get();
    } else {
      out[key] = "<" + name + ">";
    }
  }
  return out;
}

struct Profile {
  Dict top;
  Dict mail;
};

Profile parse(const std::string& xml) {
  pugi::xml_document doc;
  auto parsed = doc.load_string(xml.c_str(), pugi::parse_default | pugi::parse_doctype);
  EXPECT_TRUE(parsed) << parsed.description();
  auto root = doc.child("plist").child("dict");
  Profile profile{read_dict(root), {}};
  for (auto node : root.children("key")) {
    if (std::string(node.text().get()) == "PayloadContent") {
      auto array = node.next_sibling();
      EXPECT_EQ(std::distance(array.children().begin(), array.children().end()), 1);
      profile.mail = read_dict(array.child("dict"));
    }
  }
  return profile;
}

MobileconfigOptions options() {
  return {"alice@example.test", std::nullopt, "11111111-1111-4111-8111-111111111111",
          "22222222-2222-4222-8222-222222222222"};
}

TEST(Mobileconfig, ImapAccountInAConfigurationPayload) {
  auto written = write_mobileconfig(imap_config(), options());
  ASSERT_TRUE(written) << written.error().message;
  EXPECT_TRUE(written->warnings.empty());
  EXPECT_NE(written->text.find("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\""),
            std::string::npos);
  auto profile = parse(written->text);
  EXPECT_EQ(
      profile.top,
      (Dict{{"PayloadContent", "<array>"},
            {"PayloadType", "Configuration"},
            {"PayloadVersion", "#1"},
            {"PayloadIdentifier", "test.example.mailassist.alice@example.test"},
            {"PayloadUUID", "11111111-1111-4111-8111-111111111111"},
            {"PayloadDisplayName", "Example & Co <mail> mail (alice@example.test)"},
            {"PayloadDescription", "Adds the mail account alice@example.test. Made by MailAssist."},
            {"PayloadRemovalDisallowed", "false"}}));
  EXPECT_EQ(profile.mail,
            (Dict{{"PayloadType", "com.apple.mail.managed"},
                  {"PayloadVersion", "#1"},
                  {"PayloadIdentifier", "test.example.mailassist.alice@example.test.mail"},
                  {"PayloadUUID", "22222222-2222-4222-8222-222222222222"},
                  {"PayloadDisplayName", "Example & Co <mail> (alice@example.test)"},
                  {"EmailAccountDescription", "Example & Co <mail>"},
                  {"EmailAccountType", "EmailTypeIMAP"},
                  {"EmailAddress", "alice@example.test"},
                  {"IncomingMailServerHostName", "imap.example.test"},
                  {"IncomingMailServerPortNumber", "#993"},
                  {"IncomingMailServerUseSSL", "true"},
                  {"IncomingMailServerUsername", "alice@example.test"},
                  {"IncomingMailServerAuthentication", "EmailAuthPassword"},
                  {"OutgoingMailServerHostName", "smtp.example.test"},
                  {"OutgoingMailServerPortNumber", "#587"},
                  {"OutgoingMailServerUseSSL", "true"},
                  {"OutgoingMailServerUsername", "alice@example.test"},
                  {"OutgoingMailServerAuthentication", "EmailAuthPassword"},
                  {"OutgoingPasswordSameAsIncomingPassword", "true"}}));
}

TEST(Mobileconfig, Pop3WithItsOwnLoginAndAPlainRelay) {
  auto config = imap_config();
  config.incoming = {{Protocol::pop3,
                      "pop.example.test",
                      995,
                      Security::tls,
                      "%EMAILLOCALPART%",
                      {"password-encrypted"}}};
  config.outgoing = {
      {Protocol::smtp, "relay.example.test", 25, Security::none, "%EMAILADDRESS%", {"none"}}};
  auto written = write_mobileconfig(config, options());
  ASSERT_TRUE(written);
  auto mail = parse(written->text).mail;
  EXPECT_EQ(mail["EmailAccountType"], "EmailTypePOP");
  EXPECT_EQ(mail["IncomingMailServerUsername"], "alice");
  EXPECT_EQ(mail["IncomingMailServerAuthentication"], "EmailAuthCRAMMD5");
  EXPECT_EQ(mail["OutgoingMailServerUseSSL"], "false");
  EXPECT_EQ(mail["OutgoingMailServerAuthentication"], "EmailAuthNone");
  EXPECT_EQ(mail["OutgoingPasswordSameAsIncomingPassword"], "false");
  ASSERT_EQ(written->warnings.size(), 1u);
  EXPECT_NE(written->warnings[0].find("without any encryption"), std::string::npos);
}

TEST(Mobileconfig, ThePasswordIsWrittenOnlyWhenGiven) {
  auto without = write_mobileconfig(imap_config(), options());
  ASSERT_TRUE(without);
  EXPECT_EQ(without->text.find("<key>IncomingPassword</key>"), std::string::npos);
  EXPECT_EQ(without->text.find("<key>OutgoingPassword</key>"), std::string::npos);
  EXPECT_EQ(parse(without->text).mail.count("IncomingPassword"), 0u);

  auto with_password = options();
  with_password.password = "s3cret&<";
  auto with = write_mobileconfig(imap_config(), with_password);
  ASSERT_TRUE(with);
  auto mail = parse(with->text).mail;
  EXPECT_EQ(mail["IncomingPassword"], "s3cret&<");
  EXPECT_EQ(mail["OutgoingPassword"], "s3cret&<");
  ASSERT_EQ(with->warnings.size(), 1u);
  EXPECT_NE(with->warnings[0].find("clear text"), std::string::npos);
}

TEST(Mobileconfig, FreshUuidsWhenNoneAreGiven) {
  MobileconfigOptions fresh{"alice@example.test", std::nullopt, "", ""};
  auto first = write_mobileconfig(imap_config(), fresh);
  auto second = write_mobileconfig(imap_config(), fresh);
  ASSERT_TRUE(first && second);
  auto a = parse(first->text);
  auto b = parse(second->text);
  EXPECT_NE(a.top["PayloadUUID"], b.top["PayloadUUID"]);
  EXPECT_NE(a.mail["PayloadUUID"], b.mail["PayloadUUID"]);
  EXPECT_NE(a.top["PayloadUUID"], a.mail["PayloadUUID"]);
  EXPECT_EQ(a.top["PayloadIdentifier"], b.top["PayloadIdentifier"]);  // stable
}

TEST(Mobileconfig, ControlCharactersNeverReachTheXml) {
  auto config = imap_config();
  config.display_name = std::string("Bad\x01Name\x1b");
  auto written = write_mobileconfig(config, options());
  ASSERT_TRUE(written);
  EXPECT_EQ(written->text.find("&#"), std::string::npos);
  EXPECT_EQ(written->text.find('\x01'), std::string::npos);
  EXPECT_EQ(parse(written->text).mail["EmailAccountDescription"], "Bad Name ");
}

TEST(Mobileconfig, NeedsBothServers) {
  auto config = imap_config();
  config.outgoing.clear();
  auto written = write_mobileconfig(config, options());
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().kind, ErrorKind::invalid_input);
}

TEST(Mobileconfig, ReverseDns) {
  EXPECT_EQ(reverse_dns("example.test"), "test.example");
  EXPECT_EQ(reverse_dns("mail.example.co.id"), "id.co.example.mail");
  EXPECT_EQ(reverse_dns("localhost"), "localhost");
  EXPECT_EQ(reverse_dns(""), "");
}

}  // namespace
}  // namespace mailassist::exporters
