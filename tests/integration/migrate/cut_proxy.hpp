#pragma once
// A TCP proxy on 127.0.0.1 that forwards bytes to the test Dovecot untouched (TLS passes
// through) and, for the first `cuts` connections, drops both sides once the client has
// sent `cut_after` bytes: a connection lost in the middle of an APPEND literal.
#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

namespace mailassist::testing {

class CutProxy {
 public:
  CutProxy(std::string target_host, std::uint16_t target_port, std::size_t cut_after, int cuts);
  ~CutProxy();
  CutProxy(const CutProxy&) = delete;
  CutProxy& operator=(const CutProxy&) = delete;

  std::uint16_t port() const { return port_; }
  int connections() const { return connections_.load(); }
  int cuts_done() const { return cuts_done_.load(); }

 private:
  void accept_loop();
  void relay(int client, bool cut);

  std::string host_;
  std::uint16_t target_port_;
  std::size_t cut_after_;
  int cuts_;
  int listener_ = -1;
  std::uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  std::atomic<int> cuts_done_{0};
  std::thread acceptor_;
  std::vector<std::thread> relays_;
};

}  // namespace mailassist::testing
