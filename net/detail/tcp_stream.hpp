#pragma once
// Internal to net/: the Stream that connect() returns, a TCP socket with an optional TLS
// session on top (from the start for implicit TLS, or after start_tls).
#include <memory>

#include "net/detail/socket.hpp"
#include "net/detail/tls_session.hpp"
#include "net/stream.hpp"

namespace mailassist::net::detail {

struct StreamSettings {
  std::string host;  // as given to connect: the name the certificate must match
  std::string peer;  // "host:port"
  std::shared_ptr<const TlsContext> tls;  // may be null: start_tls then fails
  CancelToken cancel;
  CertificateRejectedHandler on_certificate_rejected;
};

class TcpStream final : public Stream {
 public:
  TcpStream(Socket socket, StreamSettings settings);
  ~TcpStream() override;

  Result<std::size_t> read_some(std::span<char> buffer, Deadline deadline) override;
  Result<void> write_all(std::string_view bytes, Deadline deadline) override;
  Result<void> start_tls(Deadline deadline) override;
  const std::optional<TlsInfo>& tls() const override { return tls_info_; }
  const std::string& peer() const override { return settings_.peer; }

 private:
  Socket socket_;  // declared first: destroyed after the session that writes to it
  StreamSettings settings_;
  std::unique_ptr<TlsSession> session_;
  std::optional<TlsInfo> tls_info_;
};

}  // namespace mailassist::net::detail
