#include "app/cli/planned_commands.hpp"

#include <iostream>
#include <string>

#include "app/cli/global_options.hpp"

namespace mailassist::cli {

void add_planned_commands(CLI::App& app, std::vector<std::function<int()>>& commands) {
  struct Planned {
    const char* name;
    const char* what;
  };
  for (auto planned : {Planned{"migrate", "Upload locally downloaded POP3 mail to IMAP"},
                       Planned{"check-domain", "Check what a domain publishes for mail clients"}}) {
    auto* command =
        app.add_subcommand(planned.name, std::string(planned.what) + " (not available yet)");
    command->allow_extras();
    std::string name = planned.name;
    commands.push_back([command, name]() -> int {
      if (!command->parsed()) return -1;
      std::cerr << "mailassist " << name
                << ": not available in this version yet. Available: `mailassist test` and "
                   "`mailassist detect`.\n";
      return kExitFailed;
    });
  }
}

}  // namespace mailassist::cli
