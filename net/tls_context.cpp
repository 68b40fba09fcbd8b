// The client SSL_CTX shared by every connection of a run.
#include "net/tls_context.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <fstream>

#include "net/detail/certificate.hpp"

namespace mailassist::net {

namespace {

std::string openssl_reason() {
  unsigned long code = ERR_peek_last_error();
  const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
  return reason != nullptr ? reason : "unknown error";
}

}  // namespace

Result<std::shared_ptr<const TlsContext>> TlsContext::create(const TlsSettings& settings) {
  ERR_clear_error();
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                        &SSL_CTX_free);
  if (!ctx) {
    return make_error(ErrorKind::internal, "could not create a TLS context: " + openssl_reason());
  }
  // TLS 1.2 minimum (RFC 8996 deprecates 1.0 and 1.1; RFC 8314 section 4.1 asks mail
  // clients for 1.2 or later).
  if (SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION) != 1) {
    return make_error(ErrorKind::internal, "could not require TLS 1.2: " + openssl_reason());
  }
  // Verification is never optional: a failure aborts the handshake. The callback only
  // records which certificate failed and why, for the message (see certificate.cpp).
  SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, &detail::verify_callback);
  // No TLS 1.2 renegotiation: nothing a mail client needs, and a past source of attacks.
  SSL_CTX_set_options(ctx.get(), SSL_OP_NO_RENEGOTIATION);
  // write_all loops over partial writes itself; it may retry with a different length.
  SSL_CTX_set_mode(ctx.get(), SSL_MODE_ENABLE_PARTIAL_WRITE);

  if (settings.use_system_store && SSL_CTX_set_default_verify_paths(ctx.get()) != 1) {
    return make_error(ErrorKind::internal,
                      "could not load the system's trusted certificates: " + openssl_reason());
  }
  if (!settings.extra_ca_file.empty()) {
    // Checked separately so that "no such file" is not reported as a PEM parse error.
    if (!std::ifstream(settings.extra_ca_file).good()) {
      return make_error(ErrorKind::invalid_input,
                        "cannot read the CA file " + settings.extra_ca_file);
    }
    if (SSL_CTX_load_verify_locations(ctx.get(), settings.extra_ca_file.c_str(), nullptr) != 1) {
      return make_error(ErrorKind::invalid_input,
                        "the CA file " + settings.extra_ca_file +
                            " holds no usable certificate: " + openssl_reason());
    }
  }
  ERR_clear_error();
  return std::shared_ptr<const TlsContext>(new TlsContext(ctx.release()));
}

TlsContext::~TlsContext() {
  SSL_CTX_free(static_cast<SSL_CTX*>(native_));
}

}  // namespace mailassist::net
