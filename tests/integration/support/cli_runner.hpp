#pragma once
// Runs the real `mailassist` executable as a script would, and reads its --json output.
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dovecot_environment.hpp"
#include "subprocess.hpp"

namespace mailassist::testing {

struct CliRun {
  ProcessResult process;
  std::optional<nlohmann::json> json;  // stdout parsed as one JSON document, if it was one
  std::string json_error;              // why stdout was not exactly one JSON document

  int exit_code() const { return process.exit_code; }
  // results[index] of `mailassist test --json`; fails the calling test if absent.
  const nlohmann::json& result(std::size_t index = 0) const;
  // For assertion messages: the command line and everything the CLI printed.
  std::string trace() const;

  std::vector<std::string> argv;
};

// `mailassist ARGS...`; with a password, adds nothing to argv: the caller passes
// --password-stdin and the password goes to stdin followed by a newline.
CliRun run_cli(std::vector<std::string> args, const std::optional<std::string>& password,
               std::chrono::milliseconds timeout = std::chrono::seconds(60));

// The CLI's executable (from the build), for messages.
const char* cli_path();

// `test EMAIL --PROTOCOL ENDPOINT --password-stdin --json --timeout SECONDS`: the
// common start of a command line; tests append --ca-file, -v and so on.
std::vector<std::string> test_args(const std::string& email, Protocol protocol,
                                   const std::string& endpoint, int timeout_seconds = 20);

// Appends `extra` to `args`.
std::vector<std::string> operator+(std::vector<std::string> args,
                                   const std::vector<std::string>& extra);

}  // namespace mailassist::testing
