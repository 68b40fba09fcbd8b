#include "app/wizard/model/login_verdict.hpp"

#include "app/wizard/model/account_choice.hpp"

namespace mailassist::wizard {

LoginVerdict verdict_of(const autoconfig::ServerCheck& check) {
  if (check.ok()) return LoginVerdict::ok;
  switch (*check.error) {
    case ErrorKind::auth_failed: return LoginVerdict::wrong_password;
    case ErrorKind::app_password_required: return LoginVerdict::app_password_required;
    case ErrorKind::web_login_required: return LoginVerdict::web_login_required;
    case ErrorKind::imap_disabled: return LoginVerdict::imap_disabled;
    case ErrorKind::tls_certificate: return LoginVerdict::certificate_untrusted;
    case ErrorKind::tls_hostname: return LoginVerdict::certificate_wrong_host;
    case ErrorKind::tls_handshake: return LoginVerdict::tls_failed;
    case ErrorKind::starttls_unavailable: return LoginVerdict::starttls_unavailable;
    case ErrorKind::plaintext_refused: return LoginVerdict::plaintext_refused;
    case ErrorKind::unreachable:
    case ErrorKind::connection_closed: return LoginVerdict::unreachable;
    case ErrorKind::timeout: return LoginVerdict::timeout;
    case ErrorKind::cancelled: return LoginVerdict::cancelled;
    default: return LoginVerdict::other;
  }
}

bool is_certificate_problem(LoginVerdict verdict) {
  return verdict == LoginVerdict::certificate_untrusted ||
         verdict == LoginVerdict::certificate_wrong_host;
}

std::vector<autoconfig::ServerConfig> servers_to_test(const autoconfig::AccountConfig& config) {
  std::vector<autoconfig::ServerConfig> servers;
  if (auto* in = incoming_server(config)) servers.push_back(*in);
  if (auto* out = outgoing_server(config)) servers.push_back(*out);
  return servers;
}

autoconfig::ServerCheck check_login(const autoconfig::ServerConfig& server,
                                    const autoconfig::CheckCredentials& credentials,
                                    const NetworkContext& network,
                                    const WizardEnvironment& environment,
                                    const CancelToken& cancel) {
  autoconfig::CheckOptions options;
  options.tls = network.tls;
  options.resolver = network.resolver;
  options.timeout = environment.timeout;
  options.cancel = cancel;
  return autoconfig::check_server(server, credentials, options);
}

}  // namespace mailassist::wizard
