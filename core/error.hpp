#pragma once
// Errors are values. Every error carries a category a user (or the CLI's JSON) can act on
// and a message saying what happened and where.
#include <string>
#include <string_view>

namespace mailassist {

enum class ErrorKind {
  // Transport
  unreachable,        // name did not resolve, connection refused, no route
  timeout,            // a deadline passed
  tls_certificate,    // chain did not verify (expired, self-signed, unknown CA...)
  tls_hostname,       // chain verified but is not for the host we asked for
  tls_handshake,      // protocol version, cipher, or other handshake failure
  connection_closed,  // the peer closed the connection when we expected more
  // Protocol
  protocol_error,        // a malformed, unexpected, or oversized server reply
  starttls_unavailable,  // STARTTLS/STLS asked for but not offered: never downgrade
  plaintext_refused,     // we refuse to send a password over an unencrypted channel
  auth_failed,           // the server rejected the credentials
  app_password_required,
  web_login_required,
  imap_disabled,
  auth_unsupported,  // no SASL mechanism both sides speak
  // Local
  invalid_input,  // bad argument, malformed file
  io_error,       // local file system
  cancelled,
  internal,
};

// Stable identifier used in JSON output and tests ("tls-certificate", "auth-failed"...).
std::string_view to_string(ErrorKind kind);

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
};

inline Error make_error(ErrorKind kind, std::string message) {
  return Error{kind, std::move(message)};
}

}  // namespace mailassist
