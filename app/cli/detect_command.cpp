#include "app/cli/detect_command.hpp"

#include <iomanip>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/check_report.hpp"
#include "app/cli/global_options.hpp"
#include "autoconfig/detector.hpp"
#include "autoconfig/standard_sources.hpp"
#include "core/ascii.hpp"

namespace mailassist::cli {

namespace {

using nlohmann::json;

struct DetectArguments {
  GlobalOptions global;
  std::string email;
  autoconfig::DetectOptions detect;
  bool verify = false;
  bool password_stdin = false;
};

json servers_json(const std::vector<autoconfig::ServerConfig>& servers, const std::string& email) {
  json out = json::array();
  for (const auto& server : servers)
    out.push_back(server_json(server, autoconfig::expand_username(server.username, email)));
  return out;
}

json detection_json(const autoconfig::Detection& detection) {
  json configs = json::array();
  for (const auto& ranked : detection.configs) {
    const auto& c = ranked.config;
    json sources = json::array();
    for (auto kind : ranked.sources) sources.push_back(to_string(kind));
    configs.push_back(json{{"source", to_string(ranked.sources.front())},
                           {"sources", sources},
                           {"url", c.provenance.url},
                           {"trusted", c.provenance.trusted},
                           {"warnings", c.provenance.warnings},
                           {"incoming", servers_json(c.incoming, detection.email)},
                           {"outgoing", servers_json(c.outgoing, detection.email)},
                           {"verified", json::object()}});
  }
  json lookups = json::array();
  for (const auto& l : detection.lookups) {
    lookups.push_back(json{{"source", to_string(l.source)},
                           {"target", l.target},
                           {"result", to_string(l.result)},
                           {"ms", l.ms},
                           {"detail", l.detail}});
  }
  return json{{"email", detection.email},
              {"domain", detection.domain},
              {"configs", configs},
              {"lookups", lookups}};
}

void print_servers(std::ostream& out, const char* direction,
                   const std::vector<autoconfig::ServerConfig>& servers, const std::string& email) {
  for (const auto& s : servers) {
    std::string where = s.host + ":" + std::to_string(s.port);
    out << "  " << std::left << std::setw(10) << direction << std::setw(6) << to_string(s.protocol)
        << std::setw(34) << where << std::setw(10) << to_string(s.security)
        << autoconfig::expand_username(s.username, email) << '\n';
  }
}

void print_detection(std::ostream& out, const autoconfig::Detection& detection) {
  if (detection.configs.empty()) {
    out << "No settings found for " << detection.email << ".\n";
  }
  bool first = true;
  for (const auto& ranked : detection.configs) {
    const auto& c = ranked.config;
    out << (first ? "Best settings" : "Also found") << " for " << detection.email << " — from "
        << to_string(ranked.sources.front()) << " (" << c.provenance.url << "), "
        << (c.provenance.trusted ? "trusted" : "NOT trusted: check before use") << '\n';
    print_servers(out, "incoming", c.incoming, detection.email);
    print_servers(out, "outgoing", c.outgoing, detection.email);
    for (const auto& warning : c.provenance.warnings) out << "  warning: " << warning << '\n';
    first = false;
  }
  out << "\nLookups:\n";
  for (const auto& l : detection.lookups) {
    out << "  " << std::left << std::setw(13) << to_string(l.source) << std::setw(40) << l.target
        << std::setw(9) << to_string(l.result) << std::setw(8) << (std::to_string(l.ms) + " ms")
        << l.detail << '\n';
  }
}

int run_detect(DetectArguments& args) {
  auto at = args.email.rfind('@');
  if (at == std::string::npos || at == 0 || at + 1 == args.email.size()) {
    std::cerr << "mailassist detect: '" << args.email << "' is not an email address\n";
    return kExitUsage;
  }
  if (args.verify) {
    std::cerr << "mailassist detect: --verify is not available in this version yet; check the "
                 "settings found with `mailassist test`\n";
    return kExitFailed;
  }
  auto directory = args.detect.providers_dir.empty()
                       ? autoconfig::PresetCatalog::default_directory()
                       : std::filesystem::path(args.detect.providers_dir);
  auto catalog = autoconfig::PresetCatalog::load(directory);
  if (!catalog) {
    std::cerr << "mailassist detect: " << catalog.error().message << '\n';
    return kExitFailed;
  }
  autoconfig::DetectContext context;
  context.email = args.email;
  context.domain = to_lower_ascii(args.email.substr(at + 1));
  context.options = args.detect;
  if (!args.detect.offline) {
    auto tls = make_tls_context(args.global);
    if (!tls)
      return (std::cerr << "mailassist detect: " << tls.error().message << '\n', kExitUsage);
    auto resolver = make_resolver(args.global);
    if (!resolver)
      return (std::cerr << "mailassist detect: " << resolver.error().message << '\n', kExitUsage);
    context.tls = *tls;
    context.resolver = *resolver;
    context.http = std::make_shared<const net::HttpClient>(*resolver, *tls);
  }
  auto sources = autoconfig::standard_sources(
      args.detect, std::make_shared<const autoconfig::PresetCatalog>(std::move(*catalog)));
  auto deadline = Deadline::after(
      std::chrono::milliseconds(static_cast<long long>(args.global.timeout_seconds * 1000)));
  auto detection = autoconfig::detect(context, sources, deadline);

  if (args.global.json) {
    std::cout << detection_json(detection).dump(2) << '\n';
  } else {
    print_detection(std::cout, detection);
  }
  return detection.configs.empty() ? kExitFailed : kExitOk;
}

}  // namespace

std::function<int()> add_detect_command(CLI::App& app) {
  auto args = std::make_shared<DetectArguments>();
  auto* command = app.add_subcommand("detect", "Find the server settings for an email address");
  command->add_option("email", args->email, "The email address")->required();
  command->add_flag("--offline", args->detect.offline, "Use the bundled presets only");
  command->add_option("--ispdb-url", args->detect.ispdb_url,
                      "Where the ISPDB is (default Thunderbird's public ISPDB)");
  command->add_option("--providers-dir", args->detect.providers_dir,
                      "Read the bundled presets from this directory");
  command->add_flag("--allow-http", args->detect.allow_http,
                    "Also try plain-HTTP autoconfig URLs (their results are marked untrusted)");
  command->add_flag("--verify", args->verify, "Log in to the best settings to prove they work");
  command->add_flag("--password-stdin", args->password_stdin,
                    "With --verify: read the password from standard input");
  add_global_options(*command, args->global);
  return [args, command]() -> int { return command->parsed() ? run_detect(*args) : -1; };
}

}  // namespace mailassist::cli
