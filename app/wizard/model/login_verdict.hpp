#pragma once
// The Testing page's words for a login check: one verdict per result category of
// `mailassist test` (check_advice.cpp gives the CLI's English advice; the wizard shows its
// own translated sentence per verdict and keeps the engine's message as the details).
#include <vector>

#include "app/wizard/model/wizard_environment.hpp"
#include "autoconfig/server_check.hpp"

namespace mailassist::wizard {

enum class LoginVerdict {
  ok,
  wrong_password,
  app_password_required,
  web_login_required,
  imap_disabled,
  certificate_untrusted,   // tls-certificate: expired, self-signed, unknown CA
  certificate_wrong_host,  // tls-hostname
  tls_failed,
  starttls_unavailable,
  plaintext_refused,
  unreachable,
  timeout,
  cancelled,
  other,
};

LoginVerdict verdict_of(const autoconfig::ServerCheck& check);

// A certificate problem: the person may look at the certificate and decide (the wizard
// never trusts it by itself).
bool is_certificate_problem(LoginVerdict verdict);

// The account's servers to test: its first incoming and first outgoing server.
std::vector<autoconfig::ServerConfig> servers_to_test(const autoconfig::AccountConfig& config);

// One check with the wizard's environment (trust, DNS, time limit) and `cancel`.
autoconfig::ServerCheck check_login(const autoconfig::ServerConfig& server,
                                    const autoconfig::CheckCredentials& credentials,
                                    const NetworkContext& network,
                                    const WizardEnvironment& environment,
                                    const CancelToken& cancel);

}  // namespace mailassist::wizard
