#include "app/cli/migrate_command.hpp"

#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>

#include "app/cli/global_options.hpp"
#include "app/cli/migrate_output.hpp"
#include "app/cli/password_input.hpp"
#include "app/cli/platform/terminal.hpp"
#include "app/cli/pop3_source_spec.hpp"
#include "app/cli/server_spec.hpp"
#include "migrate/folder_mapping.hpp"
#include "migrate/stores/open_store.hpp"
#include "migrate/stores/pop3_account.hpp"
#include "migrate/stores/thunderbird_profiles.hpp"

namespace mailassist::cli {

namespace {

struct MigrateArguments {
  GlobalOptions global;
  std::string source;
  std::string imap;
  std::string username;
  bool password_stdin = false;
  bool allow_plaintext = false;
  bool dry_run = false;
  unsigned connections = 1;
  std::string state_dir;
  std::vector<std::string> maps;
  std::vector<std::string> include;
  std::vector<std::string> exclude;
};

int usage_error(const std::string& message) {
  std::cerr << "mailassist migrate: " << message << '\n';
  return kExitUsage;
}

int failed(const std::string& message) {
  std::cerr << "mailassist migrate: " << message << '\n';
  return kExitFailed;
}

// Ctrl-C asks the engine to stop between messages; what the server confirmed is in the
// journal, so running the command again finishes the job. Only an atomic store happens
// in the handler.
CancelToken* g_cancel = nullptr;
extern "C" void on_interrupt(int) {
  if (g_cancel) g_cancel->cancel();
  std::signal(SIGINT, SIG_DFL);  // a second Ctrl-C ends the program at once
}

Result<std::unique_ptr<migrate::MailStore>> open_source(const std::string& source) {
  if (source != "thunderbird") return migrate::open_store(std::filesystem::u8path(source));
  auto profiles = migrate::find_thunderbird_profiles();
  if (!profiles) return std::move(profiles).error();
  const migrate::ThunderbirdProfile* chosen = &profiles->front();
  for (const auto& profile : *profiles)
    if (profile.is_default) chosen = &profile;
  return migrate::open_store(chosen->path);
}

// -v: every connection's trace lines (IMAP and POP3) go to stderr one whole line at a time.
Trace::Sink trace_sink(const MigrateArguments& args) {
  if (!args.global.verbose) return {};
  static std::mutex trace_mutex;
  return [](std::string_view line) {
    std::lock_guard lock(trace_mutex);
    std::cerr << line << '\n';
  };
}

// A pop3:// source: the account's server from the URL, TLS, DNS and -v as for IMAP, and
// the same --allow-plaintext (DESIGN.md: no password in clear unless the user allows it).
Result<migrate::Pop3Account> pop3_account_from(const MigrateArguments& args,
                                               const migrate::ImapTarget& target) {
  auto spec = parse_pop3_source(args.source);
  if (!spec) return std::move(spec).error();
  migrate::Pop3Account account;
  account.host = spec->server.host;
  account.port = spec->server.port;
  switch (spec->server.security) {
    case autoconfig::Security::tls: account.security = migrate::Pop3Security::tls; break;
    case autoconfig::Security::starttls: account.security = migrate::Pop3Security::starttls; break;
    case autoconfig::Security::none: account.security = migrate::Pop3Security::none; break;
  }
  account.username = spec->username;
  account.allow_plaintext = args.allow_plaintext;
  account.tls = target.tls;
  account.resolver = target.resolver;
  account.timeout = target.timeout;
  account.trace = target.trace;
  return account;
}

Result<migrate::ImapTarget> target_from(const MigrateArguments& args) {
  auto server = parse_server_spec(autoconfig::Protocol::imap, args.imap);
  if (!server) return std::move(server).error();
  migrate::ImapTarget target;
  target.host = server->host;
  target.port = server->port;
  switch (server->security) {
    case autoconfig::Security::tls: target.security = migrate::TargetSecurity::tls; break;
    case autoconfig::Security::starttls: target.security = migrate::TargetSecurity::starttls; break;
    case autoconfig::Security::none: target.security = migrate::TargetSecurity::none; break;
  }
  target.username = args.username;
  target.allow_plaintext = args.allow_plaintext;
  auto tls = make_tls_context(args.global);
  if (!tls) return std::move(tls).error();
  target.tls = *tls;
  auto resolver = make_resolver(args.global);
  if (!resolver) return std::move(resolver).error();
  target.resolver = *resolver;
  target.timeout =
      std::chrono::milliseconds(static_cast<long long>(args.global.timeout_seconds * 1000));
  target.trace = trace_sink(args);
  return target;
}

int run_migrate(const MigrateArguments& args) {
  auto target = target_from(args);
  if (!target) return usage_error(target.error().message);
  migrate::MigrationOptions options;
  options.connections = args.connections;
  options.state_dir = std::filesystem::u8path(args.state_dir);
  options.include = args.include;
  options.exclude = args.exclude;
  options.dry_run = args.dry_run;
  for (const auto& text : args.maps) {
    auto map = migrate::parse_folder_map(text);
    if (!map) return usage_error(map.error().message);
    options.maps.push_back(std::move(*map));
  }
  std::unique_ptr<migrate::MailStore> store;
  if (is_pop3_source(args.source)) {
    // Two passwords: line 1 of --password-stdin is the IMAP one, line 2 the POP3 one.
    auto account = pop3_account_from(args, *target);
    if (!account) return usage_error(account.error().message);
    auto passwords = obtain_passwords(args.password_stdin,
                                      {args.username + " on " + target->host + " (IMAP)",
                                       account->username + " on " + account->host + " (POP3)"});
    if (!passwords) return usage_error(passwords.error().message);
    target->password = std::move((*passwords)[0]);
    account->password = std::move((*passwords)[1]);
    auto opened = migrate::open_pop3_account_store(std::move(*account));
    if (!opened) return failed(opened.error().message);
    store = std::move(*opened);
  } else {
    auto opened = open_source(args.source);
    if (!opened) return usage_error(opened.error().message);
    store = std::move(*opened);
    auto password = obtain_password(args.password_stdin, args.username);
    if (!password) return usage_error(password.error().message);
    target->password = std::move(*password);
  }

  CancelToken cancel;
  g_cancel = &cancel;
  auto previous = std::signal(SIGINT, on_interrupt);
  struct Restore {
    decltype(previous) handler;
    ~Restore() {
      std::signal(SIGINT, handler);
      g_cancel = nullptr;
    }
  } restore{previous};

  auto plan = migrate::plan_migration(*store, *target, options, cancel);
  if (!plan) return failed(plan.error().message);
  if (args.dry_run) {
    if (args.global.json) {
      std::cout << plan_json(*plan).dump(2) << '\n';
    } else {
      print_plan(std::cout, *plan, true);
    }
    return kExitOk;
  }
  if (!args.global.json) print_plan(std::cout, *plan, false);
  std::cout << std::flush;

  ProgressLine progress(std::cerr, platform::stderr_is_terminal());
  auto report = migrate::run_migration(*store, *plan, *target, options, cancel, progress);
  progress.finish();
  if (!report) return failed(report.error().message);
  if (args.global.json) {
    std::cout << report_json(*plan, *report).dump(2) << '\n';
  } else {
    print_report(std::cout, *report);
  }
  return report->complete() ? kExitOk : kExitFailed;
}

}  // namespace

std::function<int()> add_migrate_command(CLI::App& app) {
  auto args = std::make_shared<MigrateArguments>();
  auto* command =
      app.add_subcommand("migrate", "Upload locally downloaded (POP3) mail to an IMAP server");
  command
      ->add_option("source", args->source,
                   "An mbox file, Outlook .pst file, Thunderbird profile or mail directory, "
                   "Maildir, folder of .eml files, 'thunderbird' (the default profile), or "
                   "a POP3 server still holding mail: pop3://USER@HOST[:PORT][/tls|/starttls|"
                   "/none] (USER percent-encoded; read only, never DELE)")
      ->required();
  command->add_option("--imap", args->imap, "The IMAP server, HOST[:PORT][/tls|starttls|none]")
      ->required();
  command->add_option("--username", args->username, "Log in to the IMAP server as this user")
      ->required();
  command->add_flag("--password-stdin", args->password_stdin,
                    "Read the password from the first line of standard input; with a pop3:// "
                    "source, line 1 is the IMAP password and line 2 the POP3 password (on "
                    "a terminal without it, each is asked for by name)");
  command->add_flag("--allow-plaintext", args->allow_plaintext,
                    "Allow sending a password over an unencrypted connection (IMAP or POP3)");
  command->add_flag("--dry-run", args->dry_run,
                    "Connect and show the plan (folders, counts, sizes, mapping); write nothing");
  command->add_option("--connections", args->connections, "IMAP connections at once (1-16)")
      ->check(CLI::Range(1, 16));
  command->add_option("--state", args->state_dir,
                      "Directory of the journal (default: $XDG_STATE_HOME/mailassist/...)");
  command
      ->add_option(
          "--map", args->maps,
          "Put source folder FROM into server mailbox TO ('/' between levels; taken literally, "
          "no namespace prefix added)")
      ->type_name("FROM=TO");
  command->add_option("--include", args->include,
                      "Only folders whose path matches this pattern ('*', '?')");
  command->add_option("--exclude", args->exclude, "Leave out folders matching this pattern");
  add_global_options(*command, args->global);
  return [args, command]() -> int { return command->parsed() ? run_migrate(*args) : -1; };
}

}  // namespace mailassist::cli
