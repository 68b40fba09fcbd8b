#pragma once
// A real nginx on 127.0.0.1 for the HttpClient tests, in a private directory, run in the
// foreground as a single process (master_process off) so that it can be ended by its pid.
//
// Three listeners on free ports: HTTPS with the test PKI's valid certificate, plain HTTP,
// and HTTPS with the certificate from a CA nobody trusts. All serve the same site.
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace mailassist::net::testing {

struct NginxSite {
  // Directives for the server blocks (locations, ...). "{https_port}" and "{http_port}"
  // are replaced by the ports, for absolute redirect URLs.
  std::string directives;
  std::map<std::string, std::string> files;  // path under the document root -> content
};

class Nginx {
 public:
  // Starts nginx and waits until every listener accepts, retrying with new ports if
  // another process took one. `pki_dir` holds server.{pem,key} and untrusted.{pem,key}.
  Nginx(const NginxSite& site, const std::filesystem::path& pki_dir);
  ~Nginx();
  Nginx(const Nginx&) = delete;
  Nginx& operator=(const Nginx&) = delete;

  bool running() const { return pid_ > 0; }
  const std::string& error() const { return error_; }  // why it is not running
  std::uint16_t https_port() const { return https_port_; }
  std::uint16_t http_port() const { return http_port_; }
  std::uint16_t untrusted_port() const { return untrusted_port_; }

 private:
  bool start(const NginxSite& site, const std::filesystem::path& pki_dir);
  bool wait_until_ready();
  void stop();

  std::filesystem::path dir_;
  pid_t pid_ = -1;
  std::uint16_t https_port_ = 0;
  std::uint16_t http_port_ = 0;
  std::uint16_t untrusted_port_ = 0;
  std::string error_;
};

}  // namespace mailassist::net::testing
