// check-domain's findings, each turned into something a domain owner can do. The texts
// name the exact URL, record or host, because a help desk forwards them as they are.
#include <algorithm>

#include "autoconfig/domain_check.hpp"
#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

using Severity = DomainFix::Severity;

std::string host_of_url(std::string_view url) {
  auto start = url.find("://");
  start = start == std::string_view::npos ? 0 : start + 3;
  auto end = url.find_first_of(":/?#", start);
  return std::string(url.substr(start, end == std::string_view::npos ? end : end - start));
}

// The path of a URL without its query ("/mail/config-v1.1.xml"): where a file is hosted.
std::string path_of_url(std::string_view url) {
  auto start = url.find("://");
  start = url.find('/', start == std::string_view::npos ? 0 : start + 3);
  if (start == std::string_view::npos) return "/";
  auto end = url.find_first_of("?#", start);
  return std::string(url.substr(start, end == std::string_view::npos ? end : end - start));
}

// A lookup's finding in one line: its detail, which usually names the target already.
std::string finding(const LookupReport& lookup) {
  if (lookup.detail.find(lookup.target) != std::string::npos) return lookup.detail;
  return lookup.target + ": " + lookup.detail;
}

bool is_plain_http(std::string_view url) {
  return istarts_with(url, "http://");
}

std::string protocol_name(Protocol protocol) {
  return to_upper_ascii(to_string(protocol));
}

// Plain-HTTP and outside-the-domain publications: the channel answers, but a careful
// client must not trust the answer (DESIGN.md), so for those clients it publishes nothing.
void untrusted_publications(const DomainCheck& check, std::vector<DomainFix>& fixes) {
  for (const auto& report : check.channels) {
    if (!owner_controls(report.channel)) continue;
    std::string channel(to_string(report.channel));
    for (const auto& config : report.configs) {
      if (config.provenance.trusted) continue;
      const auto& url = config.provenance.url;
      if (is_plain_http(url)) {
        auto host = host_of_url(url);
        fixes.push_back({Severity::problem, channel,
                         host + " serves the settings over plain HTTP only (" + url +
                             "); anyone on the network path can change them, so careful "
                             "clients ignore them",
                         "serve the same file at https://" + host + path_of_url(url) +
                             " with a certificate valid for " + host});
        continue;
      }
      std::string warnings;
      for (const auto& warning : config.provenance.warnings)
        warnings += (warnings.empty() ? "" : "; ") + warning;
      std::string what = warnings.empty() ? url + " is not trusted" : warnings;
      std::string fix;
      if (report.channel == SourceKind::srv) {
        // RFC 6186 section 6 / RFC 8314 section 5.1: a target outside the domain is only
        // acceptable with DNSSEC, otherwise a forged answer could send clients anywhere.
        fix = "point the SRV records at host names under " + check.domain +
              " (the certificate must then name them too), or sign the zone with DNSSEC";
      } else if (report.channel == SourceKind::autodiscover) {
        fix = "host the Autodiscover response at https://autodiscover." + check.domain +
              "/autodiscover/autodiscover.xml instead of sending clients to another domain";
      } else {
        fix = "keep every step on HTTPS: no redirect through plain HTTP";
      }
      fixes.push_back({Severity::problem, channel, what, fix});
    }
  }
}

// Lookups of the owner's channels that failed: a document that does not parse, a host
// that accepts and never answers, a DNS server that fails. Plain-HTTP variants are asked
// only to find HTTP-only publications, so their failures are no finding of their own.
void failed_lookups(const DomainCheck& check, std::vector<DomainFix>& fixes) {
  for (const auto& report : check.channels) {
    if (!owner_controls(report.channel)) continue;
    bool http_only =
        std::any_of(report.configs.begin(), report.configs.end(),
                    [](const AccountConfig& c) { return is_plain_http(c.provenance.url); });
    for (const auto& lookup : report.lookups) {
      if (is_plain_http(lookup.target)) continue;
      // Reported with the HTTP-only finding, which names the HTTPS URL.
      if (http_only) continue;
      std::string channel(to_string(report.channel));
      if (lookup.result == LookupResult::error) {
        fixes.push_back({Severity::problem, channel, finding(lookup),
                         report.channel == SourceKind::srv
                             ? "correct the record in the zone of " + check.domain
                             : "serve a valid document there (the clientConfig below, or "
                               "an Autodiscover response for Autodiscover), or nothing at all "
                               "(HTTP 404)"});
      } else if (lookup.result == LookupResult::timeout) {
        fixes.push_back({Severity::problem, channel,
                         lookup.target + " did not answer within the time limit",
                         "clients wait for it before moving on: make it answer, or make it "
                         "refuse the connection"});
      }
    }
  }
}

