// TLS over a non-blocking socket with OpenSSL 3. Every SSL_* call that would block returns
// SSL_ERROR_WANT_READ/WRITE and we poll() under the caller's Deadline and CancelToken
// (SSL_get_error(3), "the same function must be retried once the socket is ready").
//
// SIGPIPE: OpenSSL's own socket BIO writes with write(2), which raises SIGPIPE when the
// server has gone away. Ignoring SIGPIPE process-wide would be a library changing its
// host's signal handling, so instead the session writes through a small custom BIO whose
// write goes through detail::send_some (MSG_NOSIGNAL / SO_NOSIGPIPE). As a bonus all
// socket calls stay in the platform file.
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <mutex>

#include "net/detail/certificate.hpp"
#include "net/detail/tls_session.hpp"

namespace mailassist::net::detail {

namespace {

// What the BIO saw on the socket, for messages OpenSSL cannot give (it sees only "0").
struct SocketIo {
  NativeSocket socket = kNoSocket;
  bool eof = false;
  int error = 0;  // OS error number of a failed send/recv
};

int bio_write(BIO* bio, const char* data, std::size_t size, std::size_t* written) {
  auto& io = *static_cast<SocketIo*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  auto r = send_some(io.socket, data, size);
  switch (r.status) {
    case IoStatus::done: *written = r.bytes; return 1;
    case IoStatus::would_block: BIO_set_retry_write(bio); return 0;
    case IoStatus::closed:
      io.eof = true;
      io.error = r.error;
      return 0;
    case IoStatus::failed: io.error = r.error; return 0;
  }
  return 0;
}

int bio_read(BIO* bio, char* data, std::size_t size, std::size_t* read) {
  auto& io = *static_cast<SocketIo*>(BIO_get_data(bio));
  BIO_clear_retry_flags(bio);
  auto r = receive_some(io.socket, data, size);
  switch (r.status) {
    case IoStatus::done: *read = r.bytes; return 1;
    case IoStatus::would_block: BIO_set_retry_read(bio); return 0;
    case IoStatus::closed: io.eof = true; return 0;
    case IoStatus::failed: io.error = r.error; return 0;
  }
  return 0;
}

long bio_ctrl(BIO* bio, int command, long /*number*/, void* /*pointer*/) {
  switch (command) {
    case BIO_CTRL_FLUSH: return 1;  // nothing is buffered here
    case BIO_CTRL_EOF: return static_cast<SocketIo*>(BIO_get_data(bio))->eof ? 1 : 0;
    default: return 0;  // unsupported controls (kTLS, timeouts...) report "no"
  }
}

int bio_create(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

// One method table for the process, made on first use and kept until exit.
const BIO_METHOD* socket_bio_method() {
  static std::once_flag once;
  static BIO_METHOD* method = nullptr;
  std::call_once(once, [] {
    method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "mailassist socket");
    if (method == nullptr) return;
    BIO_meth_set_write_ex(method, &bio_write);
    BIO_meth_set_read_ex(method, &bio_read);
    BIO_meth_set_ctrl(method, &bio_ctrl);
    BIO_meth_set_create(method, &bio_create);
  });
  return method;
}

std::string openssl_reason() {
  unsigned long code = ERR_peek_last_error();
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  return reason != nullptr ? reason : "unknown error";
}

bool last_error_is_unexpected_eof() {
  unsigned long code = ERR_peek_last_error();
  return code != 0 && ERR_GET_LIB(code) == ERR_LIB_SSL &&
         ERR_GET_REASON(code) == SSL_R_UNEXPECTED_EOF_WHILE_READING;
}

}  // namespace

struct TlsSession::Impl {
  std::unique_ptr<SocketIo> io = std::make_unique<SocketIo>();  // the BIO points at it
  SSL* ssl = nullptr;
  VerifyRecord record;  // lives as long as the SSL that points at it
  TlsTarget target;
  CancelToken cancel;
  TlsInfo info;
  bool usable = false;  // handshake done and no fatal error since (SSL_shutdown(3))

