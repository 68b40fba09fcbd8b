#pragma once
// Commands of the CLI contract that this version does not have yet. They are listed in
// --help and, when run, say so plainly and exit 1 instead of pretending to work.
#include <functional>
#include <vector>

#include <CLI/CLI.hpp>

namespace mailassist::cli {

void add_planned_commands(CLI::App& app, std::vector<std::function<int()>>& commands);

}  // namespace mailassist::cli