void disagreements(const DomainCheck& check, std::vector<DomainFix>& fixes) {
  if (!check.reference) return;
  std::string reference(to_string(*check.reference));
  // One finding per channel and URL, listing each protocol it differs on.
  for (std::size_t i = 0; i < check.differences.size();) {
    const auto& first = check.differences[i];
    std::string what;
    std::size_t j = i;
    for (; j < check.differences.size() && check.differences[j].channel == first.channel &&
           check.differences[j].url == first.url;
         ++j) {
      const auto& d = check.differences[j].server;
      if (!what.empty()) what += "; ";
      what += protocol_name(d.protocol) + " " + describe_server(d.found) + " where " + reference +
              " says " + describe_server(d.reference);
    }
    std::string channel(to_string(first.channel));
    std::string where = first.url.empty() ? channel : channel + " (" + first.url + ")";
    fixes.push_back({Severity::problem, channel, where + " disagrees: " + what,
                     "publish the same servers on every channel: the settings below"});
    i = j;
  }
}

std::string server_fix(const ServerCheck& check) {
  const auto& s = check.server;
  std::string name = s.host + ":" + std::to_string(s.port);
  if (!check.error) return {};
  switch (*check.error) {
    case ErrorKind::tls_certificate: {
      std::string offered;
      if (check.rejected_certificate)
        offered = " (offered: " + check.rejected_certificate->subject + ", issued by " +
                  check.rejected_certificate->issuer + ", valid until " +
                  check.rejected_certificate->not_after + ")";
      return "install a current certificate for " + s.host + " from a CA that clients trust" +
             offered;
    }
    case ErrorKind::tls_hostname: {
      std::string offered =
          check.rejected_certificate
              ? " (the one offered is for " + check.rejected_certificate->subject + ")"
              : "";
      return "install a certificate that names " + s.host + offered +
             ", or publish the host name the certificate is for";
    }
    case ErrorKind::starttls_unavailable:
      return "enable STARTTLS on " + name + ", or publish the implicit-TLS port instead";
    case ErrorKind::unreachable:
      return "make " + name + " accept connections, or stop publishing it";
    case ErrorKind::timeout:
      return name + " did not answer in time: check the firewall and the service";
    default:
      return "check the mail service on " + name + ": it does not speak " +
             protocol_name(s.protocol) + " as expected";
  }
}

void failed_servers(const DomainCheck& check, std::vector<DomainFix>& fixes) {
  for (const auto& verdict : check.servers) {
    const auto& c = verdict.check;
    const auto& s = c.server;
    std::string name = protocol_name(s.protocol) + " " + describe_server(s);
    if (s.security == Security::none) {
      fixes.push_back({Severity::problem, "servers",
                       name + " is published without encryption: passwords would cross the "
                              "network in clear",
                       "publish the implicit-TLS port (RFC 8314 section 3) or STARTTLS"});
    }
    if (c.ok()) continue;
    fixes.push_back({Severity::problem, "servers",
                     name + ": " + std::string(result_name(c)) + ": " + c.message, server_fix(c)});
  }
}

void missing_channels(const DomainCheck& check, std::vector<DomainFix>& fixes) {
  bool published = std::any_of(
      check.channels.begin(), check.channels.end(),
      [](const ChannelReport& r) { return r.channel != SourceKind::guess && r.publishes(); });
  if (!published) {
    fixes.push_back(
        {Severity::problem, "settings",
         "no channel publishes settings for " + check.domain + ": clients can only guess",
         check.settings ? "publish the settings below (found only by guessing: confirm them "
                          "first)"
                        : "decide the servers, then publish them: `mailassist export srv-zone`, "
                          "`thunderbird` and `autodiscover` write the records and the files"});
    return;
  }
  auto silent = [&](SourceKind kind) {
    const auto* report = check.channel(kind);
    return report && !report->publishes() &&
           std::none_of(report->lookups.begin(), report->lookups.end(), [](const LookupReport& l) {
             return l.result == LookupResult::error || l.result == LookupResult::timeout;
           });
  };
  if (silent(SourceKind::autoconfig) && silent(SourceKind::well_known)) {
    fixes.push_back({Severity::suggestion, "autoconfig",
                     "no clientConfig file at https://autoconfig." + check.domain +
                         "/mail/config-v1.1.xml or https://" + check.domain +
                         "/.well-known/autoconfig/mail/config-v1.1.xml (Thunderbird and "
                         "others look there)",
                     "host the clientConfig file below at either place"});
  }
  if (silent(SourceKind::srv)) {
    fixes.push_back(
        {Severity::suggestion, "srv",
         "no SRV records for the mail services of " + check.domain + " (RFC 6186, RFC 8314)",
         "add the SRV records below to the zone"});
  }
  if (silent(SourceKind::autodiscover)) {
    fixes.push_back({Severity::suggestion, "autodiscover",
                     "no Autodiscover at https://autodiscover." + check.domain +
                         "/autodiscover/autodiscover.xml (Outlook looks there)",
                     "host the Autodiscover response below there"});
  }
}

}  // namespace

std::vector<DomainFix> fixes_for(const DomainCheck& check) {
  std::vector<DomainFix> fixes;
  missing_channels(check, fixes);
  untrusted_publications(check, fixes);
  failed_lookups(check, fixes);
  disagreements(check, fixes);
  failed_servers(check, fixes);
  // Problems first, in the order found; then the suggestions.
  std::stable_partition(fixes.begin(), fixes.end(),
                        [](const DomainFix& f) { return f.severity == Severity::problem; });
  return fixes;
}

}  // namespace mailassist::autoconfig
