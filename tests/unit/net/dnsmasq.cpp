#include "tests/unit/net/dnsmasq.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>

#include "net/resolver.hpp"

extern char** environ;

namespace mailassist::net::testing {

namespace {

// A UDP port that was free a moment ago; dnsmasq may lose the race, see the retry loop.
std::uint16_t free_udp_port() {
  int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  std::uint16_t port = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

}  // namespace

Dnsmasq::Dnsmasq(std::vector<std::string> records, std::string probe_name)
    : records_(std::move(records)) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::uint16_t port = free_udp_port();
    if (port == 0 || !start_on(port)) continue;
    auto resolver = Resolver::create({{server()}});
    if (!resolver) {
      error_ = resolver.error().message;
      break;
    }
    // Poll until it answers; a real readiness check, not a sleep. Ten seconds is only a
    // safety net against a dnsmasq that never comes up.
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < give_up) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // exited: the port was taken
        pid_ = -1;
        error_ = "dnsmasq exited at start (status " + std::to_string(status) + ")";
        break;
      }
      auto answer =
          (*resolver)->resolve_host(probe_name, Deadline::after(std::chrono::milliseconds(200)));
      if (answer) return;
    }
    stop();
  }
  if (error_.empty()) error_ = "dnsmasq did not start";
}

Dnsmasq::~Dnsmasq() {
  stop();
}

bool Dnsmasq::start_on(std::uint16_t port) {
  port_ = port;
  std::vector<std::string> args = {"dnsmasq",
                                   "--no-daemon",
                                   "--conf-file=/dev/null",
                                   "--no-resolv",
                                   "--no-hosts",
                                   "--bind-interfaces",
                                   "--listen-address=127.0.0.1",
                                   "--port=" + std::to_string(port),
                                   "--pid-file",
                                   "--user=root",
                                   "--log-facility=-"};
  args.insert(args.end(), records_.begin(), records_.end());
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);

  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  // Its log is noise in test output; failures show up as failed lookups instead.
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, "dnsmasq", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error_ = "cannot run dnsmasq";
    return false;
  }
  pid_ = pid;
  return true;
}

void Dnsmasq::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace mailassist::net::testing
