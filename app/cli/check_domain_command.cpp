#include "app/cli/check_domain_command.hpp"

#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "app/cli/check_report.hpp"
#include "app/cli/global_options.hpp"
#include "app/cli/run_detection.hpp"
#include "autoconfig/config_urls.hpp"
#include "autoconfig/domain_check.hpp"
#include "exporters/autodiscover_writer.hpp"
#include "exporters/client_config_writer.hpp"
#include "exporters/srv_zone.hpp"

namespace mailassist::cli {

namespace {

using autoconfig::DomainCheck;
using autoconfig::SourceKind;
using nlohmann::json;

struct CheckDomainArguments {
  GlobalOptions global;
  std::string domain;  // or an address, whose domain is checked
  autoconfig::DetectOptions detect;
};

// What to publish so every kind of client finds the settings, and where.
struct Publication {
  std::string srv_zone;
  std::string client_config;
  std::vector<std::string> client_config_urls;
  std::string autodiscover;  // empty when the writer refused (its reason in the warnings)
  std::vector<std::string> autodiscover_urls;
  std::vector<std::string> warnings;
};

Publication publication_for(const DomainCheck& check) {
  Publication out;
  const auto& d = check.domain;
  out.srv_zone = exporters::write_srv_zone(*check.settings, d);
  out.client_config = exporters::write_client_config(*check.settings, d);
  out.client_config_urls = {"https://autoconfig." + d + "/mail/config-v1.1.xml",
                            "https://" + d + "/.well-known/autoconfig/mail/config-v1.1.xml"};
  auto pox = exporters::write_autodiscover(*check.settings, check.email);
  if (pox) {
    out.autodiscover = pox->text;
    out.warnings = pox->warnings;
  } else {
    out.warnings.push_back("Autodiscover: " + pox.error().message);
  }
  out.autodiscover_urls = {"https://autodiscover." + d + "/autodiscover/autodiscover.xml",
                           "https://" + d + "/autodiscover/autodiscover.xml"};
  return out;
}

// The channel's state in one word: published, guessed (what probing found: never a
// publication), none, error, timeout or skipped.
std::string channel_state(const autoconfig::ChannelReport& report) {
  if (report.publishes()) return report.channel == SourceKind::guess ? "guessed" : "published";
  std::string state = "none";
  for (const auto& lookup : report.lookups) {
    if (lookup.result == autoconfig::LookupResult::error) return "error";
    if (lookup.result == autoconfig::LookupResult::timeout) state = "timeout";
    if (lookup.result == autoconfig::LookupResult::skipped && state == "none") state = "skipped";
  }
  return state;
}

bool agrees(const DomainCheck& check, SourceKind channel) {
  return std::none_of(check.differences.begin(), check.differences.end(),
                      [&](const autoconfig::ChannelDifference& d) { return d.channel == channel; });
}

json servers_json(const std::vector<autoconfig::ServerConfig>& servers) {
  json out = json::array();
  for (const auto& server : servers) out.push_back(server_json(server, ""));
  return out;
}

json optional_server_json(const std::optional<autoconfig::ServerConfig>& server) {
  return server ? server_json(*server, "") : json(nullptr);
}

json check_domain_json(const DomainCheck& check) {
  json channels = json::array();
  for (const auto& report : check.channels) {
    json configs = json::array();
    for (const auto& c : report.configs) {
      configs.push_back(json{{"url", c.provenance.url},
                             {"trusted", c.provenance.trusted},
                             {"warnings", c.provenance.warnings},
                             {"incoming", servers_json(c.incoming)},
                             {"outgoing", servers_json(c.outgoing)}});
    }
    json lookups = json::array();
    for (const auto& l : report.lookups) {
      lookups.push_back(json{{"target", l.target},
                             {"result", to_string(l.result)},
                             {"ms", l.ms},
                             {"detail", l.detail}});
    }
    bool counted = report.publishes() && report.channel != SourceKind::guess;
    channels.push_back(json{{"channel", to_string(report.channel)},
                            {"state", channel_state(report)},
                            {"owner_controls", autoconfig::owner_controls(report.channel)},
                            {"agrees", counted ? json(agrees(check, report.channel)) : json()},
                            {"configs", configs},
                            {"lookups", lookups}});
  }
  json differences = json::array();
  for (const auto& d : check.differences) {
    differences.push_back(json{{"channel", to_string(d.channel)},
                               {"url", d.url},
                               {"protocol", to_string(d.server.protocol)},
                               {"reference", optional_server_json(d.server.reference)},
                               {"found", optional_server_json(d.server.found)}});
  }
  json servers = json::array();
  for (const auto& verdict : check.servers) {
    json item = check_json(verdict.check);
    json named_by = json::array();
    for (auto kind : verdict.named_by) named_by.push_back(to_string(kind));
    item["named_by"] = named_by;
    servers.push_back(std::move(item));
  }
  json fixes = json::array();
  for (const auto& f : check.fixes) {
    fixes.push_back(json{{"severity", to_string(f.severity)},
                         {"topic", f.topic},
                         {"problem", f.problem},
                         {"fix", f.fix}});
  }
  json publish = nullptr;
  if (check.settings) {
    auto p = publication_for(check);
    publish =
        json{{"based_on", to_string(*check.reference)},
             {"incoming", servers_json(check.settings->incoming)},
             {"outgoing", servers_json(check.settings->outgoing)},
             {"srv_zone", p.srv_zone},
             {"client_config", json{{"urls", p.client_config_urls}, {"xml", p.client_config}}},
             {"autodiscover", json{{"urls", p.autodiscover_urls}, {"xml", p.autodiscover}}},
             {"warnings", p.warnings}};
  }
  return json{{"domain", check.domain},
              {"email", check.email},
              {"ok", check.ok()},
              {"reference", check.reference ? json(to_string(*check.reference)) : json()},
              {"channels", channels},
              {"differences", differences},
              {"servers", servers},
              {"publish", publish},
              {"fixes", fixes}};
}

void print_indented(std::ostream& out, const std::string& text) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out << "    " << text.substr(start, end - start) << '\n';
    start = end + 1;
  }
}

