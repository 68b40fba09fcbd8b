#pragma once
// The scripted fake server (tests/fixtures/fake_server.cpp) as a child process of a test:
// started on a free loopback port, its port learnt from what it prints, ended (SIGTERM,
// then SIGKILL) when the object goes out of scope.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "subprocess.hpp"

namespace mailassist::testing {

class FakeServer {
 public:
  struct Options {
    std::string mode;               // close-during-greeting, garbage, long-line, ...
    std::string protocol = "imap";  // imap, pop3, smtp
    int max_seconds = 60;           // it stops on its own even if we never kill it
    long connections = 0;           // 0 = until stopped
  };

  explicit FakeServer(Options options);
  ~FakeServer();
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;

  std::uint16_t port() const { return port_; }
  // "127.0.0.1:PORT/SEC" for the CLI.
  std::string endpoint(const std::string& security) const;
  // Every byte clients sent so far (mode `record`).
  std::string recorded() const;
  ChildProcess& process() { return *process_; }

 private:
  std::filesystem::path work_dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// A loopback port that refuses connections: bound but never listening, and held for
// the object's lifetime so nothing else can take it meanwhile.
class ClosedPort {
 public:
  ClosedPort();
  ~ClosedPort();
  ClosedPort(const ClosedPort&) = delete;
  ClosedPort& operator=(const ClosedPort&) = delete;
  std::uint16_t port() const { return port_; }

 private:
  int fd_ = -1;
  std::uint16_t port_ = 0;
};

}  // namespace mailassist::testing
