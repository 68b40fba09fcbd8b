#include "autoconfig/verify.hpp"

#include <algorithm>

namespace mailassist::autoconfig {

namespace {

bool sent_password(const ServerCheck& check) {
  return check.login_tested &&
         std::any_of(check.stages.begin(), check.stages.end(),
                     [](const CheckStage& s) { return s.name == CheckStageName::login; });
}

// A failure that another user name could fix. Anything else (certificate, app password,
// unreachable) will fail the same way whatever name is sent.
bool wrong_credentials(const ServerCheck& check) {
  return check.error == ErrorKind::auth_failed;
}

class Verifier {
 public:
  Verifier(const CheckCredentials& credentials, const CheckOptions& options,
           const VerifyPolicy& policy, Verification& out)
      : credentials_(credentials), options_(options), policy_(policy), out_(out) {}

  // Tries each server of one direction until one logs in. `preferred_username` (what
  // worked incoming) is tried first for outgoing servers.
  VerifiedDirection verify(const std::vector<ServerConfig>& servers,
                           const std::string& preferred_username) {
    VerifiedDirection direction;
    for (const auto& server : servers) {
      auto names = username_candidates(server, credentials_.email);
      if (!preferred_username.empty()) {
        names.erase(std::remove(names.begin(), names.end(), preferred_username), names.end());
        names.insert(names.begin(), preferred_username);
      }
      for (const auto& name : names) {
        if (out_.password_attempts >= policy_.max_password_attempts) {
          out_.stopped_by_limit = true;
          return direction;
        }
        CheckCredentials attempt = credentials_;
        attempt.username = name;
        direction.attempts.push_back(check_server(server, attempt, options_));
        const auto& check = direction.attempts.back();
        if (sent_password(check)) ++out_.password_attempts;
        if (check.ok()) return direction;
        if (!wrong_credentials(check)) break;  // next server, not next name
      }
    }
    return direction;
  }

 private:
  const CheckCredentials& credentials_;
  const CheckOptions& options_;
  const VerifyPolicy& policy_;
  Verification& out_;
};

}  // namespace

std::optional<std::size_t> Verification::verified_config() const {
  for (const auto& c : configs)
    if (c.incoming.ok() && c.outgoing.ok()) return c.config_index;
  return std::nullopt;
}

std::vector<std::string> username_candidates(const ServerConfig& server, const std::string& email) {
  std::vector<std::string> names{expand_username(server.username, email)};
  for (auto form : {"%EMAILADDRESS%", "%EMAILLOCALPART%"}) {
    auto name = expand_username(form, email);
    if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

Verification verify_detection(const Detection& detection, const CheckCredentials& credentials,
                              const CheckOptions& options, const VerifyPolicy& policy) {
  Verification out;
  Verifier verifier(credentials, options, policy, out);
  auto count = std::min(detection.configs.size(), policy.max_configs);
  for (std::size_t i = 0; i < count && !out.stopped_by_limit; ++i) {
    const auto& config = detection.configs[i].config;
    ConfigVerification result;
    result.config_index = i;
    result.incoming = verifier.verify(config.incoming, "");
    std::string worked = result.incoming.ok() ? result.incoming.attempts.back().username : "";
    if (result.incoming.ok() || config.incoming.empty())
      result.outgoing = verifier.verify(config.outgoing, worked);
    out.configs.push_back(std::move(result));
    if (out.configs.back().incoming.ok() && out.configs.back().outgoing.ok()) break;
  }
  return out;
}

}  // namespace mailassist::autoconfig
