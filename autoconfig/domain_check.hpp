#pragma once
// `mailassist check-domain`: what a domain publishes for mail clients, seen the way a help
// desk needs it. Every detection channel runs for the domain (the detector's own sources,
// waiting for all of them), each channel's settings are kept apart and compared with the
// best one, every server they name is checked (connect, TLS or STARTTLS, capabilities; no
// login), and the findings become concrete fixes.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "autoconfig/channel_agreement.hpp"
#include "autoconfig/detector.hpp"
#include "autoconfig/server_check.hpp"

namespace mailassist::autoconfig {

// What one channel said: the settings it publishes (one per place that answered, e.g. the
// HTTPS and the plain-HTTP autoconfig URL) and every lookup it made.
struct ChannelReport {
  SourceKind channel = SourceKind::preset;
  std::vector<AccountConfig> configs;
  std::vector<LookupReport> lookups;
  bool publishes() const { return !configs.empty(); }
};

// A channel (at one URL or record) that names other servers than the reference channel.
struct ChannelDifference {
  SourceKind channel = SourceKind::preset;
  std::string url;
  ServerDifference server;
};

// One server named by the channels (or guessed, when nothing is published), as it answered.
struct ServerVerdict {
  ServerCheck check;
  std::vector<SourceKind> named_by;
};

// A finding and what to do about it. A problem makes the check fail; a suggestion does not
// (a domain need not publish on every channel, but each one it adds helps other clients).
struct DomainFix {
  enum class Severity { problem, suggestion };
  Severity severity = Severity::problem;
  std::string topic;    // the channel ("srv"), "servers" or "settings"
  std::string problem;  // what is wrong or missing, naming the URL, record or host
  std::string fix;      // what to do
};

constexpr std::string_view to_string(DomainFix::Severity severity) {
  return severity == DomainFix::Severity::problem ? "problem" : "suggestion";
}

struct DomainCheck {
  std::string domain;
  std::string email;                    // the address the lookups were made for
  std::vector<ChannelReport> channels;  // every channel, in priority order
  // The channel whose settings the others are compared with and that check-domain advises
  // publishing everywhere: the best published config by detection's ranking (a guess only
  // when nothing is published).
  std::optional<SourceKind> reference;
  std::optional<AccountConfig> settings;
  std::vector<ChannelDifference> differences;
  std::vector<ServerVerdict> servers;
  std::vector<DomainFix> fixes;

  // Some channel publishes, every publication agrees and is trustworthy, and every server
  // verified: no fix is a problem.
  bool ok() const;
  const ChannelReport* channel(SourceKind kind) const;
};

// How one server is checked; check_domain passes no password, so nothing logs in.
using ServerChecker = std::function<ServerCheck(const ServerConfig&)>;

// Runs `sources` for context.email (detect with wait_for_all), then checks every distinct
// server at once with `checker`, all under `deadline`, and derives the fixes.
DomainCheck check_domain(const DetectContext& context, const std::vector<Source>& sources,
                         Deadline deadline, const ServerChecker& checker);

// The part of check_domain after the lookups, for tests: reference, differences, which
// servers to check (each distinct protocol/host/port/security once), and, given the
// verdicts, the fixes (domain_fixes.cpp).
void compare_channels(DomainCheck& check);
std::vector<ServerVerdict> servers_to_check(const DomainCheck& check);
std::vector<DomainFix> fixes_for(const DomainCheck& check);

// Channels a domain owner controls (their errors are the owner's to fix); the ISPDB and the
// bundled presets are not, and guessing publishes nothing.
bool owner_controls(SourceKind channel);

}  // namespace mailassist::autoconfig
