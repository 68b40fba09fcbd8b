#include "tests/unit/net/nginx.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <vector>

#include "tests/unit/net/loopback.hpp"

extern char** environ;

namespace mailassist::net::testing {

namespace {

namespace fs = std::filesystem;

// A TCP port that was free a moment ago; nginx may lose the race, see the retry loop.
std::uint16_t free_tcp_port() {
  LoopbackSocket socket("127.0.0.1", Listen::bound_only);
  return socket.port();
}

bool accepts(std::uint16_t port) {
  Fd fd(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return ::connect(fd.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0;
}

void replace_all(std::string& text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

Nginx::Nginx(const NginxSite& site, const fs::path& pki_dir) {
  std::string pattern = (fs::temp_directory_path() / "mailassist-nginx-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    error_ = "cannot make a directory for nginx";
    return;
  }
  dir_ = pattern;
  for (int attempt = 0; attempt < 5; ++attempt) {
    if (start(site, pki_dir) && wait_until_ready()) return;
    stop();
  }
  if (error_.empty()) error_ = "nginx did not start";
}

Nginx::~Nginx() {
  stop();
  std::error_code ignored;
  if (!dir_.empty()) fs::remove_all(dir_, ignored);
}

bool Nginx::start(const NginxSite& site, const fs::path& pki_dir) {
  https_port_ = free_tcp_port();
  http_port_ = free_tcp_port();
  untrusted_port_ = free_tcp_port();
  std::string directives = site.directives;
  replace_all(directives, "{https_port}", std::to_string(https_port_));
  replace_all(directives, "{http_port}", std::to_string(http_port_));

  const fs::path root = dir_ / "www";
  for (const auto& [path, content] : site.files) {
    fs::create_directories((root / path).parent_path());
    std::ofstream(root / path, std::ios::binary) << content;
  }
  fs::create_directories(dir_ / "tmp");
  const std::string d = dir_.string();
  const std::string pki = pki_dir.string();
  auto server = [&](std::uint16_t port, bool tls, const std::string& certificate) {
    std::string block = "  server {\n    listen 127.0.0.1:" + std::to_string(port) +
                        (tls ? " ssl" : "") + ";\n    root " + root.string() + ";\n";
    if (tls) {
      block += "    ssl_certificate " + pki + "/" + certificate + ".pem;\n" +
               "    ssl_certificate_key " + pki + "/" + certificate + ".key;\n";
    }
    return block + directives + "\n  }\n";
  };
  std::ofstream(dir_ / "nginx.conf")
      << "daemon off;\nmaster_process off;\nerror_log " << d << "/error.log;\npid " << d
      << "/nginx.pid;\nevents { worker_connections 64; }\nhttp {\n  access_log off;\n"
      << "  client_body_temp_path " << d << "/tmp/body;\n  proxy_temp_path " << d
      << "/tmp/proxy;\n  fastcgi_temp_path " << d << "/tmp/fastcgi;\n  uwsgi_temp_path " << d
      << "/tmp/uwsgi;\n  scgi_temp_path " << d << "/tmp/scgi;\n"
      << "  types { text/xml xml; }\n  default_type text/plain;\n"
      // Location headers as written: the tests need relative ones.
      << "  absolute_redirect off;\n"
      << server(https_port_, true, "server") << server(http_port_, false, "")
      << server(untrusted_port_, true, "untrusted") << "}\n";

  std::vector<std::string> args = {"nginx",           "-p", d + "/",         "-c",
                                   d + "/nginx.conf", "-e", d + "/error.log"};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, "nginx", &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) {
    error_ = "cannot run nginx (is it installed? scripts/bootstrap)";
    return false;
  }
  pid_ = pid;
  return true;
}

// Polls until every listener accepts; ten seconds is a safety net, not a timing claim.
bool Nginx::wait_until_ready() {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < give_up) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {  // exited: bad config or a port taken
      pid_ = -1;
      error_ = "nginx exited at start: " + read_file(dir_ / "error.log");
      return false;
    }
    if (accepts(https_port_) && accepts(http_port_) && accepts(untrusted_port_)) return true;
    ::usleep(20'000);
  }
  error_ = "nginx did not accept connections: " + read_file(dir_ / "error.log");
  return false;
}

void Nginx::stop() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);  // fast shutdown
  int status = 0;
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
}

}  // namespace mailassist::net::testing
