#include "tests/unit/net/tls_test_server.hpp"

#include <openssl/err.h>
#include <openssl/ssl.h>

namespace mailassist::net::testing {

std::string pki_file(const std::string& name) {
  return std::string(MAILASSIST_TEST_PKI_DIR) + "/" + name;
}

TlsTestServer::TlsTestServer(TlsServerOptions options) : options_(std::move(options)) {
  server_ = std::make_unique<OneShotServer>(socket_, [this](int fd) { serve(fd); });
}

TlsTestServer::~TlsTestServer() {
  finish();
}

void TlsTestServer::finish() {
  server_.reset();
}

void TlsTestServer::serve(int fd) {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_server_method()),
                                                        &SSL_CTX_free);
  const std::string cert = pki_file(options_.certificate + ".pem");
  const std::string key = pki_file(options_.certificate + ".key");
  if (SSL_CTX_use_certificate_chain_file(ctx.get(), cert.c_str()) != 1 ||
      SSL_CTX_use_PrivateKey_file(ctx.get(), key.c_str(), SSL_FILETYPE_PEM) != 1) {
    handshake_error_ = "cannot load " + cert;
    return;
  }
  if (options_.tls11_only) {
    SSL_CTX_set_security_level(ctx.get(), 0);
    SSL_CTX_set_cipher_list(ctx.get(), "DEFAULT:@SECLEVEL=0");
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_1_VERSION);
    SSL_CTX_set_max_proto_version(ctx.get(), TLS1_1_VERSION);
  }
  if (options_.starttls) {
    send_text(fd, "* OK plain\r\n");
    if (receive_line(fd) != "STARTTLS\r\n") return;
    send_text(fd, "OK begin\r\n");
  }
  std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), &SSL_free);
  SSL_set_fd(ssl.get(), fd);
  ERR_clear_error();
  if (SSL_accept(ssl.get()) != 1) {
    unsigned long code = ERR_peek_last_error();
    const char* reason = code != 0 ? ERR_reason_error_string(code) : nullptr;
    handshake_error_ = reason != nullptr ? reason : "handshake failed";
    return;
  }
  if (const char* name = SSL_get_servername(ssl.get(), TLSEXT_NAMETYPE_host_name)) {
    server_name_ = name;
  }
  const std::string greeting = "* OK tls\r\n";
  SSL_write(ssl.get(), greeting.data(), static_cast<int>(greeting.size()));
  char buffer[4096];
  for (;;) {
    int n = SSL_read(ssl.get(), buffer, sizeof buffer);
    if (n <= 0) break;
    SSL_write(ssl.get(), buffer, n);
  }
  SSL_shutdown(ssl.get());
}

}  // namespace mailassist::net::testing
