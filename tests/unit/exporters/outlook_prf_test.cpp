// The PRF is read back as the INI file Outlook reads, by a reader written here from the INI
// rules (sections, key=value, ';' comments, CRLF), and compared key by key.
#include "exporters/outlook_prf.hpp"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace mailassist::exporters {
namespace {

using autoconfig::Protocol;
using autoconfig::Security;
using Ini = std::map<std::string, std::map<std::string, std::string>>;

Ini read_ini(const std::string& text) {
  Ini ini;
  std::string section;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    EXPECT_EQ(line.find('\r'), std::string::npos) << "a bare CR in: " << line;
    if (line.empty() || line.front() == ';') continue;
    if (line.front() == '[') {
      EXPECT_EQ(line.back(), ']') << line;
      section = line.substr(1, line.size() - 2);
      EXPECT_EQ(ini.count(section), 0u) << "section [" << section << "] twice";
      ini[section];
      continue;
    }
    auto equals = line.find('=');
    EXPECT_NE(equals, std::string::npos) << "not key=value: " << line;
    EXPECT_FALSE(section.empty()) << "a key before any section: " << line;
    auto key = line.substr(0, equals);
    EXPECT_EQ(ini[section].count(key), 0u) << key << " twice in [" << section << "]";
    ini[section][key] = line.substr(equals + 1);
  }
  return ini;
}

autoconfig::ServerConfig server(Protocol protocol, std::string host, std::uint16_t port,
                                Security security, std::string username = "%EMAILADDRESS%") {
  return {protocol, std::move(host), port, security, std::move(username), {"password-cleartext"}};
}

autoconfig::AccountConfig imap_tls() {
  autoconfig::AccountConfig c;
  c.display_name = "Example Mail";
  c.incoming.push_back(server(Protocol::imap, "imap.example.test", 993, Security::tls));
  c.outgoing.push_back(server(Protocol::smtp, "smtp.example.test", 465, Security::tls));
  return c;
}

Ini export_ini(const autoconfig::AccountConfig& config, ExportedText* exported = nullptr) {
  auto prf = write_outlook_prf(config, "alice@example.test");
  EXPECT_TRUE(prf) << prf.error().message;
  if (!prf) return {};
  if (exported) *exported = *prf;
  return read_ini(prf->text);
}

void expect_keys(const std::map<std::string, std::string>& section,
                 const std::map<std::string, std::string>& expected) {
  for (const auto& [key, value] : expected) {
    auto found = section.find(key);
    if (found == section.end()) {
      ADD_FAILURE() << "no " << key;
    } else {
      EXPECT_EQ(found->second, value) << key;
    }
  }
}

TEST(OutlookPrf, ImapWithImplicitTls) {
  ExportedText exported;
  auto ini = export_ini(imap_tls(), &exported);
  EXPECT_TRUE(exported.warnings.empty());
  expect_keys(ini["General"], {{"Custom", "1"},
                               {"ProfileName", "alice@example.test"},
                               {"DefaultProfile", "Yes"},
                               {"OverwriteProfile", "Append"}});
  EXPECT_EQ(ini["Internet Account List"],
            (std::map<std::string, std::string>{{"Account1", "IMAP_I_Mail"}}));
  EXPECT_EQ(ini["Account1"],
            (std::map<std::string, std::string>{{"AccountName", "Example Mail"},
                                                {"DisplayName", "alice@example.test"},
                                                {"EmailAddress", "alice@example.test"},
                                                {"IMAPServer", "imap.example.test"},
                                                {"IMAPUserName", "alice@example.test"},
                                                {"IMAPPort", "993"},
                                                {"IMAPUseSSL", "1"},
                                                {"IMAPUseSPA", "0"},
                                                {"SMTPServer", "smtp.example.test"},
                                                {"SMTPPort", "465"},
                                                {"SMTPSecureConnection", "1"},
                                                {"SMTPUseAuth", "1"},
                                                {"SMTPUseSPA", "0"},
                                                {"SMTPAuthMethod", "0"}}));
  // The fixed mapping sections Outlook needs to know what each key sets.
  expect_keys(ini["IMAP_I_Mail"], {{"AccountType", "IMAP"},
                                   {"IMAPServer", "PT_UNICODE,0x0100"},
                                   {"IMAPUseSSL", "PT_LONG,0x0105"},
                                   {"SMTPSecureConnection", "PT_LONG,0x020A"},
                                   {"SMTPAuthMethod", "PT_LONG,0x0208"}});
  expect_keys(ini["I_Mail"], {{"AccountType", "POP3"}, {"LeaveOnServer", "PT_LONG,0x1000"}});
  expect_keys(ini["Outlook Address Book"], {{"ServiceName", "CONTAB"}});
  // No password anywhere, under any name.
  for (const auto& [name, keys] : ini)
    for (const auto& [key, value] : keys)
      EXPECT_EQ(key.find("Password"), std::string::npos) << name << "/" << key;
}

