#include "internet_environment.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#ifndef MAILASSIST_INTERNET_ENV_DEFAULT
#error "MAILASSIST_INTERNET_ENV_DEFAULT must name the local internet's env.json"
#endif

namespace mailassist::testing {
namespace {

ExpectedConfig read_config(const nlohmann::json& json) {
  ExpectedConfig config;
  config.source = json.at("source");
  config.trusted = json.at("trusted");
  config.url = json.value("url", "");
  for (const auto& server : json.at("servers")) {
    config.servers.push_back(
        {server.at("protocol"), server.at("host"), server.at("port"), server.at("security")});
  }
  return config;
}

InternetEnvironment load(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) {
    throw std::runtime_error("no " + path.string() +
                             ": is the local internet running? (ctest starts it as "
                             "internet.start; by hand: tests/fixtures/internet start DIR)");
  }
  const auto json = nlohmann::json::parse(file);
  InternetEnvironment env;
  env.dir = json.at("dir").get<std::string>();
  env.ca_file = json.at("ca_file").get<std::string>();
  env.dns_server = json.at("dns_server");
  env.ispdb_url = json.at("ispdb_url");
  env.detect_args = json.at("detect_args").get<std::vector<std::string>>();
  env.addresses = json.at("addresses");
  env.logs = json.at("logs");
  for (const auto& item : json.at("scenarios")) {
    InternetScenario scenario;
    scenario.name = item.at("name");
    scenario.covers = item.at("covers");
    scenario.domain = item.at("domain");
    scenario.email = item.at("email");
    scenario.password = item.at("password");
    scenario.about = item.at("about");
    scenario.options = item.at("options").get<std::vector<std::string>>();
    if (!item.at("expect").is_null()) scenario.best = read_config(item.at("expect"));
    for (const auto& other : item.at("also")) scenario.also.push_back(read_config(other));
    scenario.lookups = item.at("lookups");
    scenario.checks = item.at("checks");
    env.scenarios.push_back(std::move(scenario));
  }
  return env;
}

}  // namespace

const InternetEnvironment& InternetEnvironment::get() {
  static const InternetEnvironment env = [] {
    const char* path = std::getenv("MAILASSIST_INTERNET_ENV");
    return load(path != nullptr && *path != '\0' ? path : MAILASSIST_INTERNET_ENV_DEFAULT);
  }();
  return env;
}

const InternetScenario& InternetEnvironment::scenario(std::string_view name) const {
  for (const auto& candidate : scenarios) {
    if (candidate.name == name) return candidate;
  }
  throw std::out_of_range("env.json has no scenario '" + std::string(name) + "'");
}

}  // namespace mailassist::testing
