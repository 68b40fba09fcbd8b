#pragma once
// A bare TCP client for checking the test servers themselves (not the code under test):
// connect, send, read lines or everything, each with a timeout.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mailassist::testing {

class LineClient {
 public:
  // Throws if the connection is not accepted within the timeout.
  LineClient(const std::string& host, std::uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~LineClient();
  LineClient(const LineClient&) = delete;
  LineClient& operator=(const LineClient&) = delete;

  void send(std::string_view data);
  // The next line without CRLF, or nothing on close or timeout.
  std::optional<std::string> read_line(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Everything until the server closes (or timeout, or `limit` bytes), including what
  // read_line had buffered.
  std::string read_until_closed(std::chrono::milliseconds timeout, std::size_t limit);
  bool closed() const { return closed_; }

 private:
  bool fill(std::chrono::milliseconds timeout);

  int fd_ = -1;
  bool closed_ = false;
  std::string buffer_;
};

// Does a TCP connection to host:port succeed?
bool accepts_connections(const std::string& host, std::uint16_t port);

}  // namespace mailassist::testing
