#include "app/cli/export_command.hpp"

#include <fstream>
#include <iostream>
#include <memory>

#include "app/cli/global_options.hpp"
#include "app/cli/run_detection.hpp"
#include "autoconfig/client_config_xml.hpp"
#include "exporters/client_config_writer.hpp"
#include "exporters/srv_zone.hpp"

namespace mailassist::cli {

namespace {

struct ExportArguments {
  GlobalOptions global;
  std::string format;
  std::string email;
  std::string config_file;
  std::string display_name;
  std::string output;
};

constexpr const char* kFormats[] = {"outlook-prf", "autodiscover", "thunderbird", "mobileconfig",
                                    "srv-zone",    "qr",           "setup-sheet"};

int fail(int code, const std::string& message) {
  std::cerr << "mailassist export: " << message << '\n';
  return code;
}

// The settings to export: the file given, else the best detected ones.
Result<autoconfig::AccountConfig> settings_for(const ExportArguments& args) {
  if (!args.config_file.empty()) return autoconfig::load_client_config(args.config_file);
  auto run = run_detection(args.email, {}, args.global, false);
  if (!run) return std::move(run).error();
  if (run->detection.configs.empty()) {
    return make_error(ErrorKind::invalid_input,
                      "no settings found for " + args.email + "; give them with --config");
  }
  return run->detection.configs.front().config;
}

int run_export(const ExportArguments& args) {
  auto domain = address_domain(args.email);
  if (!domain) return fail(kExitUsage, "'" + args.email + "' is not an email address");
  std::string text;
  if (args.format == "thunderbird" || args.format == "srv-zone") {
    auto settings = settings_for(args);
    if (!settings) return fail(kExitFailed, settings.error().message);
    if (!args.display_name.empty()) settings->display_name = args.display_name;
    text = args.format == "thunderbird" ? exporters::write_client_config(*settings, *domain)
                                        : exporters::write_srv_zone(*settings, *domain);
  } else {
    return fail(kExitFailed, "the " + args.format +
                                 " format is not available in this version yet (available: "
                                 "thunderbird, srv-zone)");
  }
  if (args.output.empty() || args.output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(args.output, std::ios::binary);
  out << text;
  out.close();
  if (!out) return fail(kExitFailed, "cannot write " + args.output);
  return kExitOk;
}

}  // namespace

std::function<int()> add_export_command(CLI::App& app) {
  auto args = std::make_shared<ExportArguments>();
  auto* command = app.add_subcommand(
      "export", "Write settings for Outlook, Thunderbird, Apple devices, phones or DNS");
  command->add_option("format", args->format, "What to write")
      ->required()
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kFormats), std::end(kFormats))));
  command->add_option("email", args->email, "The email address the settings are for")->required();
  command
      ->add_option("--config", args->config_file,
                   "Export the settings in this clientConfig XML file (default: detect them)")
      ->check(CLI::ExistingFile);
  command->add_option("--display-name", args->display_name, "The provider's name to show");
  command->add_option("-o,--output", args->output, "Write to FILE instead of standard output");
  add_global_options(*command, args->global);
  return [args, command]() -> int { return command->parsed() ? run_export(*args) : -1; };
}

}  // namespace mailassist::cli
