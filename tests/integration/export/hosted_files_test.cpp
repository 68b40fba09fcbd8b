// Exported files hosted where clients look for them, on the local internet
// (tests/fixtures/internet), and found again by `detect`: `export autodiscover` at
// autodiscover.DOMAIN (scenario "export-autodiscover") and `export thunderbird` at
// autoconfig.DOMAIN (scenario "export-autoconfig"). Each file goes through nginx, our HTTPS
// client and our reader of that format.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"
#include "detect_output.hpp"
#include "internet_environment.hpp"

namespace mailassist::testing {
namespace {

namespace fs = std::filesystem;

// The clientConfig input of the export: the scenario's expected servers.
std::string client_config(const InternetScenario& scenario) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<clientConfig version=\"1.1\">\n"
      "<emailProvider id=\"" +
      scenario.domain + "\"><domain>" + scenario.domain + "</domain>\n";
  for (const auto& server : scenario.best->servers) {
    const char* tag = server.protocol == "smtp" ? "outgoingServer" : "incomingServer";
    const char* socket = server.security == "tls"        ? "SSL"
                         : server.security == "starttls" ? "STARTTLS"
                                                         : "plain";
    xml += std::string("<") + tag + " type=\"" + server.protocol + "\"><hostname>" + server.host +
           "</hostname><port>" + std::to_string(server.port) + "</port><socketType>" + socket +
           "</socketType><username>%EMAILADDRESS%</username>"
           "<authentication>password-cleartext</authentication></" +
           tag + ">\n";
  }
  return xml + "</emailProvider></clientConfig>\n";
}

// Exports SCENARIO's servers in FORMAT into the web root at HOST/PATH, readable by nginx's
// worker, then runs detect and checks that LOOKUP found exactly those servers there.
void expect_hosted_export_found(const std::string& scenario_name, const std::string& format,
                                const std::string& host, const fs::path& path,
                                const std::string& lookup_kind) {
  const auto& env = InternetEnvironment::get();
  const auto& scenario = env.scenario(scenario_name);
  ASSERT_TRUE(scenario.best.has_value());

  auto work = fs::path(::testing::TempDir()) / scenario_name;
  fs::create_directories(work);
  auto input = work / "input.xml";
  std::ofstream(input) << client_config(scenario);

  // nginx serves DIR/www/HOST/PATH to any worker user: directories 755, file 644.
  auto site = env.dir / "www" / host;
  auto file = site / path;
  fs::create_directories(file.parent_path());
  auto exported =
      run_cli({"export", format, scenario.email, "--config", input.string(), "-o", file.string()},
              std::nullopt);
  ASSERT_EQ(exported.exit_code(), 0) << exported.trace();
  EXPECT_EQ(exported.process.err, "") << exported.trace();
  const auto readable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec;
  for (auto dir = file.parent_path(); dir != env.dir / "www"; dir = dir.parent_path()) {
    fs::permissions(dir, readable);
  }
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read);

  auto run = detect(scenario);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  expect_best(run, *scenario.best);
  const auto* found = lookup(*run.json, lookup_kind, scenario.best->url);
  ASSERT_NE(found, nullptr) << run.trace();
  EXPECT_EQ((*found)["result"], "found") << run.trace();
  // Exactly the servers exported: nothing added on the way.
  const auto& best = (*run.json)["configs"][0];
  EXPECT_EQ(best["incoming"].size() + best["outgoing"].size(), scenario.best->servers.size())
      << run.trace();
  EXPECT_EQ(best["incoming"][0]["username"], scenario.email) << run.trace();
}

TEST(ExportAutodiscover, TheHostedFileIsFoundByDetect) {
  expect_hosted_export_found("export-autodiscover", "autodiscover", "autodiscover.example.test",
                             "autodiscover/autodiscover.xml", "autodiscover");
}

TEST(ExportThunderbird, TheHostedFileIsFoundByDetect) {
  expect_hosted_export_found("export-autoconfig", "thunderbird", "autoconfig.tb-export.test",
                             "mail/config-v1.1.xml", "autoconfig");
}

}  // namespace
}  // namespace mailassist::testing
