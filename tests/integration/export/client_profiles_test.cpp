// `mailassist export outlook-prf` and `export mobileconfig`, read by readers that are not
// ours: Python's configparser (the INI rules Outlook's PRF follows) and Python's plistlib
// (Apple's property list format). Each export's input is a clientConfig file written here.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "cli_runner.hpp"
#include "subprocess.hpp"

namespace mailassist::testing {
namespace {

namespace fs = std::filesystem;

fs::path work_dir() {
  auto dir = fs::path(::testing::TempDir()) / "export-profiles";
  fs::create_directories(dir);
  return dir;
}

// A clientConfig v1.1 file with one server per line "TYPE HOST PORT SOCKET USERNAME".
fs::path client_config(const std::string& name, const std::vector<std::string>& servers,
                       const std::string& pop3_extra = "") {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">\n"
      "<emailProvider id=\"example.test\"><domain>example.test</domain>\n"
      "<displayName>Example Mail</displayName>\n";
  for (const auto& line : servers) {
    std::istringstream in(line);
    std::string type, host, port, socket, username;
    in >> type >> host >> port >> socket >> username;
    const char* tag = type == "smtp" ? "outgoingServer" : "incomingServer";
    xml += std::string("<") + tag + " type=\"" + type + "\"><hostname>" + host +
           "</hostname><port>" + port + "</port><socketType>" + socket + "</socketType><username>" +
           username + "</username><authentication>password-cleartext</authentication>" +
           (type == "pop3" ? pop3_extra : "") + "</" + tag + ">\n";
  }
  xml += "</emailProvider></clientConfig>\n";
  auto file = work_dir() / (name + ".xml");
  std::ofstream(file) << xml;
  return file;
}

// Runs `python3 -c SCRIPT ARGS...` and parses the JSON it prints.
nlohmann::json python_json(const std::string& script, const std::vector<std::string>& args) {
  // The build found python3 (find_program); scripts/bootstrap installs it.
  const std::string python = MAILASSIST_PYTHON3;
  if (python.empty() || python.find("NOTFOUND") != std::string::npos) {
    ADD_FAILURE() << "python3 was not found when the build was configured";
    return {};
  }
  std::vector<std::string> argv{python, "-c", script};
  argv.insert(argv.end(), args.begin(), args.end());
  auto result = run_process(argv, "", std::chrono::seconds(60));
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  try {
    return nlohmann::json::parse(result.out);
  } catch (const nlohmann::json::exception& error) {
    ADD_FAILURE() << error.what() << "\n" << describe(result);
    return {};
  }
}

// configparser, strict (a repeated section or key is an error), keys kept as written, no
// %-interpolation: {"Section": {"Key": "value"}}.
constexpr const char* kReadPrf = R"(
import configparser, json, sys
ini = configparser.ConfigParser(strict=True, interpolation=None)
ini.optionxform = str
with open(sys.argv[1], encoding='utf-8', newline='') as f:
    text = f.read()
assert '\n' not in text.replace('\r\n', ''), 'a line ending that is not CRLF'
ini.read_string(text)
print(json.dumps({s: dict(ini[s]) for s in ini.sections()}))
)";

CliRun export_to(const std::string& format, const fs::path& config, const fs::path& out,
                 std::vector<std::string> extra = {},
                 const std::optional<std::string>& password = std::nullopt) {
  auto run = run_cli(std::vector<std::string>{"export", format, "alice@example.test", "--config",
                                              config.string(), "-o", out.string()} +
                         extra,
                     password);
  EXPECT_EQ(run.exit_code(), 0) << run.trace();
  return run;
}

TEST(ExportOutlookPrf, ImapTlsWithSmtpStarttlsReadByConfigparser) {
  auto config = client_config("imap-tls", {"imap imap.example.test 993 SSL %EMAILADDRESS%",
                                           "smtp smtp.example.test 587 STARTTLS %EMAILADDRESS%"});
  auto prf = work_dir() / "imap-tls.prf";
  auto run = export_to("outlook-prf", config, prf);
  EXPECT_EQ(run.process.err, "") << run.trace();  // nothing to warn about
  auto ini = python_json(kReadPrf, {prf.string()});
  EXPECT_EQ(ini["General"]["ProfileName"], "alice@example.test");
  EXPECT_EQ(ini["Internet Account List"], (nlohmann::json{{"Account1", "IMAP_I_Mail"}}));
  EXPECT_EQ(ini["Account1"], (nlohmann::json{{"AccountName", "Example Mail"},
                                             {"DisplayName", "alice@example.test"},
                                             {"EmailAddress", "alice@example.test"},
                                             {"IMAPServer", "imap.example.test"},
                                             {"IMAPUserName", "alice@example.test"},
                                             {"IMAPPort", "993"},
                                             {"IMAPUseSSL", "1"},
                                             {"IMAPUseSPA", "0"},
                                             {"SMTPServer", "smtp.example.test"},
                                             {"SMTPPort", "587"},
                                             {"SMTPSecureConnection", "2"},
                                             {"SMTPUseAuth", "1"},
                                             {"SMTPUseSPA", "0"},
                                             {"SMTPAuthMethod", "0"}}))
      << ini.dump(2);
  EXPECT_EQ(ini["IMAP_I_Mail"]["IMAPUseSSL"], "PT_LONG,0x0105");
  EXPECT_EQ(ini["I_Mail"]["LeaveOnServer"], "PT_LONG,0x1000");
}

TEST(ExportOutlookPrf, Pop3LeavesMailOnTheServerForSevenDays) {
  auto config =
      client_config("pop3-days",
                    {"pop3 pop.example.test 995 SSL %EMAILLOCALPART%",
                     "smtp smtp.example.test 465 SSL %EMAILADDRESS%"},
                    "<pop3><leaveMessagesOnServer>true</leaveMessagesOnServer>"
                    "<daysToLeaveMessagesOnServer>7</daysToLeaveMessagesOnServer></pop3>");
  auto prf = work_dir() / "pop3-days.prf";
  export_to("outlook-prf", config, prf);
  auto ini = python_json(kReadPrf, {prf.string()});
  EXPECT_EQ(ini["Internet Account List"]["Account1"], "I_Mail");
  const auto& account = ini["Account1"];
  EXPECT_EQ(account["POP3Server"], "pop.example.test");
  EXPECT_EQ(account["POP3UserName"], "alice");
  EXPECT_EQ(account["POP3Port"], "995");
  EXPECT_EQ(account["POP3UseSSL"], "1");
  // LEAVE_ON_SERVER (0x1) | REMOVE_AFTER (0x2), 7 days in the high 16 bits.
  EXPECT_EQ(account["LeaveOnServer"], std::to_string((7 << 16) | 0x3));
  EXPECT_EQ(account["SMTPSecureConnection"], "1");
  EXPECT_EQ(account["SMTPAuthMethod"], "1");  // its own login, not the POP3 one
  EXPECT_EQ(account["SMTPUserName"], "alice@example.test");
  EXPECT_FALSE(account.contains("IMAPServer"));
}

TEST(ExportOutlookPrf, StarttlsOnlyIncomingIsWrittenClosedAndWarnedAbout) {
  auto config =
      client_config("imap-starttls", {"imap imap.example.test 143 STARTTLS %EMAILADDRESS%",
                                      "smtp smtp.example.test 587 STARTTLS %EMAILADDRESS%"});
  auto prf = work_dir() / "imap-starttls.prf";
  auto run = export_to("outlook-prf", config, prf);
  EXPECT_NE(run.process.err.find("warning:"), std::string::npos) << run.trace();
  EXPECT_NE(run.process.err.find("STARTTLS, which an Outlook PRF cannot express"),
            std::string::npos)
      << run.trace();
  auto ini = python_json(kReadPrf, {prf.string()});
  EXPECT_EQ(ini["Account1"]["IMAPPort"], "143");
  EXPECT_EQ(ini["Account1"]["IMAPUseSSL"], "1");  // fails before a password is sent
}

// plistlib reads both profiles; everything but the PayloadUUIDs must be equal, and those
// must be four distinct version 4 UUIDs. Prints the first profile.
constexpr const char* kReadProfiles = R"(
import json, plistlib, sys, uuid
with open(sys.argv[1], 'rb') as f: a = plistlib.load(f)
with open(sys.argv[2], 'rb') as f: b = plistlib.load(f)
uuids = []
for p in (a, b):
    uuids.append(p.pop('PayloadUUID'))
    for inner in p['PayloadContent']: uuids.append(inner.pop('PayloadUUID'))
assert a == b, 'the profiles differ in more than their UUIDs'
assert len(set(uuids)) == 4, uuids
assert all(uuid.UUID(u).version == 4 for u in uuids), uuids
print(json.dumps(a))
)";

