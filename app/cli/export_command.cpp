#include "app/cli/export_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "app/cli/export_qr.hpp"
#include "app/cli/export_setup_sheet.hpp"
#include "app/cli/global_options.hpp"
#include "app/cli/password_input.hpp"
#include "app/cli/run_detection.hpp"
#include "autoconfig/client_config_xml.hpp"
#include "exporters/autodiscover_writer.hpp"
#include "exporters/client_config_writer.hpp"
#include "exporters/mobileconfig.hpp"
#include "exporters/outlook_prf.hpp"
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
  bool include_password = false;  // mobileconfig and qr only
  bool password_stdin = false;
  std::string language;  // setup-sheet
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

Result<exporters::ExportedText> write_format(const ExportArguments& args,
                                             const autoconfig::AccountConfig& settings,
                                             const std::string& domain,
                                             const std::optional<std::string>& password) {
  if (args.format == "thunderbird")
    return exporters::ExportedText{exporters::write_client_config(settings, domain), {}};
  if (args.format == "srv-zone")
    return exporters::ExportedText{exporters::write_srv_zone(settings, domain), {}};
  if (args.format == "outlook-prf") return exporters::write_outlook_prf(settings, args.email);
  if (args.format == "autodiscover") return exporters::write_autodiscover(settings, args.email);
  if (args.format == "mobileconfig")
    return exporters::write_mobileconfig(settings, {args.email, password, "", ""});
  return make_error(ErrorKind::internal, "no writer for the " + args.format + " format");
}

int run_export(const ExportArguments& args) {
  auto domain = address_domain(args.email);
  if (!domain) return fail(kExitUsage, "'" + args.email + "' is not an email address");
  // Only a device profile or the phone QR code can carry a password; read it before
  // detection takes its time.
  std::optional<std::string> password;
  if (args.include_password) {
    if (args.format != "mobileconfig" && args.format != "qr")
      return fail(kExitUsage, "--include-password is only for mobileconfig and qr (the " +
                                  args.format + " format never holds a password)");
    auto obtained = obtain_password(args.password_stdin, args.email);
    if (!obtained) return fail(kExitUsage, obtained.error().message);
    if (obtained->empty())
      return fail(kExitUsage, "--include-password needs a password (--password-stdin)");
    password = std::move(*obtained);
  }
  auto settings = settings_for(args);
  if (!settings) return fail(kExitFailed, settings.error().message);
  if (!args.display_name.empty()) settings->display_name = args.display_name;
  // Images and pages: written by their own files (PNG/SVG/terminal, HTML/PDF).
  if (args.format == "qr") return export_qr(*settings, {args.email, args.output, password});
  if (args.format == "setup-sheet")
    return export_setup_sheet(*settings, {args.email, args.output, args.language,
                                          std::max(args.global.timeout_seconds, 60.0)});
  auto written = write_format(args, *settings, *domain, password);
  if (!written) return fail(kExitFailed, written.error().message);
  for (const auto& warning : written->warnings)
    std::cerr << "mailassist export: warning: " << warning << '\n';
  const std::string& text = written->text;
  if (args.output.empty() || args.output == "-") {
    std::cout << text;
    return kExitOk;
  }
  std::ofstream out(args.output, std::ios::binary);
  if (password) {
    // A profile holding a password is for its owner only (set before anything is written).
    std::error_code ignored;
    std::filesystem::permissions(
        args.output, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace, ignored);
  }
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
  command->add_flag("--include-password", args->include_password,
                    "mobileconfig, qr: put the password in the profile or code (default: the "
                    "device or app asks)");
  command->add_flag("--password-stdin", args->password_stdin,
                    "Read the password for --include-password from standard input");
  command->add_option("--lang", args->language,
                      "setup-sheet: en or id (default: from LC_ALL, LC_MESSAGES or LANG)");
  add_global_options(*command, args->global);
  return [args, command]() -> int { return command->parsed() ? run_export(*args) : -1; };
}

}  // namespace mailassist::cli
