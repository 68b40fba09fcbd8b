#include "app/cli/test_command.hpp"

#include <future>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>

#include "app/cli/check_report.hpp"
#include "app/cli/password_input.hpp"
#include "app/cli/server_spec.hpp"
#include "autoconfig/client_config_xml.hpp"
#include "autoconfig/server_check.hpp"

namespace mailassist::cli {

namespace {

// One --config FILE (no protocol) or --imap/--pop3/--smtp SPEC, in command-line order:
// results are listed in the order the servers were given.
struct ServerArgument {
  std::optional<autoconfig::Protocol> protocol;
  std::string text;
};

struct TestArguments {
  GlobalOptions global;
  std::string email;
  std::vector<ServerArgument> servers;
  std::string username;
  bool password_stdin = false;
  bool allow_plaintext = false;
};

int usage_error(const std::string& message) {
  std::cerr << "mailassist test: " << message << '\n';
  return kExitUsage;
}

Result<std::vector<autoconfig::ServerConfig>> servers_from(const TestArguments& args) {
  std::vector<autoconfig::ServerConfig> servers;
  for (const auto& argument : args.servers) {
    if (!argument.protocol) {
      auto config = autoconfig::load_client_config(argument.text);
      if (!config) return std::move(config).error();
      servers.insert(servers.end(), config->incoming.begin(), config->incoming.end());
      servers.insert(servers.end(), config->outgoing.begin(), config->outgoing.end());
      continue;
    }
    auto server = parse_server_spec(*argument.protocol, argument.text);
    if (!server) return std::move(server).error();
    servers.push_back(std::move(*server));
  }
  return servers;
}

int run_test(const TestArguments& args) {
  auto servers = servers_from(args);
  if (!servers) return usage_error(servers.error().message);
  if (servers->empty())
    return usage_error("name at least one server: --config, --imap, --pop3 or --smtp");

  auto tls = make_tls_context(args.global);
  if (!tls) return usage_error(tls.error().message);
  auto resolver = make_resolver(args.global);
  if (!resolver) return usage_error(resolver.error().message);

  auto password = obtain_password(args.password_stdin, args.email);
  if (!password) return usage_error(password.error().message);

  autoconfig::CheckOptions options;
  options.tls = *tls;
  options.resolver = *resolver;
  options.allow_plaintext = args.allow_plaintext;
  options.timeout =
      std::chrono::milliseconds(static_cast<long long>(args.global.timeout_seconds * 1000));
  auto trace_mutex = std::make_shared<std::mutex>();
  if (args.global.verbose) {
    options.trace = [trace_mutex](std::string_view line) {
      std::lock_guard lock(*trace_mutex);
      std::cerr << line << '\n';
    };
  }
  autoconfig::CheckCredentials credentials{args.email, args.username, *password};

  // Every server is checked at once: a slow SMTP server does not delay the IMAP answer.
  std::vector<std::future<autoconfig::ServerCheck>> running;
  for (const auto& server : *servers) {
    running.push_back(std::async(std::launch::async, [&, server] {
      return autoconfig::check_server(server, credentials, options);
    }));
  }
  std::vector<autoconfig::ServerCheck> checks;
  bool all_ok = true;
  for (auto& check : running) {
    checks.push_back(check.get());
    all_ok = all_ok && checks.back().ok();
  }

  if (args.global.json) {
    nlohmann::json results = nlohmann::json::array();
    for (const auto& check : checks) results.push_back(check_json(check));
    std::cout << nlohmann::json{{"email", args.email}, {"results", results}}.dump(2) << '\n';
  } else {
    print_check_table(std::cout, checks, args.global.verbose);
  }
  return all_ok ? kExitOk : kExitFailed;
}

}  // namespace

std::function<int()> add_test_command(CLI::App& app) {
  auto args = std::make_shared<TestArguments>();
  auto* command = app.add_subcommand(
      "test", "Check server settings by connecting, securing the connection and logging in");
  command->add_option("email", args->email, "The email address of the account")->required();
  // Each occurrence is recorded as it is parsed (trigger_on_parse), so the order across
  // the options is kept.
  command
      ->add_option_function<std::string>(
          "--config",
          [args](const std::string& file) {
            args->servers.push_back({std::nullopt, file});
          },
          "Test every server in this clientConfig (autoconfig) XML file")
      ->check(CLI::ExistingFile)
      ->trigger_on_parse();
  auto server_option = [&](const char* name, autoconfig::Protocol protocol, const char* help) {
    command
        ->add_option_function<std::vector<std::string>>(
            name,
            [args, protocol](const std::vector<std::string>& specs) {
              for (const auto& spec : specs) args->servers.push_back({protocol, spec});
            },
            help)
        ->trigger_on_parse();
  };
  server_option("--imap", autoconfig::Protocol::imap,
                "An IMAP server, HOST[:PORT][/tls|starttls|none]");
  server_option("--pop3", autoconfig::Protocol::pop3,
                "A POP3 server, HOST[:PORT][/tls|starttls|none]");
  server_option("--smtp", autoconfig::Protocol::smtp,
                "An SMTP submission server, HOST[:PORT][/SECURITY]");
  command->add_option("--username", args->username,
                      "Log in as this user (default: the full email address)");
  command->add_flag("--password-stdin", args->password_stdin,
                    "Read the password from the first line of standard input");
  command->add_flag("--allow-plaintext", args->allow_plaintext,
                    "Allow sending the password over an unencrypted connection");
  add_global_options(*command, args->global);
  return [args, command]() -> int { return command->parsed() ? run_test(*args) : -1; };
}

}  // namespace mailassist::cli
