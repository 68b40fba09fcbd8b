#pragma once
// Test peers on loopback: a listening (or merely bound) TCP socket, and a thread that
// accepts one connection and runs a script on it. Linux test code: plain POSIX sockets.
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace mailassist::net::testing {

// Owns a socket file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd();
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&& other) noexcept;
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

enum class Listen { yes, bound_only };

// A TCP socket on ADDRESS:<free port>. Listen::bound_only holds the port without listening,
// so connecting to it is refused and no other process can take the port meanwhile.
class LoopbackSocket {
 public:
  explicit LoopbackSocket(const std::string& address = "127.0.0.1", Listen listen = Listen::yes,
                          int backlog = 16);
  bool valid() const { return fd_.valid(); }
  std::uint16_t port() const { return port_; }
  int fd() const { return fd_.get(); }

  // Waits (up to 10 s, a safety net against a hung test, not a timing assertion) for one
  // connection; an invalid Fd if none came or `stop` was set.
  Fd accept_one(const std::atomic<bool>* stop = nullptr) const;

 private:
  Fd fd_;
  std::uint16_t port_ = 0;
};

// Accepts one connection on its own thread and runs `script` on it; joins on destruction.
class OneShotServer {
 public:
  using Script = std::function<void(int fd)>;
  OneShotServer(LoopbackSocket& socket, Script script);
  ~OneShotServer();
  OneShotServer(const OneShotServer&) = delete;
  OneShotServer& operator=(const OneShotServer&) = delete;

 private:
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Blocking helpers for scripts (with a 10 s receive timeout set on accept).
void send_text(int fd, const std::string& text);
std::string receive_line(int fd);  // up to and including "\n"; "" on EOF

}  // namespace mailassist::net::testing
