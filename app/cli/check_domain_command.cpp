#include "app/cli/check_domain_command.hpp"

#include <iostream>

#include "app/cli/global_options.hpp"

namespace mailassist::cli {

std::function<int()> add_check_domain_command(CLI::App& app) {
  auto* command = app.add_subcommand("check-domain", "Check what a domain publishes for mail clients (not available yet)");
  command->allow_extras();
  return [command]() -> int {
    if (!command->parsed()) return -1;
    std::cerr << "mailassist check-domain: not available in this version yet.\n";
    return kExitFailed;
  };
}

}  // namespace mailassist::cli
