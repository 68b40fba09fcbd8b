#pragma once
// `mailassist check-domain` (DESIGN.md, "Command line contract").
#include <functional>

#include <CLI/CLI.hpp>

namespace mailassist::cli {

// Registers the subcommand; the returned function runs it when it was parsed and returns
// its exit code, or -1 when another subcommand was chosen.
std::function<int()> add_check_domain_command(CLI::App& app);

}  // namespace mailassist::cli
