#include "cut_proxy.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace mailassist::testing {

CutProxy::CutProxy(std::string target_host, std::uint16_t target_port, std::size_t cut_after,
                   int cuts)
    : host_(std::move(target_host)), target_port_(target_port), cut_after_(cut_after), cuts_(cuts) {
  listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      ::listen(listener_, 16) != 0) {
    throw std::runtime_error("proxy: cannot listen");
  }
  socklen_t length = sizeof address;
  ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
  port_ = ntohs(address.sin_port);
  acceptor_ = std::thread([this] { accept_loop(); });
}

CutProxy::~CutProxy() {
  stop_ = true;
  ::shutdown(listener_, SHUT_RDWR);
  ::close(listener_);
  acceptor_.join();
  for (auto& t : relays_) t.join();
}

void CutProxy::accept_loop() {
  while (!stop_) {
    pollfd p{listener_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) continue;
    int number = connections_++;
    relays_.emplace_back([this, client, number] { relay(client, number < cuts_); });
  }
}

void CutProxy::relay(int client, bool cut) {
  int server = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(target_port_);
  ::inet_pton(AF_INET, host_.c_str(), &address.sin_addr);
  if (::connect(server, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(client);
    ::close(server);
    return;
  }
  std::size_t sent = 0;
  char buffer[16384];
  bool open = true;
  while (open && !stop_) {
    pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
    if (::poll(p, 2, 100) <= 0) continue;
    for (int i = 0; i < 2 && open; ++i) {
      if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
      int from = i == 0 ? client : server, to = i == 0 ? server : client;
      auto n = ::read(from, buffer, sizeof buffer);
      if (n <= 0) {
        open = false;
        break;
      }
      std::size_t count = static_cast<std::size_t>(n);
      if (i == 0 && cut && sent + count >= cut_after_) {
        // Forward up to the cut, then drop both sides mid-stream.
        (void)::write(to, buffer, cut_after_ - sent);
        ++cuts_done_;
        open = false;
        break;
      }
      if (i == 0) sent += count;
      for (std::size_t off = 0; off < count;) {
        auto w = ::write(to, buffer + off, count - off);
        if (w <= 0) {
          open = false;
          break;
        }
        off += static_cast<std::size_t>(w);
      }
    }
  }
  ::close(client);
  ::close(server);
}

}  // namespace mailassist::testing
