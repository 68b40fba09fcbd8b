#include "app/cli/detect_command.hpp"

#include <iomanip>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/check_report.hpp"
#include "app/cli/global_options.hpp"
#include "app/cli/password_input.hpp"
#include "app/cli/run_detection.hpp"
#include "autoconfig/detector.hpp"
#include "autoconfig/verify.hpp"
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

int usage_error(const std::string& message) {
  std::cerr << "mailassist detect: " << message << '\n';
  return kExitUsage;
}

json attempt_json(const autoconfig::ServerCheck& check) {
  return json{{"protocol", to_string(check.server.protocol)},
              {"server", check.server.host + ":" + std::to_string(check.server.port)},
              {"security", to_string(check.server.security)},
              {"username", check.username},
              {"result", autoconfig::result_name(check)},
              {"message", check.message}};
}

json direction_json(const autoconfig::VerifiedDirection& direction) {
  json attempts = json::array();
  for (const auto& check : direction.attempts) attempts.push_back(attempt_json(check));
  std::string result = direction.attempts.empty()
                           ? "skipped"
                           : std::string(autoconfig::result_name(direction.attempts.back()));
  return json{{"result", result}, {"attempts", attempts}};
}

// Fills configs[i].verified for every config tried.
void add_verification_json(json& out, const autoconfig::Verification& verification) {
  for (const auto& c : verification.configs) {
    out["configs"][c.config_index]["verified"] =
        json{{"incoming", direction_json(c.incoming)}, {"outgoing", direction_json(c.outgoing)}};
  }
  auto verified = verification.verified_config();
  out["verified_config"] = verified ? json(*verified) : json(nullptr);
  out["password_attempts"] = verification.password_attempts;
  out["stopped_by_attempt_limit"] = verification.stopped_by_limit;
}

void print_direction(std::ostream& out, const char* name,
                     const autoconfig::VerifiedDirection& direction) {
  for (const auto& check : direction.attempts) {
    out << "  " << std::left << std::setw(10) << name << std::setw(6)
        << to_string(check.server.protocol) << std::setw(34)
        << (check.server.host + ":" + std::to_string(check.server.port)) << std::setw(24)
        << autoconfig::result_name(check) << "as " << check.username << '\n';
    if (!check.ok()) out << "            " << autoconfig::advice_for(check) << '\n';
  }
}

void print_verification(std::ostream& out, const autoconfig::Detection& detection,
                        const autoconfig::Verification& verification) {
  out << "\nLogging in to prove the settings (" << verification.password_attempts
      << " password attempts):\n";
  for (const auto& c : verification.configs) {
    print_direction(out, "incoming", c.incoming);
    print_direction(out, "outgoing", c.outgoing);
  }
  if (auto index = verification.verified_config()) {
    const auto& ranked = detection.configs[*index];
    out << "Verified: the settings from " << to_string(ranked.sources.front()) << " work.\n";
  } else {
    out << "Not verified: no candidate logged in both ways.";
    if (verification.stopped_by_limit)
      out << " Stopped after " << verification.password_attempts
          << " password attempts so the account is not locked.";
    out << '\n';
  }
}

int run_detect(DetectArguments& args) {
  if (!address_domain(args.email))
    return usage_error("'" + args.email + "' is not an email address");
  std::string password;
  if (args.verify) {
    auto obtained = obtain_password(args.password_stdin, args.email);
    if (!obtained) return usage_error(obtained.error().message);
    password = std::move(*obtained);
    if (password.empty()) return usage_error("--verify needs the password (--password-stdin)");
  }
  auto run = run_detection(args.email, args.detect, args.global, args.verify);
  if (!run) {
    if (run.error().kind == ErrorKind::invalid_input) return usage_error(run.error().message);
    std::cerr << "mailassist detect: " << run.error().message << '\n';
    return kExitFailed;
  }
  const auto& detection = run->detection;
  const auto& context = run->context;

  std::optional<autoconfig::Verification> verification;
  if (args.verify) {
    autoconfig::CheckOptions options;
    options.tls = context.tls;
    options.resolver = context.resolver;
    options.timeout =
        std::chrono::milliseconds(static_cast<long long>(args.global.timeout_seconds * 1000));
    verification = autoconfig::verify_detection(detection, {args.email, "", password}, options);
  }

  if (args.global.json) {
    auto out = detection_json(detection);
    if (verification) add_verification_json(out, *verification);
    std::cout << out.dump(2) << '\n';
  } else {
    print_detection(std::cout, detection);
    if (verification) print_verification(std::cout, detection, *verification);
  }
  if (detection.configs.empty()) return kExitFailed;
  if (verification && !verification->verified_config()) return kExitFailed;
  return kExitOk;
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
  command->add_flag("--verify", args->verify,
                    "Log in (incoming and outgoing) to prove the settings found work");
  command->add_flag("--password-stdin", args->password_stdin,
                    "With --verify: read the password from standard input");
  add_global_options(*command, args->global);
  return [args, command]() -> int { return command->parsed() ? run_detect(*args) : -1; };
}

}  // namespace mailassist::cli
