#pragma once
// What detection's sources share: the request, and the report of each lookup they made.
// Every lookup a source makes — found or not — is reported, with its time, so that the
// CLI's "lookups" list and the wizard's live list show exactly what was tried.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "autoconfig/account_config.hpp"
#include "core/cancel_token.hpp"
#include "core/deadline.hpp"
#include "net/http_client.hpp"
#include "net/resolver.hpp"
#include "net/tls_context.hpp"

namespace mailassist::autoconfig {

// The channels, in the order of their priority when they disagree (DESIGN.md).
enum class SourceKind { preset, autoconfig, well_known, ispdb, mx, srv, autodiscover, guess };

constexpr std::string_view to_string(SourceKind kind) {
  switch (kind) {
    case SourceKind::preset: return "preset";
    case SourceKind::autoconfig: return "autoconfig";
    case SourceKind::well_known: return "well-known";
    case SourceKind::ispdb: return "ispdb";
    case SourceKind::mx: return "mx";
    case SourceKind::srv: return "srv";
    case SourceKind::autodiscover: return "autodiscover";
    case SourceKind::guess: return "guess";
  }
  return "guess";
}

enum class LookupResult { found, none, error, timeout, skipped };

constexpr std::string_view to_string(LookupResult result) {
  switch (result) {
    case LookupResult::found: return "found";
    case LookupResult::none: return "none";
    case LookupResult::error: return "error";
    case LookupResult::timeout: return "timeout";
    case LookupResult::skipped: return "skipped";
  }
  return "error";
}

struct LookupReport {
  SourceKind source = SourceKind::guess;
  std::string target;  // the URL, DNS name or host:port asked
  LookupResult result = LookupResult::none;
  long long ms = 0;
  std::string detail;  // why none/error/skipped, or what was found
};

struct DetectOptions {
  bool offline = false;     // presets only, no network
  bool allow_http = false;  // also try plain-HTTP autoconfig URLs (results untrusted)
  std::string ispdb_url = "https://autoconfig.thunderbird.net/v1.1/";
  std::string providers_dir;  // presets; empty = the installed providers directory
};

// Everything a source needs. Shared, read-only, by every source running at once.
struct DetectContext {
  std::string email;
  std::string domain;  // lower-cased, from the address
  DetectOptions options;
  std::shared_ptr<net::Resolver> resolver;
  std::shared_ptr<const net::TlsContext> tls;
  std::shared_ptr<const net::HttpClient> http;
  CancelToken cancel;
};

// What one source found: configs (each with its provenance filled) and every lookup made.
struct SourceOutcome {
  std::vector<AccountConfig> configs;
  std::vector<LookupReport> lookups;
};

}  // namespace mailassist::autoconfig
