#pragma once
// Internal to net/: turning OpenSSL's view of a certificate into what a person can read,
// and remembering why verification failed. OpenSSL types are only forward-declared here.
#include <memory>
#include <string>

#include "core/error.hpp"
#include "net/stream.hpp"

struct ssl_st;
struct x509_st;
struct x509_store_ctx_st;

namespace mailassist::net::detail {

// Subject, issuer, expiry and SHA-256 fingerprint of one certificate.
CertificateInfo describe_certificate(const x509_st* certificate);

// The first verification failure of one handshake, captured by verify_callback (the
// verify result alone does not say which certificate of the chain failed).
class VerifyRecord {
 public:
  VerifyRecord();
  ~VerifyRecord();
  VerifyRecord(const VerifyRecord&) = delete;
  VerifyRecord& operator=(const VerifyRecord&) = delete;

  // Makes verify_callback record into this object during `ssl`'s handshake.
  void attach(ssl_st* ssl);

  bool failed() const;
  // The server's own certificate, as a user would inspect it; nullopt if none was seen.
  std::optional<CertificateInfo> leaf() const;

  // The ErrorKind::tls_certificate / tls_hostname error explaining the failure in plain
  // words. `peer` is "host:port" for messages, `host` the name the certificate must match.
  Error to_error(const std::string& peer, const std::string& host) const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

// Installed on every SSL_CTX by TlsContext::create (SSL_CTX_set_verify(3)). It never changes
// OpenSSL's decision; it only records the first failure into the attached VerifyRecord.
int verify_callback(int preverify_ok, x509_store_ctx_st* store);

}  // namespace mailassist::net::detail
