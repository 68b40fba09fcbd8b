#include "core/error.hpp"

namespace mailassist {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::unreachable: return "unreachable";
    case ErrorKind::timeout: return "timeout";
    case ErrorKind::tls_certificate: return "tls-certificate";
    case ErrorKind::tls_hostname: return "tls-hostname";
    case ErrorKind::tls_handshake: return "tls-handshake";
    case ErrorKind::connection_closed: return "connection-closed";
    case ErrorKind::protocol_error: return "protocol-error";
    case ErrorKind::starttls_unavailable: return "starttls-unavailable";
    case ErrorKind::plaintext_refused: return "plaintext-refused";
    case ErrorKind::auth_failed: return "auth-failed";
    case ErrorKind::app_password_required: return "app-password-required";
    case ErrorKind::web_login_required: return "web-login-required";
    case ErrorKind::imap_disabled: return "imap-disabled";
    case ErrorKind::auth_unsupported: return "auth-unsupported";
    case ErrorKind::invalid_input: return "invalid-input";
    case ErrorKind::io_error: return "io-error";
    case ErrorKind::cancelled: return "cancelled";
    case ErrorKind::internal: return "internal";
  }
  return "internal";
}

}  // namespace mailassist
