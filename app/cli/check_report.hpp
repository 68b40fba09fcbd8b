#pragma once
// How `mailassist test` shows its results: the JSON of the CLI contract, or a table with
// one line of advice per failure.
#include <ostream>
#include <vector>

#include <nlohmann/json.hpp>

#include "autoconfig/server_check.hpp"

namespace mailassist::cli {

// SERVER (DESIGN.md) as JSON; `username` is the expanded user name when given.
nlohmann::json server_json(const autoconfig::ServerConfig& server, const std::string& username);

nlohmann::json check_json(const autoconfig::ServerCheck& check);

void print_check_table(std::ostream& out, const std::vector<autoconfig::ServerCheck>& checks,
                       bool details);

}  // namespace mailassist::cli