TEST(ExportMobileconfig, PlistlibReadsTheMailPayloadAndOnlyUuidsChange) {
  auto config = client_config("apple", {"imap imap.example.test 993 SSL %EMAILADDRESS%",
                                        "smtp smtp.example.test 587 STARTTLS %EMAILADDRESS%"});
  auto first = work_dir() / "first.mobileconfig";
  auto second = work_dir() / "second.mobileconfig";
  export_to("mobileconfig", config, first);
  export_to("mobileconfig", config, second);
  auto profile = python_json(kReadProfiles, {first.string(), second.string()});
  EXPECT_EQ(profile["PayloadType"], "Configuration");
  EXPECT_EQ(profile["PayloadVersion"], 1);
  EXPECT_EQ(profile["PayloadIdentifier"], "test.example.mailassist.alice@example.test");
  EXPECT_EQ(profile["PayloadDisplayName"], "Example Mail mail (alice@example.test)");
  ASSERT_EQ(profile["PayloadContent"].size(), 1u) << profile.dump(2);
  auto mail = profile["PayloadContent"][0];
  EXPECT_EQ(mail, (nlohmann::json{
                      {"PayloadType", "com.apple.mail.managed"},
                      {"PayloadVersion", 1},
                      {"PayloadIdentifier", "test.example.mailassist.alice@example.test.mail"},
                      {"PayloadDisplayName", "Example Mail (alice@example.test)"},
                      {"EmailAccountDescription", "Example Mail"},
                      {"EmailAccountType", "EmailTypeIMAP"},
                      {"EmailAddress", "alice@example.test"},
                      {"IncomingMailServerHostName", "imap.example.test"},
                      {"IncomingMailServerPortNumber", 993},
                      {"IncomingMailServerUseSSL", true},
                      {"IncomingMailServerUsername", "alice@example.test"},
                      {"IncomingMailServerAuthentication", "EmailAuthPassword"},
                      {"OutgoingMailServerHostName", "smtp.example.test"},
                      {"OutgoingMailServerPortNumber", 587},
                      {"OutgoingMailServerUseSSL", true},
                      {"OutgoingMailServerUsername", "alice@example.test"},
                      {"OutgoingMailServerAuthentication", "EmailAuthPassword"},
                      {"OutgoingPasswordSameAsIncomingPassword", true}}))
      << mail.dump(2);
}

