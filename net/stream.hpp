#pragma once
// A byte stream to a server: plain TCP that can be upgraded to TLS in place (STARTTLS), or
// TLS from the first byte (implicit TLS). OpenSSL stays behind this interface: no OpenSSL
// header appears outside net/*.cpp.
#include <cstddef>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/deadline.hpp"
#include "core/result.hpp"

namespace mailassist::net {

// What a user needs to decide about a certificate (and what `test --json` reports).
struct CertificateInfo {
  std::string subject;  // one-line RFC 2253 form, e.g. "CN=imap.example.test"
  std::string issuer;
  std::string not_after;  // ISO 8601 UTC, e.g. "2027-11-26T19:30:00Z"
  std::string sha256;     // upper-case hex pairs joined by ':'
};

// Called when a server's certificate fails verification, during implicit TLS in connect()
// or a later Stream::start_tls(), just before that call returns the tls_certificate or
// tls_hostname error it is given. The handshake is over by then: this only lets a caller
// show the person what was offered (fingerprint, issuer, expiry) and ask whether to trust
// it. Runs on the connecting thread. Set it in ConnectOptions::on_certificate_rejected.
using CertificateRejectedHandler =
    std::function<void(const CertificateInfo& certificate, const Error& error)>;

struct TlsInfo {
  std::string version;  // "TLSv1.3"
  std::string cipher;   // "TLS_AES_256_GCM_SHA384"
  CertificateInfo certificate;
};

class Stream {
 public:
  virtual ~Stream() = default;

  // Reads at least one byte. Returns 0 when the peer closed the connection.
  virtual Result<std::size_t> read_some(std::span<char> buffer, Deadline deadline) = 0;
  virtual Result<void> write_all(std::string_view bytes, Deadline deadline) = 0;

  // Upgrades a plain connection to TLS in place, verifying the certificate chain and the
  // host name given at connect time. Fails if already encrypted.
  virtual Result<void> start_tls(Deadline deadline) = 0;

  // Set once the stream is encrypted.
  virtual const std::optional<TlsInfo>& tls() const = 0;
  bool encrypted() const { return tls().has_value(); }

  // "host:port" as given to connect, for messages.
  virtual const std::string& peer() const = 0;
};

}  // namespace mailassist::net
