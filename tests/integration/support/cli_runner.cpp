#include "cli_runner.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#ifndef MAILASSIST_CLI
#error "MAILASSIST_CLI must name the mailassist executable"
#endif

namespace mailassist::testing {

const char* cli_path() {
  return MAILASSIST_CLI;
}

std::vector<std::string> test_args(const std::string& email, Protocol protocol,
                                   const std::string& endpoint, int timeout_seconds) {
  return {
      "test",   email,       "--" + std::string(to_string(protocol)), endpoint, "--password-stdin",
      "--json", "--timeout", std::to_string(timeout_seconds)};
}

std::vector<std::string> operator+(std::vector<std::string> args,
                                   const std::vector<std::string>& extra) {
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

CliRun run_cli(std::vector<std::string> args, const std::optional<std::string>& password,
               std::chrono::milliseconds timeout) {
  CliRun run;
  run.argv.push_back(cli_path());
  run.argv.insert(run.argv.end(), args.begin(), args.end());
  run.process = run_process(run.argv, password ? *password + "\n" : std::string(), timeout);
  try {
    // parse() rejects anything after the document but whitespace: "exactly one".
    run.json = nlohmann::json::parse(run.process.out);
  } catch (const nlohmann::json::exception& error) {
    run.json_error = error.what();
  }
  return run;
}

const nlohmann::json& CliRun::result(std::size_t index) const {
  static const nlohmann::json missing = nlohmann::json::object();
  if (!json || !json->is_object() || !json->contains("results") || !(*json)["results"].is_array() ||
      (*json)["results"].size() <= index) {
    ADD_FAILURE() << "no results[" << index << "] in the CLI's JSON\n" << trace();
    return missing;
  }
  return (*json)["results"][index];
}

std::string CliRun::trace() const {
  std::string text = "$";
  for (const auto& arg : argv) text += " '" + arg + "'";
  text += "\n" + describe(process);
  if (!json) text += "\n(stdout is not one JSON document: " + json_error + ")";
  return text;
}

}  // namespace mailassist::testing