  ~Impl() { SSL_free(ssl); }

  // Waits as SSL_get_error asks; any other outcome is returned as `failure`.
  enum class Step { retry, failure };
  Result<Step> wait_for(int ssl_error, Deadline deadline, std::string_view doing) {
    if (ssl_error == SSL_ERROR_WANT_READ || ssl_error == SSL_ERROR_WANT_WRITE) {
      auto what = ssl_error == SSL_ERROR_WANT_READ ? WaitFor::readable : WaitFor::writable;
      auto ready = wait_ready(io->socket, what, deadline, cancel, target.peer, doing);
      if (!ready) return std::move(ready).error();
      return Step::retry;
    }
    return Step::failure;
  }

  Error handshake_error(int ssl_error) const {
    if (io->eof || ssl_error == SSL_ERROR_ZERO_RETURN || last_error_is_unexpected_eof()) {
      return make_error(ErrorKind::tls_handshake, "the server at " + target.peer +
                                                      " closed the connection during the "
                                                      "TLS handshake");
    }
    if (io->error != 0) {
      return make_error(ErrorKind::tls_handshake,
                        "the connection to " + target.peer +
                            " failed during the TLS handshake: " + error_text(io->error));
    }
    unsigned long code = ERR_peek_last_error();
    std::string message = "TLS handshake with " + target.peer + " failed: " + openssl_reason();
    if (ERR_GET_LIB(code) == ERR_LIB_SSL &&
        (ERR_GET_REASON(code) == SSL_R_UNSUPPORTED_PROTOCOL ||
         ERR_GET_REASON(code) == SSL_R_TLSV1_ALERT_PROTOCOL_VERSION)) {
      message += " (the server offers no TLS version from 1.2 up)";
    }
    return make_error(ErrorKind::tls_handshake, std::move(message));
  }

