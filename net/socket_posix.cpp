// POSIX sockets and poll() behind net/detail/socket.hpp. A Windows build adds
// socket_win.cpp (Winsock, WSAPoll) with the same functions and picks one in CMake.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>
#include <vector>

#include "net/detail/socket.hpp"

namespace mailassist::net::detail {

namespace {

// How often a blocked wait looks at the CancelToken: short enough that a Cancel button
// feels immediate, long enough to cost nothing.
constexpr int kSliceMs = 100;

int fd_of(NativeSocket socket) {
  return static_cast<int>(socket);
}

// Either family of socket address, filled from a numeric address.
struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = AF_UNSPEC;
};

std::optional<SocketAddress> parse_address(std::string_view text, std::uint16_t port) {
  std::string host(strip_brackets(text));
  SocketAddress out;
  sockaddr_in v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    std::memcpy(&out.storage, &v4, sizeof v4);
    out.length = sizeof v4;
    out.family = AF_INET;
    return out;
  }
  sockaddr_in6 v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    std::memcpy(&out.storage, &v6, sizeof v6);
    out.length = sizeof v6;
    out.family = AF_INET6;
    return out;
  }
  return std::nullopt;
}

// Non-blocking, not inherited by child processes, and (where the OS has no MSG_NOSIGNAL)
// never raising SIGPIPE. Done with fcntl rather than SOCK_NONBLOCK|SOCK_CLOEXEC because
// macOS lacks those socket() flags.
bool configure(int fd) {
  int flags = fcntl(fd, F_GETFL, 0);
  if (flags < 0 || fcntl(fd, F_SETFL, flags | O_NONBLOCK) < 0) return false;
  if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0) return false;
#ifdef SO_NOSIGPIPE
  int on_pipe = 1;
  if (setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &on_pipe, sizeof on_pipe) < 0) return false;
#endif
  int on = 1;
  // Best effort: a missing TCP_NODELAY only costs latency.
  (void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
  return true;
}

Error connect_error(int error, const std::string& where) {
  switch (error) {
    case ECONNREFUSED: return make_error(ErrorKind::unreachable, "connection refused by " + where);
    case ENETUNREACH:
    case EHOSTUNREACH: return make_error(ErrorKind::unreachable, "no route to " + where);
    case ETIMEDOUT: return make_error(ErrorKind::timeout, "timed out connecting to " + where);
    default:
      return make_error(ErrorKind::unreachable,
                        "could not connect to " + where + ": " + error_text(error));
  }
}

}  // namespace

Socket::~Socket() {
  if (valid()) ::close(fd_of(handle_));
}

Socket& Socket::operator=(Socket&& other) noexcept {
  if (this != &other) {
    if (valid()) ::close(fd_of(handle_));
    handle_ = other.handle_;
    other.handle_ = kNoSocket;
  }
  return *this;
}

std::string_view strip_brackets(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    return host.substr(1, host.size() - 2);
  }
  return host;
}

std::optional<IpFamily> ip_literal_family(std::string_view host) {
  auto parsed = parse_address(host, 0);
  if (!parsed) return std::nullopt;
  return parsed->family == AF_INET ? IpFamily::v4 : IpFamily::v6;
}

std::string address_with_port(std::string_view address, std::uint16_t port) {
  std::string bare(strip_brackets(address));
  if (bare.find(':') != std::string::npos) bare = "[" + bare + "]";
  return bare + ":" + std::to_string(port);
}

