#include "line_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <utility>

namespace mailassist::testing {
namespace {

using Clock = std::chrono::steady_clock;

int connect_with_timeout(const std::string& host, std::uint16_t port,
                         std::chrono::milliseconds timeout) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  if (::inet_pton(AF_INET, host.c_str(), &address.sin_addr) != 1) {
    throw std::invalid_argument("not an IPv4 address: " + host);
  }
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (fd < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
  int error = 0;
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    error = errno;
    if (error == EINPROGRESS) {
      pollfd pfd{fd, POLLOUT, 0};
      error = ::poll(&pfd, 1, static_cast<int>(timeout.count())) == 1 ? 0 : ETIMEDOUT;
      socklen_t length = sizeof error;
      if (error == 0) ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    }
  }
  if (error != 0) {
    ::close(fd);
    throw std::runtime_error("connect " + host + ":" + std::to_string(port) + ": " +
                             std::strerror(error));
  }
  return fd;
}

}  // namespace

LineClient::LineClient(const std::string& host, std::uint16_t port,
                       std::chrono::milliseconds timeout)
    : fd_(connect_with_timeout(host, port, timeout)) {}

LineClient::~LineClient() {
  ::close(fd_);
}

void LineClient::send(std::string_view data) {
  while (!data.empty()) {
    pollfd pfd{fd_, POLLOUT, 0};
    if (::poll(&pfd, 1, 5000) != 1) throw std::runtime_error("send: timed out");
    const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent < 0 && errno == EAGAIN) continue;
    if (sent <= 0) throw std::runtime_error(std::string("send: ") + std::strerror(errno));
    data.remove_prefix(static_cast<std::size_t>(sent));
  }
}

bool LineClient::fill(std::chrono::milliseconds timeout) {
  if (closed_) return false;
  pollfd pfd{fd_, POLLIN, 0};
  if (::poll(&pfd, 1, static_cast<int>(std::max<long long>(0, timeout.count()))) != 1) {
    return false;
  }
  char chunk[65536];
  const ssize_t got = ::recv(fd_, chunk, sizeof chunk, 0);
  if (got <= 0) {
    closed_ = got == 0 || errno != EAGAIN;
    return false;
  }
  buffer_.append(chunk, static_cast<std::size_t>(got));
  return true;
}

std::optional<std::string> LineClient::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 || !fill(left)) return std::nullopt;
  }
}

std::string LineClient::read_until_closed(std::chrono::milliseconds timeout, std::size_t limit) {
  const auto deadline = Clock::now() + timeout;
  while (buffer_.size() < limit) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0 || !fill(left)) break;
  }
  return std::exchange(buffer_, std::string());
}

bool accepts_connections(const std::string& host, std::uint16_t port) {
  try {
    LineClient client(host, port, std::chrono::seconds(2));
    return true;
  } catch (const std::runtime_error&) {
    return false;
  }
}

}  // namespace mailassist::testing
