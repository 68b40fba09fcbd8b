// `mailassist export autodiscover` hosted where Outlook looks for it, on the local internet
// (tests/fixtures/internet, scenario "export-autodiscover"), and found again by `detect`:
// the file goes through nginx, our HTTPS client and our Autodiscover reader.
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

TEST(ExportAutodiscover, TheHostedFileIsFoundByDetect) {
  const auto& env = InternetEnvironment::get();
  const auto& scenario = env.scenario("export-autodiscover");
  ASSERT_TRUE(scenario.best.has_value());

  auto work = fs::path(::testing::TempDir()) / "export-autodiscover";
  fs::create_directories(work);
  auto input = work / "input.xml";
  std::ofstream(input) << client_config(scenario);

  // nginx serves DIR/www/HOST/PATH to any worker user: directories 755, file 644.
  auto site = env.dir / "www" / ("autodiscover." + scenario.domain);
  auto file = site / "autodiscover" / "autodiscover.xml";
  fs::create_directories(file.parent_path());
  auto exported = run_cli(
      {"export", "autodiscover", scenario.email, "--config", input.string(), "-o", file.string()},
      std::nullopt);
  ASSERT_EQ(exported.exit_code(), 0) << exported.trace();
  EXPECT_EQ(exported.process.err, "") << exported.trace();
  const auto readable = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                        fs::perms::others_read | fs::perms::others_exec;
  fs::permissions(site, readable);
  fs::permissions(file.parent_path(), readable);
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                            fs::perms::others_read);

  auto run = detect(scenario);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  expect_best(run, *scenario.best);
  const auto* found = lookup(*run.json, "autodiscover", scenario.best->url);
  ASSERT_NE(found, nullptr) << run.trace();
  EXPECT_EQ((*found)["result"], "found") << run.trace();
  // Exactly the servers exported: nothing added on the way.
  const auto& best = (*run.json)["configs"][0];
  EXPECT_EQ(best["incoming"].size() + best["outgoing"].size(), scenario.best->servers.size())
      << run.trace();
  EXPECT_EQ(best["incoming"][0]["username"], scenario.email) << run.trace();
}

}  // namespace
}  // namespace mailassist::testing
