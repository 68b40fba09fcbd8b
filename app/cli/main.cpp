// `mailassist`: the command line over the MailAssist engine (DESIGN.md, "Command line
// contract"). Exit 0 = success, 1 = the job failed, 2 = usage.
#include <iostream>

#include <CLI/CLI.hpp>

#include "app/cli/check_domain_command.hpp"
#include "app/cli/detect_command.hpp"
#include "app/cli/export_command.hpp"
#include "app/cli/global_options.hpp"
#include "app/cli/migrate_command.hpp"
#include "app/cli/test_command.hpp"

int main(int argc, char** argv) {
  using namespace mailassist::cli;
  CLI::App app{
      "MailAssist finds, tests and exports mail account settings, and moves mail that POP3\n"
      "downloaded to this computer onto an IMAP server.\n\n"
      "Example: echo \"$PASSWORD\" | mailassist test alice@gmail.com "
      "--imap imap.gmail.com:993/tls --smtp smtp.gmail.com:465/tls --password-stdin",
      "mailassist"};
  app.set_version_flag("--version", std::string(MAILASSIST_VERSION));
  app.require_subcommand(1);
  std::vector<std::function<int()>> commands;
  commands.push_back(add_test_command(app));
  commands.push_back(add_detect_command(app));
  commands.push_back(add_export_command(app));
  commands.push_back(add_migrate_command(app));
  commands.push_back(add_check_domain_command(app));

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kExitUsage;
  }
  for (auto& command : commands) {
    int code = command();
    if (code >= 0) return code;
  }
  return kExitUsage;
}