void print_channels(std::ostream& out, const DomainCheck& check) {
  out << "Channels (what each kind of client finds):\n";
  for (const auto& report : check.channels) {
    const std::string state = channel_state(report);
    std::string verdict;
    if (report.publishes() && report.channel != SourceKind::guess)
      verdict = agrees(check, report.channel) ? "agrees" : "DIFFERS";
    std::string where;
    for (const auto& c : report.configs)
      if (!c.provenance.url.empty()) where += (where.empty() ? "" : ", ") + c.provenance.url;
    // Otherwise the first lookup that went wrong (the plain-HTTP variants are only asked
    // to find HTTP-only publications).
    for (const auto& l : report.lookups) {
      if (!where.empty()) break;
      bool failed = l.result == autoconfig::LookupResult::error ||
                    l.result == autoconfig::LookupResult::timeout;
      if (failed && l.target.rfind("http://", 0) != 0)
        where =
            l.detail.find(l.target) == std::string::npos ? l.target + ": " + l.detail : l.detail;
    }
    out << "  " << std::left << std::setw(14) << to_string(report.channel) << std::setw(11) << state
        << std::setw(9) << verdict << where << '\n';
  }
}

void print_check_domain(std::ostream& out, const DomainCheck& check) {
  out << "Checking " << check.domain << " (lookups as " << check.email << ")\n\n";
  print_channels(out, check);
  if (check.settings) {
    out << "\nSettings to publish (from " << to_string(*check.reference) << "):\n";
    for (const auto* servers : {&check.settings->incoming, &check.settings->outgoing})
      for (const auto& s : *servers)
        out << "  " << std::left << std::setw(6) << to_string(s.protocol)
            << autoconfig::describe_server(s) << '\n';
  }
  if (!check.servers.empty()) {
    out << "\nServers (connect, TLS, capabilities; no login):\n";
    std::vector<autoconfig::ServerCheck> checks;
    for (const auto& verdict : check.servers) checks.push_back(verdict.check);
    print_check_table(out, checks, false);
  }
  for (auto severity :
       {autoconfig::DomainFix::Severity::problem, autoconfig::DomainFix::Severity::suggestion}) {
    bool heading = false;
    for (const auto& f : check.fixes) {
      if (f.severity != severity) continue;
      if (!heading)
        out << (severity == autoconfig::DomainFix::Severity::problem ? "\nProblems:\n"
                                                                     : "\nSuggestions:\n");
      heading = true;
      out << "  [" << f.topic << "] " << f.problem << "\n    -> " << f.fix << '\n';
    }
  }
  if (check.settings) {
    auto p = publication_for(check);
    out << "\nWhat to publish so that every client finds these settings:\n"
        << "  DNS SRV records (RFC 6186, RFC 8314), in the zone of " << check.domain << ":\n";
    print_indented(out, p.srv_zone);
    out << "  The clientConfig file (Thunderbird and others), at\n";
    for (const auto& url : p.client_config_urls) out << "    " << url << '\n';
    out << "  over HTTPS with a certificate valid for the host:\n";
    print_indented(out, p.client_config);
    out << "  For Outlook, the Autodiscover POX response, answering POSTs at\n";
    for (const auto& url : p.autodiscover_urls) out << "    " << url << '\n';
    print_indented(out, p.autodiscover);
    for (const auto& warning : p.warnings) out << "  warning: " << warning << '\n';
  }
  out << '\n'
      << (check.ok() ? "OK: every channel that publishes agrees and every server verified.\n"
                     : "NOT OK: fix the problems above.\n");
}