TEST(OutlookPrf, Pop3LeavesMailOnTheServerForSomeDays) {
  auto config = imap_tls();
  config.incoming = {
      server(Protocol::pop3, "pop.example.test", 995, Security::tls, "%EMAILLOCALPART%")};
  config.pop3 = {true, 14};
  auto ini = export_ini(config);
  EXPECT_EQ(ini["Internet Account List"]["Account1"], "I_Mail");
  auto& account = ini["Account1"];
  expect_keys(account, {{"POP3Server", "pop.example.test"},
                        {"POP3UserName", "alice"},
                        {"POP3Port", "995"},
                        {"POP3UseSSL", "1"},
                        // LEAVE_ON_SERVER | REMOVE_AFTER, 14 days in the high 16 bits.
                        {"LeaveOnServer", std::to_string((14u << 16) | 0x1u | 0x2u)},
                        // The SMTP login differs from the POP3 one: its own user name.
                        {"SMTPAuthMethod", "1"},
                        {"SMTPUserName", "alice@example.test"}});
  EXPECT_EQ(account.count("IMAPServer"), 0u);

  config.pop3 = {true, 0};  // kept for ever
  EXPECT_EQ(export_ini(config)["Account1"]["LeaveOnServer"], "1");
  config.pop3 = {false, 0};
  EXPECT_EQ(export_ini(config)["Account1"]["LeaveOnServer"], "0");
}

TEST(OutlookPrf, SmtpStarttlsIsSecureConnection2) {
  auto config = imap_tls();
  config.outgoing = {server(Protocol::smtp, "smtp.example.test", 587, Security::starttls)};
  ExportedText exported;
  auto ini = export_ini(config, &exported);
  expect_keys(ini["Account1"], {{"SMTPPort", "587"}, {"SMTPSecureConnection", "2"}});
  EXPECT_TRUE(exported.warnings.empty()) << exported.warnings.front();

  config.outgoing = {server(Protocol::smtp, "smtp.example.test", 25, Security::none)};
  config.outgoing[0].auth = {"none"};
  ini = export_ini(config, &exported);
  expect_keys(ini["Account1"], {{"SMTPSecureConnection", "0"}, {"SMTPUseAuth", "0"}});
  EXPECT_EQ(ini["Account1"].count("SMTPAuthMethod"), 0u);
  ASSERT_EQ(exported.warnings.size(), 1u);
  EXPECT_NE(exported.warnings[0].find("without any encryption"), std::string::npos);
}

TEST(OutlookPrf, StarttlsOnlyIncomingFailsClosedAndWarns) {
  auto config = imap_tls();
  config.incoming = {server(Protocol::imap, "imap.example.test", 143, Security::starttls)};
  ExportedText exported;
  auto ini = export_ini(config, &exported);
  // TLS from the first byte on 143 fails before a password is sent; "0" would send it.
  expect_keys(ini["Account1"], {{"IMAPPort", "143"}, {"IMAPUseSSL", "1"}});
  ASSERT_EQ(exported.warnings.size(), 1u);
  EXPECT_NE(exported.warnings[0].find("STARTTLS"), std::string::npos);
  EXPECT_NE(exported.warnings[0].find("imap.example.test:143"), std::string::npos);
  EXPECT_NE(exported.text.find("; IMAP is offered here only with STARTTLS"), std::string::npos);
}

TEST(OutlookPrf, StarttlsIncomingGivesWayToImplicitTlsOfTheSameProtocol) {
  auto config = imap_tls();
  config.incoming = {server(Protocol::imap, "imap.example.test", 143, Security::starttls),
                     server(Protocol::pop3, "pop.example.test", 995, Security::tls),
                     server(Protocol::imap, "imap.example.test", 993, Security::tls)};
  ExportedText exported;
  auto ini = export_ini(config, &exported);
  expect_keys(ini["Account1"], {{"IMAPPort", "993"}, {"IMAPUseSSL", "1"}});
  EXPECT_TRUE(exported.warnings.empty());
}

TEST(OutlookPrf, ANameFromTheNetworkCannotAddSectionsOrKeys) {
  auto config = imap_tls();
  config.display_name = "Evil\r\n[General]\r\nOverwriteProfile=Yes";
  auto ini = export_ini(config);  // read_ini fails the test on a repeated section or key
  EXPECT_EQ(ini["General"]["OverwriteProfile"], "Append");
  EXPECT_EQ(ini["Account1"]["AccountName"], "Evil  [General]  OverwriteProfile=Yes");
}

TEST(OutlookPrf, OAuth2CannotBeWrittenAndSaysSo) {
  auto config = imap_tls();
  config.incoming[0].auth = {"OAuth2", "password-cleartext"};
  ExportedText exported;
  auto ini = export_ini(config, &exported);
  ASSERT_EQ(exported.warnings.size(), 1u);
  EXPECT_NE(exported.warnings[0].find("OAuth2"), std::string::npos);
  EXPECT_EQ(ini["Account1"]["IMAPUseSPA"], "0");
}

TEST(OutlookPrf, NonAsciiNamesAreWrittenWithAWarning) {
  auto config = imap_tls();
  config.display_name = "Surel Bandung \xE2\x80\x93 Kantor";  // an en dash
  ExportedText exported;
  auto ini = export_ini(config, &exported);
  EXPECT_EQ(ini["Account1"]["AccountName"], config.display_name);
  ASSERT_EQ(exported.warnings.size(), 1u);
  EXPECT_NE(exported.warnings[0].find("Windows code page"), std::string::npos);
}

TEST(OutlookPrf, NeedsAnIncomingAndAnOutgoingServer) {
  auto config = imap_tls();
  config.outgoing.clear();
  auto prf = write_outlook_prf(config, "alice@example.test");
  ASSERT_FALSE(prf);
  EXPECT_EQ(prf.error().kind, ErrorKind::invalid_input);
  config = imap_tls();
  config.incoming.clear();
  EXPECT_FALSE(write_outlook_prf(config, "alice@example.test"));
}

}  // namespace
}  // namespace mailassist::exporters
