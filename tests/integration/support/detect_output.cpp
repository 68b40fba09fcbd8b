#include "detect_output.hpp"

#include <gtest/gtest.h>

namespace mailassist::testing {

using nlohmann::json;

CliRun detect(const InternetScenario& scenario, const std::vector<std::string>& options,
              int timeout_seconds) {
  std::vector<std::string> args{"detect", scenario.email, "--json", "--timeout",
                                std::to_string(timeout_seconds)};
  return run_cli(args + InternetEnvironment::get().detect_args + options, std::nullopt);
}

CliRun detect(const InternetScenario& scenario) {
  return detect(scenario, scenario.options);
}

bool has_server(const json& config, const ExpectedServer& s) {
  for (const char* direction : {"incoming", "outgoing"}) {
    for (const auto& server : config[direction]) {
      if (server["protocol"] == s.protocol && server["host"] == s.host &&
          server["port"] == s.port && server["security"] == s.security)
        return true;
    }
  }
  return false;
}

bool mentions(const json& strings, const std::string& text) {
  for (const auto& s : strings) {
    if (s.get<std::string>().find(text) != std::string::npos) return true;
  }
  return false;
}

const json* lookup(const json& out, const std::string& source, const std::string& target) {
  for (const auto& l : out["lookups"]) {
    if (l["source"] == source && l["target"] == target) return &l;
  }
  return nullptr;
}

void expect_best(const CliRun& run, const ExpectedConfig& expected) {
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  ASSERT_FALSE((*run.json)["configs"].empty()) << run.trace();
  const auto& best = (*run.json)["configs"][0];
  EXPECT_EQ(best["source"], expected.source) << run.trace();
  EXPECT_EQ(best["trusted"], expected.trusted) << run.trace();
  if (!expected.url.empty()) {
    EXPECT_EQ(best["url"], expected.url) << run.trace();
  }
  for (const auto& server : expected.servers) {
    EXPECT_TRUE(has_server(best, server)) << server.protocol << " " << server.host << ":"
                                          << server.port << " " << server.security << "\n"
                                          << run.trace();
  }
}

}  // namespace mailassist::testing