  Error stream_error(int ssl_error, std::string_view doing) const {
    if (io->eof) {
      return make_error(ErrorKind::connection_closed,
                        "the server at " + target.peer + " closed the connection");
    }
    std::string reason = io->error != 0 ? error_text(io->error) : openssl_reason();
    if (ssl_error == SSL_ERROR_SYSCALL && io->error == 0) reason = "connection lost";
    return make_error(ErrorKind::connection_closed, "the TLS connection to " + target.peer +
                                                        " failed while " + std::string(doing) +
                                                        ": " + reason);
  }
};

TlsSession::TlsSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

TlsSession::~TlsSession() {
  if (impl_->usable) {
    // One attempt to send close_notify (RFC 8446 section 6.1); not waiting for the peer's
    // reply is allowed for a client that is done with the connection.
    ERR_clear_error();
    (void)SSL_shutdown(impl_->ssl);
    ERR_clear_error();
  }
}

const TlsInfo& TlsSession::info() const {
  return impl_->info;
}

Result<std::unique_ptr<TlsSession>> TlsSession::handshake(
    NativeSocket socket, const TlsContext& context, const TlsTarget& target,
    const CancelToken& cancel, const CertificateRejectedHandler& on_rejected, Deadline deadline) {
  ERR_clear_error();
  auto impl = std::make_unique<Impl>();
  impl->io->socket = socket;
  impl->target = target;
  impl->cancel = cancel;
  impl->ssl = SSL_new(static_cast<SSL_CTX*>(context.native()));
  const BIO_METHOD* method = socket_bio_method();
  BIO* bio = method != nullptr ? BIO_new(method) : nullptr;
  if (impl->ssl == nullptr || bio == nullptr) {
    BIO_free(bio);
    return make_error(ErrorKind::internal, "could not start TLS: " + openssl_reason());
  }
  BIO_set_data(bio, impl->io.get());
  SSL_set_bio(impl->ssl, bio, bio);  // the SSL owns the BIO from here (one reference)

  std::string bare(strip_brackets(target.host));
  bool configured = true;
  if (ip_literal_family(bare)) {
    // RFC 6066 section 3: SNI carries host names only, never addresses. The address must
    // appear as an iPAddress subjectAltName (RFC 6125 / RFC 5280 4.2.1.6).
    configured = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(impl->ssl), bare.c_str()) == 1;
  } else {
    // SSL_set1_host(3): OpenSSL's own RFC 6125 name matching; partial wildcards such as
    // "imap*.example.com" are refused, as RFC 6125 section 7.2 advises.
    SSL_set_hostflags(impl->ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    // SSL_set_tlsext_host_name is a macro with a C cast; this is what it expands to.
    configured = SSL_ctrl(impl->ssl, SSL_CTRL_SET_TLSEXT_HOSTNAME, TLSEXT_NAMETYPE_host_name,
                          bare.data()) == 1 &&
                 SSL_set1_host(impl->ssl, bare.c_str()) == 1;
  }
  if (!configured) {
    return make_error(ErrorKind::invalid_input,
                      "\"" + target.host + "\" cannot be checked against a certificate");
  }

  VerifyRecord& record = impl->record;
  record.attach(impl->ssl);
  SSL_set_connect_state(impl->ssl);
  for (;;) {
    ERR_clear_error();
    int r = SSL_do_handshake(impl->ssl);
    if (r == 1) break;
    int ssl_error = SSL_get_error(impl->ssl, r);
    auto step = impl->wait_for(ssl_error, deadline, "in the TLS handshake with");
    if (!step) return std::move(step).error();
    if (*step == Impl::Step::retry) continue;
    if (record.failed()) {
      Error error = record.to_error(target.peer, bare);
      if (on_rejected) {
        if (auto leaf = record.leaf()) on_rejected(*leaf, error);
      }
      return error;
    }
    return impl->handshake_error(ssl_error);
  }
  impl->usable = true;
  impl->info.version = SSL_get_version(impl->ssl);
  impl->info.cipher = SSL_CIPHER_get_name(SSL_get_current_cipher(impl->ssl));
  impl->info.certificate = describe_certificate(SSL_get0_peer_certificate(impl->ssl));
  return std::unique_ptr<TlsSession>(new TlsSession(std::move(impl)));
}

Result<std::size_t> TlsSession::read_some(std::span<char> buffer, Deadline deadline) {
  if (buffer.empty()) return std::size_t{0};
  for (;;) {
    ERR_clear_error();
    std::size_t got = 0;
    int r = SSL_read_ex(impl_->ssl, buffer.data(), buffer.size(), &got);
    if (r == 1) return got;
    int ssl_error = SSL_get_error(impl_->ssl, r);
    if (ssl_error == SSL_ERROR_ZERO_RETURN) return std::size_t{0};
    auto step = impl_->wait_for(ssl_error, deadline, "waiting for data from");
    if (!step) return std::move(step).error();
    if (*step == Impl::Step::retry) continue;
    impl_->usable = false;
    // Many mail servers close the TCP connection after "BYE"/"+OK bye" without sending
    // close_notify. The mail protocols frame their own data, so a truncation cannot go
    // unnoticed: treat such an EOF like an orderly close.
    if ((ssl_error == SSL_ERROR_SYSCALL && impl_->io->error == 0) ||
        (ssl_error == SSL_ERROR_SSL && last_error_is_unexpected_eof())) {
      return std::size_t{0};
    }
    return impl_->stream_error(ssl_error, "reading");
  }
}

Result<void> TlsSession::write_all(std::string_view bytes, Deadline deadline) {
  while (!bytes.empty()) {
    ERR_clear_error();
    std::size_t sent = 0;
    int r = SSL_write_ex(impl_->ssl, bytes.data(), bytes.size(), &sent);
    if (r == 1) {
      bytes.remove_prefix(sent);
      continue;
    }
    int ssl_error = SSL_get_error(impl_->ssl, r);
    auto step = impl_->wait_for(ssl_error, deadline, "sending to");
    if (!step) return std::move(step).error();
    if (*step == Impl::Step::retry) continue;
    impl_->usable = false;
    return impl_->stream_error(ssl_error, "sending");
  }
  return ok();
}

}  // namespace mailassist::net::detail
