#pragma once
// `detect --verify`: prove detected settings by logging in, incoming and outgoing (which
// Thunderbird's wizard never checks), falling back through the ranked candidates and the
// two common user-name forms — with a hard bound on password attempts, because servers
// lock accounts (and fail2ban blocks addresses) after a few failures.
#include <optional>
#include <vector>

#include "autoconfig/detector.hpp"
#include "autoconfig/server_check.hpp"

namespace mailassist::autoconfig {

struct VerifyPolicy {
  int max_password_attempts = 4;  // logins that actually sent the password, in total
  std::size_t max_configs = 3;    // candidates tried, best first
};

// The outcome for one direction (incoming or outgoing) of one config.
struct VerifiedDirection {
  std::vector<ServerCheck> attempts;  // in the order tried
  bool ok() const { return !attempts.empty() && attempts.back().ok(); }
};

struct ConfigVerification {
  std::size_t config_index = 0;  // into Detection::configs
  VerifiedDirection incoming;
  VerifiedDirection outgoing;
};

struct Verification {
  std::vector<ConfigVerification> configs;  // those tried
  int password_attempts = 0;
  bool stopped_by_limit = false;
  // The first config whose incoming and outgoing logins both worked.
  std::optional<std::size_t> verified_config() const;
};

Verification verify_detection(const Detection& detection, const CheckCredentials& credentials,
                              const CheckOptions& options, const VerifyPolicy& policy = {});

// The user names worth trying for a server: its template expanded, then the other common
// form (full address <-> local part). Exposed for tests.
std::vector<std::string> username_candidates(const ServerConfig& server, const std::string& email);

}  // namespace mailassist::autoconfig