// The com.apple.mail.managed payload of one profile, as plistlib reads it.
constexpr const char* kReadMailPayload = R"(
import json, plistlib, sys
with open(sys.argv[1], 'rb') as f: print(json.dumps(plistlib.load(f)['PayloadContent'][0]))
)";

TEST(ExportMobileconfig, ThePasswordOnlyWithIncludePasswordAndThenTheFileIsPrivate) {
  auto config = client_config("apple-pop", {"pop3 pop.example.test 995 SSL %EMAILADDRESS%",
                                            "smtp smtp.example.test 465 SSL %EMAILADDRESS%"});
  auto with = work_dir() / "with-password.mobileconfig";
  fs::remove(with);
  auto run = export_to("mobileconfig", config, with, {"--include-password", "--password-stdin"},
                       "pa$$ word&<1");
  EXPECT_NE(run.process.err.find("clear text"), std::string::npos) << run.trace();
  auto read_one = python_json(kReadMailPayload, {with.string()});
  EXPECT_EQ(read_one["EmailAccountType"], "EmailTypePOP");
  EXPECT_EQ(read_one["IncomingPassword"], "pa$$ word&<1");
  EXPECT_EQ(read_one["OutgoingPassword"], "pa$$ word&<1");
  EXPECT_EQ(fs::status(with).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);

  auto without = work_dir() / "without-password.mobileconfig";
  export_to("mobileconfig", config, without);
  auto plain = python_json(kReadMailPayload, {without.string()});
  EXPECT_FALSE(plain.contains("IncomingPassword"));
  EXPECT_FALSE(plain.contains("OutgoingPassword"));
}

TEST(ExportMobileconfig, IncludePasswordIsAUsageErrorForOtherFormats) {
  auto config = client_config("usage", {"imap imap.example.test 993 SSL %EMAILADDRESS%",
                                        "smtp smtp.example.test 465 SSL %EMAILADDRESS%"});
  auto run = run_cli({"export", "outlook-prf", "alice@example.test", "--config", config.string(),
                      "--include-password", "--password-stdin"},
                     "secret");
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
  EXPECT_EQ(run.process.out, "");
}

}  // namespace
}  // namespace mailassist::testing
