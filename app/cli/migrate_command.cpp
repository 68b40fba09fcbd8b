#include "app/cli/migrate_command.hpp"

#include <iostream>

#include "app/cli/global_options.hpp"

namespace mailassist::cli {

std::function<int()> add_migrate_command(CLI::App& app) {
  auto* command = app.add_subcommand("migrate", "Upload locally downloaded POP3 mail to IMAP (not available yet)");
  command->allow_extras();
  return [command]() -> int {
    if (!command->parsed()) return -1;
    std::cerr << "mailassist migrate: not available in this version yet.\n";
    return kExitFailed;
  };
}

}  // namespace mailassist::cli
