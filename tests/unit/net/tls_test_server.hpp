#pragma once
// A real TLS server for one connection, on its own thread, using OpenSSL's server side:
// deterministic (listening before the test connects) and able to do what `openssl
// s_server` cannot, such as speaking a plain greeting before STARTTLS.
//
// After the handshake it sends "* OK tls\r\n", then echoes lines until the client closes.
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "tests/unit/net/loopback.hpp"

namespace mailassist::net::testing {

std::string pki_file(const std::string& name);  // MAILASSIST_TEST_PKI_DIR/name

struct TlsServerOptions {
  std::string certificate = "server";  // PKI base name: <name>.pem and <name>.key
  bool starttls = false;    // greet "* OK plain\r\n", wait for "STARTTLS", reply "OK begin"
  bool tls11_only = false;  // offer TLS 1.1 only, at security level 0
};

class TlsTestServer {
 public:
  explicit TlsTestServer(TlsServerOptions options);
  ~TlsTestServer();

  std::uint16_t port() const { return socket_.port(); }
  // Waits for the server thread to finish, then reports what it saw.
  void finish();
  const std::string& server_name() const { return server_name_; }          // SNI, "" if none
  const std::string& handshake_error() const { return handshake_error_; }  // "" if fine

 private:
  void serve(int fd);

  TlsServerOptions options_;
  LoopbackSocket socket_;
  std::string server_name_;
  std::string handshake_error_;
  std::unique_ptr<OneShotServer> server_;
};

}  // namespace mailassist::net::testing
