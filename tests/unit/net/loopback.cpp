#include "tests/unit/net/loopback.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cstring>

namespace mailassist::net::testing {

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

LoopbackSocket::LoopbackSocket(const std::string& address, Listen listen, int backlog) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_INET;
  sockaddr_in v4{};
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET, address.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    std::memcpy(&storage, &v4, sizeof v4);
    length = sizeof v4;
  } else if (inet_pton(AF_INET6, address.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    family = AF_INET6;
    std::memcpy(&storage, &v6, sizeof v6);
    length = sizeof v6;
  } else {
    return;
  }
  Fd fd(::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0));
  if (!fd.valid()) return;
  auto* raw = reinterpret_cast<sockaddr*>(&storage);
  if (::bind(fd.get(), raw, length) != 0) return;
  if (listen == Listen::yes && ::listen(fd.get(), backlog) != 0) return;
  if (::getsockname(fd.get(), raw, &length) != 0) return;
  port_ = ntohs(family == AF_INET ? reinterpret_cast<sockaddr_in*>(raw)->sin_port
                                  : reinterpret_cast<sockaddr_in6*>(raw)->sin6_port);
  fd_ = std::move(fd);
}

Fd LoopbackSocket::accept_one(const std::atomic<bool>* stop) const {
  for (int waited = 0; waited < 10'000; waited += 50) {
    if (stop != nullptr && stop->load()) return Fd();
    pollfd entry{fd_.get(), POLLIN, 0};
    if (::poll(&entry, 1, 50) == 1) {
      Fd client(::accept4(fd_.get(), nullptr, nullptr, SOCK_CLOEXEC));
      timeval tv{10, 0};
      ::setsockopt(client.get(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
      return client;
    }
  }
  return Fd();
}

OneShotServer::OneShotServer(LoopbackSocket& socket, Script script)
    : thread_([this, &socket, script = std::move(script)] {
        // The server side (OpenSSL over a plain fd) may write after the client hung up.
        // Blocking SIGPIPE in this thread only keeps that from killing the test, while the
        // client under test, on the main thread, still dies if it ever raises SIGPIPE.
        sigset_t pipe;
        sigemptyset(&pipe);
        sigaddset(&pipe, SIGPIPE);
        pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
        Fd client = socket.accept_one(&stop_);
        if (client.valid()) script(client.get());
      }) {}

OneShotServer::~OneShotServer() {
  stop_ = true;
  thread_.join();
}

void send_text(int fd, const std::string& text) {
  (void)::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

std::string receive_line(int fd) {
  std::string line;
  char c = 0;
  while (::recv(fd, &c, 1, 0) == 1) {
    line += c;
    if (c == '\n') break;
  }
  return line;
}

}  // namespace mailassist::net::testing
