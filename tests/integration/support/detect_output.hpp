#pragma once
// Running `mailassist detect --json` on a local-internet scenario and reading its output:
// shared by the suites of the DNS sources and of the HTTP sources.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "internet_environment.hpp"

namespace mailassist::testing {

// `detect EMAIL --json --timeout N` plus the environment's options (DNS server, CA,
// ISPDB URL) and `options`.
CliRun detect(const InternetScenario& scenario, const std::vector<std::string>& options,
              int timeout_seconds = 20);
// ... with the scenario's own options.
CliRun detect(const InternetScenario& scenario);

// `config` (one of configs[]) lists this server, incoming or outgoing.
bool has_server(const nlohmann::json& config, const ExpectedServer& server);
// One of `strings` (a JSON array of strings) contains `text`.
bool mentions(const nlohmann::json& strings, const std::string& text);
// The lookup of `source` whose target is `target`; null when there is none.
const nlohmann::json* lookup(const nlohmann::json& out, const std::string& source,
                             const std::string& target);
// configs[0] has the expected source, trust, URL (when one is expected) and servers.
void expect_best(const CliRun& run, const ExpectedConfig& expected);

}  // namespace mailassist::testing
