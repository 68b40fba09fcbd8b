#pragma once
// `mailassist test EMAIL (--config FILE.xml | --imap H:P/SEC | --pop3 H:P/SEC |
//  --smtp H:P/SEC ...) [--username U] [--password-stdin] [--allow-plaintext]`
#include <CLI/CLI.hpp>

#include "app/cli/global_options.hpp"

namespace mailassist::cli {

// Registers the subcommand; the returned function runs it after parsing.
std::function<int()> add_test_command(CLI::App& app);

}  // namespace mailassist::cli
