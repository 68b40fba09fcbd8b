// One line of advice per failed check: what the person can do next, in plain words.
#include <string>

#include "autoconfig/server_check.hpp"

namespace mailassist::autoconfig {

namespace {

std::string_view implicit_tls_ports(Protocol protocol) {
  switch (protocol) {
    case Protocol::imap: return "993";
    case Protocol::pop3: return "995";
    case Protocol::smtp: return "465";
  }
  return "993";
}

}  // namespace

std::string advice_for(const ServerCheck& check) {
  if (!check.error) return {};
  switch (*check.error) {
    case ErrorKind::auth_failed:
      return "Check the user name and password; most providers want the full email address "
             "as the user name.";
    case ErrorKind::app_password_required:
      return "This account uses two-step verification: create an app password in the "
             "provider's security settings and use it instead of your normal password.";
    case ErrorKind::web_login_required:
      return "The provider blocked this sign-in: sign in once with a web browser (the "
             "server's message may have a link), then try again.";
    case ErrorKind::imap_disabled:
      return "IMAP is switched off for this account: enable it in the webmail settings "
             "(Gmail: Settings > See all settings > Forwarding and POP/IMAP).";
    case ErrorKind::tls_certificate:
      return "The server's certificate is not trusted, so nothing was sent. Check the server "
             "name; if your organisation runs its own certificate authority, add it with "
             "--ca-file.";
    case ErrorKind::tls_hostname:
      return "The certificate is for another server name: use the host name the certificate "
             "was issued for (usually the provider's, not your own domain).";
    case ErrorKind::tls_handshake:
      return "No common secure protocol (TLS 1.2 or newer): the server may be outdated, or "
             "this port does not speak TLS; try the other security setting.";
    case ErrorKind::starttls_unavailable:
      return "The server does not offer STARTTLS here, so the password was not sent: use "
             "implicit TLS on port " +
             std::string(implicit_tls_ports(check.server.protocol)) + ", or ask the provider.";
    case ErrorKind::plaintext_refused:
      return "The connection is not encrypted, so the password was not sent: choose TLS or "
             "STARTTLS (or --allow-plaintext if you accept that risk).";
    case ErrorKind::unreachable:
      return "The server could not be reached: check the host name and the port, and "
             "whether a firewall blocks that port.";
    case ErrorKind::timeout:
    case ErrorKind::cancelled:
      return "The server did not answer in time: check the port and the firewall, or allow "
             "more time with --timeout.";
    default:
      return "The server did not answer as a " + std::string(to_string(check.server.protocol)) +
             " server should: check the port and the security setting.";
  }
}

}  // namespace mailassist::autoconfig
