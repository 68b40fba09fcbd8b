#pragma once
// What the Dovecot fixture (tests/fixtures/dovecot) started, read from the env.json it
// writes, so users, passwords, addresses and ports are written down once, in the script.
#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace mailassist::testing {

struct TestUser {
  std::string email;
  std::string username;
  std::string password;
};

// The addresses of the fixture, one behaviour each.
enum class HostKind { valid, wrong_name, expired, untrusted, self_signed, no_tls };
std::string_view to_string(HostKind kind);

enum class Protocol { imap, pop3, smtp };
enum class Security { tls, starttls, none };
std::string_view to_string(Protocol protocol);
std::string_view to_string(Security security);
// GoogleTest prints parameters with these (instead of raw bytes).
inline std::ostream& operator<<(std::ostream& out, HostKind kind) {
  return out << to_string(kind);
}
inline std::ostream& operator<<(std::ostream& out, Protocol protocol) {
  return out << to_string(protocol);
}
inline std::ostream& operator<<(std::ostream& out, Security security) {
  return out << to_string(security);
}

struct DovecotEnvironment {
  std::filesystem::path dir;
  std::filesystem::path config;
  std::filesystem::path log;
  std::filesystem::path ca_file;
  std::map<std::string, std::string, std::less<>> hosts;
  std::string valid_hostname;  // a DNS name of the valid address ("localhost")
  std::map<std::string, std::filesystem::path, std::less<>> certificates;
  std::map<std::string, std::uint16_t, std::less<>> ports;
  std::vector<TestUser> users;
  std::uint64_t append_limit = 0;  // the APPENDLIMIT the server announces (RFC 7889)

  // Loaded once from $MAILASSIST_DOVECOT_ENV (set by CTest), else the build tree's path.
  static const DovecotEnvironment& get();

  const TestUser& user(std::string_view email) const;
  const std::string& host(HostKind kind) const;
  // The listener for a protocol and security: imaps for imap/tls, imap for starttls and
  // none, and so on.
  std::uint16_t port(Protocol protocol, Security security) const;
  // "HOST:PORT/SEC" as the CLI takes it.
  std::string endpoint(HostKind kind, Protocol protocol, Security security) const;
  // The server certificate that a host presents (its file in DIR/pki).
  const std::filesystem::path& certificate(HostKind kind) const;

  // The log's current length: a later read_log_since(mark) sees only what came after.
  std::uintmax_t log_mark() const;
  std::string read_log_since(std::uintmax_t mark) const;
};

}  // namespace mailassist::testing
