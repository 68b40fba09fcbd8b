#pragma once
// `mailassist export FORMAT EMAIL [--config FILE.xml] [--display-name NAME] [-o FILE]`
#include <functional>

#include <CLI/CLI.hpp>

namespace mailassist::cli {

std::function<int()> add_export_command(CLI::App& app);

}  // namespace mailassist::cli
