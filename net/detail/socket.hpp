#pragma once
// Internal to net/: the few OS socket calls the library needs, behind one small interface
// so that Windows (Winsock) can get its own socket_win.cpp next to socket_posix.cpp.
// Nothing here is public API; only net/*.cpp include it.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/cancel_token.hpp"
#include "core/deadline.hpp"
#include "core/result.hpp"

namespace mailassist::net::detail {

// An int on POSIX; a SOCKET (an integer handle) on Windows.
using NativeSocket = std::intptr_t;
inline constexpr NativeSocket kNoSocket = -1;

// Owns one socket; closes it on destruction.
class Socket {
 public:
  Socket() = default;
  explicit Socket(NativeSocket handle) : handle_(handle) {}
  ~Socket();
  Socket(Socket&& other) noexcept : handle_(other.handle_) { other.handle_ = kNoSocket; }
  Socket& operator=(Socket&& other) noexcept;
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;

  NativeSocket get() const { return handle_; }
  bool valid() const { return handle_ != kNoSocket; }

 private:
  NativeSocket handle_ = kNoSocket;
};

enum class IpFamily { v4, v6 };

// The family of an IPv4 or IPv6 literal ("127.0.0.1", "::1", "[::1]"), nullopt for a name.
std::optional<IpFamily> ip_literal_family(std::string_view host);

// "[::1]" -> "::1"; anything else unchanged.
std::string_view strip_brackets(std::string_view host);

// "127.0.0.1:993", "[::1]:993": how an address and port appear in messages.
std::string address_with_port(std::string_view address, std::uint16_t port);

// Connects to one numeric address without blocking the caller past `deadline`, checking
// `cancel` every 100 ms. The socket is left non-blocking, close-on-exec, with Nagle off
// (mail protocols are request/response: small writes should leave at once).
// Errors: unreachable (refused, no route), timeout, cancelled.
Result<Socket> connect_numeric(std::string_view address, std::uint16_t port, Deadline deadline,
                               const CancelToken& cancel);

enum class IoStatus { done, would_block, closed, failed };

struct IoResult {
  IoStatus status = IoStatus::failed;
  std::size_t bytes = 0;
  int error = 0;  // the OS error number when status is failed
};

// One non-blocking send/recv. A peer's close or reset is `closed`. Sending never raises SIGPIPE
// (MSG_NOSIGNAL / SO_NOSIGPIPE).
IoResult send_some(NativeSocket socket, const char* data, std::size_t size);
IoResult receive_some(NativeSocket socket, char* data, std::size_t size);

enum class WaitFor { readable, writable };

// Waits until the socket is ready, in slices so that `cancel` is noticed.
// Errors: timeout (with "while <doing>" in the message), cancelled.
Result<void> wait_ready(NativeSocket socket, WaitFor what, Deadline deadline,
                        const CancelToken& cancel, std::string_view peer, std::string_view doing);

// Several sockets at once (the resolver's): which are ready within `timeout_ms` (-1: no
// limit). Returns false only if poll itself failed.
struct PollEntry {
  NativeSocket socket = kNoSocket;
  bool want_read = false;
  bool want_write = false;
  bool readable = false;  // out; errors and hang-ups count as readable
  bool writable = false;  // out
};
bool poll_sockets(std::span<PollEntry> entries, int timeout_ms);

// The OS's text for an error number ("Connection reset by peer").
std::string error_text(int error);

}  // namespace mailassist::net::detail