Result<Socket> connect_numeric(std::string_view address, std::uint16_t port, Deadline deadline,
                               const CancelToken& cancel) {
  std::string where = address_with_port(address, port);
  auto target = parse_address(address, port);
  if (!target) return make_error(ErrorKind::internal, "not a numeric address: " + where);

  Socket socket(::socket(target->family, SOCK_STREAM, IPPROTO_TCP));
  if (!socket.valid()) return connect_error(errno, where);
  if (!configure(fd_of(socket.get()))) return connect_error(errno, where);

  if (::connect(fd_of(socket.get()), reinterpret_cast<const sockaddr*>(&target->storage),
                target->length) == 0) {
    return socket;
  }
  if (errno != EINPROGRESS && errno != EINTR) return connect_error(errno, where);

  auto ready =
      wait_ready(socket.get(), WaitFor::writable, deadline, cancel, where, "connecting to");
  if (!ready) return std::move(ready).error();
  // The outcome of a non-blocking connect is read from SO_ERROR once the socket becomes
  // writable (POSIX connect(), "If the connection cannot be established immediately").
  int error = 0;
  socklen_t length = sizeof error;
  if (getsockopt(fd_of(socket.get()), SOL_SOCKET, SO_ERROR, &error, &length) < 0) error = errno;
  if (error != 0) return connect_error(error, where);
  return socket;
}

IoResult send_some(NativeSocket socket, const char* data, std::size_t size) {
#ifdef MSG_NOSIGNAL
  constexpr int kFlags = MSG_NOSIGNAL;
#else
  constexpr int kFlags = 0;  // SO_NOSIGPIPE was set in configure()
#endif
  for (;;) {
    auto sent = ::send(fd_of(socket), data, size, kFlags);
    if (sent >= 0) return {IoStatus::done, static_cast<std::size_t>(sent), 0};
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return {IoStatus::would_block, 0, 0};
    if (errno == EPIPE || errno == ECONNRESET) return {IoStatus::closed, 0, errno};
    return {IoStatus::failed, 0, errno};
  }
}

IoResult receive_some(NativeSocket socket, char* data, std::size_t size) {
  for (;;) {
    auto got = ::recv(fd_of(socket), data, size, 0);
    if (got > 0) return {IoStatus::done, static_cast<std::size_t>(got), 0};
    if (got == 0) return {IoStatus::closed, 0, 0};
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) return {IoStatus::would_block, 0, 0};
    // A reset is how many servers hang up (closing with unread input sends RST): to the
    // reader it means the same as an orderly close.
    if (errno == ECONNRESET) return {IoStatus::closed, 0, errno};
    return {IoStatus::failed, 0, errno};
  }
}

Result<void> wait_ready(NativeSocket socket, WaitFor what, Deadline deadline,
                        const CancelToken& cancel, std::string_view peer, std::string_view doing) {
  pollfd entry{};
  entry.fd = fd_of(socket);
  entry.events = what == WaitFor::readable ? POLLIN : POLLOUT;
  for (;;) {
    if (cancel.cancelled()) {
      return make_error(ErrorKind::cancelled,
                        "cancelled while " + std::string(doing) + " " + std::string(peer));
    }
    int left = deadline.remaining_ms();
    if (left == 0) {
      return make_error(ErrorKind::timeout,
                        "timed out " + std::string(doing) + " " + std::string(peer));
    }
    int slice = left < 0 ? kSliceMs : std::min(left, kSliceMs);
    entry.revents = 0;
    int n = ::poll(&entry, 1, slice);
    if (n < 0 && errno != EINTR) {
      return make_error(ErrorKind::internal, "poll failed: " + error_text(errno));
    }
    // POLLERR and POLLHUP count as ready: the next send/recv reports what happened.
    if (n > 0 && entry.revents != 0) return ok();
  }
}

bool poll_sockets(std::span<PollEntry> entries, int timeout_ms) {
  std::vector<pollfd> fds(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    fds[i].fd = fd_of(entries[i].socket);
    fds[i].events = static_cast<short>((entries[i].want_read ? POLLIN : 0) |
                                       (entries[i].want_write ? POLLOUT : 0));
  }
  int n = ::poll(fds.data(), static_cast<nfds_t>(fds.size()), timeout_ms);
  if (n < 0) return errno == EINTR;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].readable = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
    entries[i].writable = (fds[i].revents & POLLOUT) != 0;
  }
  return true;
}

std::string error_text(int error) {
  return std::system_category().message(error);
}

}  // namespace mailassist::net::detail
