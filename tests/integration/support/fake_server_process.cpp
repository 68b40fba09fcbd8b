#include "fake_server_process.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <stdexcept>

#ifndef MAILASSIST_FAKE_SERVER
#error "MAILASSIST_FAKE_SERVER must name the fake_server executable"
#endif

namespace mailassist::testing {
namespace {

std::filesystem::path fresh_work_dir() {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("mailassist-fake-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace

FakeServer::FakeServer(Options options) : work_dir_(fresh_work_dir()) {
  std::vector<std::string> argv{MAILASSIST_FAKE_SERVER,
                                "--mode",
                                options.mode,
                                "--protocol",
                                options.protocol,
                                "--port",
                                "0",
                                "--max-seconds",
                                std::to_string(options.max_seconds),
                                "--connections",
                                std::to_string(options.connections),
                                "--record",
                                (work_dir_ / "record.bin").string()};
  process_ = std::make_unique<ChildProcess>(argv);
  const std::string line = process_->read_line(std::chrono::seconds(10));
  unsigned long port = 0;
  if (line.rfind("port ", 0) != 0 || (port = std::stoul(line.substr(5))) == 0 || port > 65535) {
    throw std::runtime_error("fake_server announced '" + line + "' instead of its port");
  }
  port_ = static_cast<std::uint16_t>(port);
}

FakeServer::~FakeServer() {
  process_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(work_dir_, ignored);
}

std::string FakeServer::endpoint(const std::string& security) const {
  return "127.0.0.1:" + std::to_string(port_) + "/" + security;
}

std::string FakeServer::recorded() const {
  std::ifstream file(work_dir_ / "record.bin", std::ios::binary);
  std::ostringstream bytes;
  bytes << file.rdbuf();
  return bytes.str();
}

ClosedPort::ClosedPort() {
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (fd_ < 0 || ::bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
      ::getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("cannot reserve a loopback port");
  }
  port_ = ntohs(address.sin_port);
}

ClosedPort::~ClosedPort() {
  if (fd_ >= 0) ::close(fd_);
}

}  // namespace mailassist::testing
