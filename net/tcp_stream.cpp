#include "net/detail/tcp_stream.hpp"

namespace mailassist::net::detail {

namespace {

Error lost(const std::string& peer, int error, std::string_view doing) {
  return make_error(ErrorKind::connection_closed, "the connection to " + peer + " failed while " +
                                                      std::string(doing) + ": " +
                                                      error_text(error));
}

}  // namespace

TcpStream::TcpStream(Socket socket, StreamSettings settings)
    : socket_(std::move(socket)), settings_(std::move(settings)) {}

// The session goes first (it may send close_notify on the socket), then the socket.
TcpStream::~TcpStream() {
  session_.reset();
}

Result<std::size_t> TcpStream::read_some(std::span<char> buffer, Deadline deadline) {
  if (session_) return session_->read_some(buffer, deadline);
  if (buffer.empty()) return std::size_t{0};
  for (;;) {
    auto r = receive_some(socket_.get(), buffer.data(), buffer.size());
    switch (r.status) {
      case IoStatus::done: return r.bytes;
      case IoStatus::closed: return std::size_t{0};
      case IoStatus::failed: return lost(settings_.peer, r.error, "reading");
      case IoStatus::would_block: break;
    }
    auto ready = wait_ready(socket_.get(), WaitFor::readable, deadline, settings_.cancel,
                            settings_.peer, "waiting for data from");
    if (!ready) return std::move(ready).error();
  }
}

Result<void> TcpStream::write_all(std::string_view bytes, Deadline deadline) {
  if (session_) return session_->write_all(bytes, deadline);
  while (!bytes.empty()) {
    auto r = send_some(socket_.get(), bytes.data(), bytes.size());
    switch (r.status) {
      case IoStatus::done: bytes.remove_prefix(r.bytes); continue;
      case IoStatus::closed:
        return make_error(ErrorKind::connection_closed,
                          "the server at " + settings_.peer + " closed the connection");
      case IoStatus::failed: return lost(settings_.peer, r.error, "sending");
      case IoStatus::would_block: break;
    }
    auto ready = wait_ready(socket_.get(), WaitFor::writable, deadline, settings_.cancel,
                            settings_.peer, "sending to");
    if (!ready) return std::move(ready).error();
  }
  return ok();
}

Result<void> TcpStream::start_tls(Deadline deadline) {
  if (session_) {
    return make_error(ErrorKind::internal,
                      "the connection to " + settings_.peer + " is already encrypted");
  }
  if (!settings_.tls) {
    return make_error(ErrorKind::invalid_input,
                      "no TLS settings were given for the connection to " + settings_.peer);
  }
  auto session =
      TlsSession::handshake(socket_.get(), *settings_.tls, {settings_.host, settings_.peer},
                            settings_.cancel, settings_.on_certificate_rejected, deadline);
  if (!session) return std::move(session).error();
  session_ = std::move(*session);
  tls_info_ = session_->info();
  return ok();
}

}  // namespace mailassist::net::detail
