#pragma once
// A dnsmasq on 127.0.0.1:<free port> with the records the resolver tests ask for. Started
// by the test fixture that needs it and killed (SIGTERM, then waited for) when it ends.
#include <sys/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace mailassist::net::testing {

class Dnsmasq {
 public:
  // Starts dnsmasq with `records` (dnsmasq options such as "--host-record=a.test,127.0.0.1")
  // and waits until it answers `probe_name` (which must have an A record), retrying on a
  // new port if another process took the chosen one.
  Dnsmasq(std::vector<std::string> records, std::string probe_name);
  ~Dnsmasq();
  Dnsmasq(const Dnsmasq&) = delete;
  Dnsmasq& operator=(const Dnsmasq&) = delete;

  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }
  // "127.0.0.1:PORT", for ResolverSettings::servers.
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  bool start_on(std::uint16_t port);
  void stop();

  std::vector<std::string> records_;
  pid_t pid_ = -1;
  std::uint16_t port_ = 0;
  std::string error_;
};

}  // namespace mailassist::net::testing
