#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "autoconfig/client_config_xml.hpp"
#include "exporters/client_config_writer.hpp"
#include "exporters/srv_zone.hpp"

namespace mailassist::exporters {
namespace {

using autoconfig::Protocol;
using autoconfig::Security;

autoconfig::AccountConfig example() {
  autoconfig::AccountConfig c;
  c.id = "example.test";
  c.display_name = "Example & Co <mail>";
  c.incoming.push_back({Protocol::imap,
                        "imap.example.test",
                        993,
                        Security::tls,
                        "%EMAILADDRESS%",
                        {"password-cleartext"}});
  c.incoming.push_back({Protocol::pop3,
                        "pop.example.test",
                        110,
                        Security::starttls,
                        "%EMAILLOCALPART%",
                        {"password-cleartext"}});
  c.outgoing.push_back({Protocol::smtp,
                        "smtp.example.test",
                        587,
                        Security::starttls,
                        "%EMAILADDRESS%",
                        {"password-cleartext", "OAuth2"}});
  c.pop3.leave_on_server = true;
  c.pop3.days_to_leave = 14;
  return c;
}

TEST(ClientConfigWriter, ReadsBackIntoTheSameSettings) {
  auto xml = write_client_config(example(), "example.test");
  auto back = autoconfig::parse_client_config(xml, "written.xml");
  ASSERT_TRUE(back) << back.error().message << "\n" << xml;
  EXPECT_EQ(back->incoming, example().incoming);
  EXPECT_EQ(back->outgoing, example().outgoing);
  EXPECT_EQ(back->pop3, example().pop3);
  EXPECT_EQ(back->display_name, "Example & Co <mail>");  // escaped on write, not mangled
  EXPECT_EQ(back->domains, std::vector<std::string>{"example.test"});
}

TEST(ClientConfigWriter, KeepsTheProvidersHelpPages) {
  auto config = example();
  config.help_pages = {{"https://help.example.test/app-passwords", "App passwords & you"}};
  auto back = autoconfig::parse_client_config(write_client_config(config, "example.test"), "x");
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->help_pages, config.help_pages);
}

TEST(SrvZone, PrefersImplicitTlsAndMarksWhatIsNotOffered) {
  auto zone = write_srv_zone(example(), "example.test");
  EXPECT_NE(zone.find("_imaps._tcp.example.test. 3600 IN SRV 0 1 993 imap.example.test.\n"),
            std::string::npos)
      << zone;
  EXPECT_NE(zone.find("_imap._tcp.example.test. 3600 IN SRV 0 0 0 .\n"), std::string::npos);
  EXPECT_NE(zone.find("_pop3._tcp.example.test. 3600 IN SRV 30 1 110 pop.example.test.\n"),
            std::string::npos);
  EXPECT_NE(zone.find("_pop3s._tcp.example.test. 3600 IN SRV 0 0 0 .\n"), std::string::npos);
  EXPECT_NE(zone.find("_submission._tcp.example.test. 3600 IN SRV 10 1 587 smtp.example.test.\n"),
            std::string::npos);
  EXPECT_NE(zone.find("_submissions._tcp.example.test. 3600 IN SRV 0 0 0 .\n"), std::string::npos);
}

TEST(SrvZone, IsAcceptedByNamedCheckzone) {
  // Checked by BIND's own zone parser, not by us (Debian's bind9-utils).
  if (std::system("command -v named-checkzone >/dev/null 2>&1") != 0)
    GTEST_FAIL() << "named-checkzone is missing: scripts/bootstrap installs bind9-utils";
  auto dir = std::filesystem::path(::testing::TempDir()) / "srv-zone";
  std::filesystem::create_directories(dir);
  auto file = dir / "example.test.zone";
  std::ofstream(file) << "$TTL 3600\n"
                      << "example.test. IN SOA ns.example.test. admin.example.test. "
                         "1 3600 600 86400 3600\n"
                      << "example.test. IN NS ns.example.test.\n"
                      << "ns.example.test. IN A 192.0.2.1\n"
                      << write_srv_zone(example(), "example.test");
  auto command = "named-checkzone -i local example.test " + file.string() + " > " +
                 (dir / "out.txt").string() + " 2>&1";
  int status = std::system(command.c_str());
  std::ifstream in(dir / "out.txt");
  std::stringstream output;
  output << in.rdbuf();
  EXPECT_EQ(status, 0) << output.str();
  EXPECT_NE(output.str().find("OK"), std::string::npos) << output.str();
}

}  // namespace
}  // namespace mailassist::exporters
