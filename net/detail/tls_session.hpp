#pragma once
// Internal to net/: one TLS client session over a connected non-blocking socket. It does
// not own the socket; the stream that owns both destroys the session first.
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/cancel_token.hpp"
#include "core/deadline.hpp"
#include "core/result.hpp"
#include "net/detail/socket.hpp"
#include "net/stream.hpp"
#include "net/tls_context.hpp"

namespace mailassist::net::detail {

struct TlsTarget {
  std::string host;  // name or IP literal the certificate must match
  std::string peer;  // "host:port" for messages
};

class TlsSession {
 public:
  // Performs the client handshake: SNI and the host-name check for names, an IP check for
  // literals. Errors: tls_certificate, tls_hostname, tls_handshake, timeout, cancelled.
  static Result<std::unique_ptr<TlsSession>> handshake(
      NativeSocket socket, const TlsContext& context, const TlsTarget& target,
      const CancelToken& cancel, const CertificateRejectedHandler& on_rejected, Deadline deadline);
  // Sends close_notify if that can be done at once; never waits for the peer's.
  ~TlsSession();
  TlsSession(const TlsSession&) = delete;
  TlsSession& operator=(const TlsSession&) = delete;

  // 0 when the peer closed (close_notify, or a plain EOF: see the .cpp).
  Result<std::size_t> read_some(std::span<char> buffer, Deadline deadline);
  Result<void> write_all(std::string_view bytes, Deadline deadline);

  const TlsInfo& info() const;

  struct Impl;

 private:
  explicit TlsSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace mailassist::net::detail
