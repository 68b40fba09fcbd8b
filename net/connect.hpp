#pragma once
// Opening a connection: resolve the host through our resolver (so --dns-server applies),
// connect to each address in turn within the deadline, and for implicit TLS perform the
// handshake before returning.
#include <cstdint>
#include <memory>
#include <string>

#include "core/cancel_token.hpp"
#include "net/resolver.hpp"
#include "net/stream.hpp"
#include "net/tls_context.hpp"

namespace mailassist::net {

struct Endpoint {
  std::string host;  // name or IP literal; also the name the certificate must match
  std::uint16_t port = 0;
};

enum class Encryption { none, implicit_tls };

struct ConnectOptions {
  Encryption encryption = Encryption::none;
  std::shared_ptr<const TlsContext> tls;  // required for TLS (implicit or a later STARTTLS)
  std::shared_ptr<Resolver> resolver;     // null: a default resolver (system DNS servers)
  CancelToken cancel;  // also honoured by the stream's reads, writes and start_tls
  // See CertificateRejectedHandler (net/stream.hpp); kept by the stream for start_tls.
  CertificateRejectedHandler on_certificate_rejected;
};

Result<std::unique_ptr<Stream>> connect(const Endpoint& endpoint, const ConnectOptions& options,
                                        Deadline deadline);

}  // namespace mailassist::net
