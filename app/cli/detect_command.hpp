#pragma once
// `mailassist detect EMAIL [--offline] [--ispdb-url URL] [--providers-dir DIR]
//  [--allow-http] [--verify --password-stdin]`
#include <functional>

#include <CLI/CLI.hpp>

namespace mailassist::cli {

std::function<int()> add_detect_command(CLI::App& app);

}  // namespace mailassist::cli