int usage_error(const std::string& message) {
  std::cerr << "mailassist check-domain: " << message << '\n';
  return kExitUsage;
}

int run_check_domain(CheckDomainArguments& args) {
  // postmaster exists at every mail domain (RFC 5321 section 4.5.1): the address ISP
  // autoconfig and Autodiscover are asked about when only a domain is given.
  std::string email =
      args.domain.find('@') == std::string::npos ? "postmaster@" + args.domain : args.domain;
  // Plain-HTTP autoconfig is always asked too: finding an HTTP-only publication is the point.
  args.detect.allow_http = true;
  auto setup = prepare_detection(email, args.detect, args.global, true);
  if (!setup) {
    if (setup.error().kind == ErrorKind::invalid_input) return usage_error(setup.error().message);
    std::cerr << "mailassist check-domain: " << setup.error().message << '\n';
    return kExitFailed;
  }
  if (!autoconfig::is_plausible_domain(setup->context.domain))
    return usage_error("'" + setup->context.domain + "' is not a domain name");

  autoconfig::CheckOptions options;
  options.tls = setup->context.tls;
  options.resolver = setup->context.resolver;
  options.timeout =
      std::chrono::milliseconds(static_cast<long long>(args.global.timeout_seconds * 1000));
  auto checker = [&options, &email](const autoconfig::ServerConfig& server) {
    return autoconfig::check_server(server, {email, "", ""}, options);
  };
  auto check = autoconfig::check_domain(setup->context, setup->sources, setup->deadline, checker);

  if (args.global.json) {
    std::cout << check_domain_json(check).dump(2) << '\n';
  } else {
    print_check_domain(std::cout, check);
  }
  return check.ok() ? kExitOk : kExitFailed;
}

}  // namespace

std::function<int()> add_check_domain_command(CLI::App& app) {
  auto args = std::make_shared<CheckDomainArguments>();
  auto* command = app.add_subcommand(
      "check-domain",
      "Check what a domain publishes for mail clients (every channel, whether they agree, "
      "whether the servers answer with valid certificates) and print what to publish");
  command->add_option("domain", args->domain, "The domain (or an address at it)")->required();
  command->add_option("--ispdb-url", args->detect.ispdb_url,
                      "Where the ISPDB is (default Thunderbird's public ISPDB)");
  command->add_option("--providers-dir", args->detect.providers_dir,
                      "Read the bundled presets from this directory");
  add_global_options(*command, args->global);
  return [args, command]() -> int { return command->parsed() ? run_check_domain(*args) : -1; };
}

}  // namespace mailassist::cli
