#pragma once
// A UDP socket nobody reads, as a DNS server: queries vanish without an ICMP error, so a
// lookup through it only ends at its deadline or on cancel.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>

namespace mailassist::net::testing {

class SilentDnsServer {
 public:
  SilentDnsServer() : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    auto* generic = reinterpret_cast<sockaddr*>(&address);  // the sockets API's own cast
    if (fd_ >= 0 && ::bind(fd_, generic, length) == 0 &&
        ::getsockname(fd_, generic, &length) == 0) {
      server_ = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
    }
  }
  ~SilentDnsServer() {
    if (fd_ >= 0) ::close(fd_);
  }
  SilentDnsServer(const SilentDnsServer&) = delete;
  SilentDnsServer& operator=(const SilentDnsServer&) = delete;

  // "127.0.0.1:PORT" for --dns-server / net::ResolverOptions; empty if the socket failed.
  const std::string& server() const { return server_; }

 private:
  int fd_;
  std::string server_;
};

}  // namespace mailassist::net::testing
