#include "dovecot_environment.hpp"

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#ifndef MAILASSIST_DOVECOT_ENV_DEFAULT
#error "MAILASSIST_DOVECOT_ENV_DEFAULT must name the fixture's env.json"
#endif

namespace mailassist::testing {
namespace {

DovecotEnvironment load(const std::filesystem::path& path) {
  std::ifstream file(path);
  if (!file) {
    throw std::runtime_error("no " + path.string() +
                             ": is the Dovecot fixture running? (ctest starts it as "
                             "dovecot.start; by hand: tests/fixtures/dovecot start DIR)");
  }
  const auto json = nlohmann::json::parse(file);
  DovecotEnvironment env;
  env.dir = json.at("dir").get<std::string>();
  env.config = json.at("config").get<std::string>();
  env.log = json.at("log").get<std::string>();
  env.ca_file = json.at("ca_file").get<std::string>();
  for (const auto& [name, host] : json.at("hosts").items()) env.hosts[name] = host;
  env.valid_hostname = json.at("hostnames").at("valid").get<std::string>();
  env.append_limit = json.value("append_limit", std::uint64_t{0});
  for (const auto& [name, file_name] : json.at("certificates").items()) {
    env.certificates[name] = file_name.get<std::string>();
  }
  for (const auto& [name, port] : json.at("ports").items()) {
    env.ports[name] = port.get<std::uint16_t>();
  }
  for (const auto& user : json.at("users")) {
    env.users.push_back({user.at("email"), user.at("username"), user.at("password")});
  }
  return env;
}

template <typename Map>
const auto& lookup(const Map& map, std::string_view key, std::string_view what) {
  const auto found = map.find(key);
  if (found == map.end()) {
    throw std::out_of_range("env.json has no " + std::string(what) + " '" + std::string(key) + "'");
  }
  return found->second;
}

}  // namespace

std::string_view to_string(HostKind kind) {
  switch (kind) {
    case HostKind::valid: return "valid";
    case HostKind::wrong_name: return "wrong_name";
    case HostKind::expired: return "expired";
    case HostKind::untrusted: return "untrusted";
    case HostKind::self_signed: return "self_signed";
    case HostKind::no_tls: return "no_tls";
  }
  return "?";
}

std::string_view to_string(Protocol protocol) {
  switch (protocol) {
    case Protocol::imap: return "imap";
    case Protocol::pop3: return "pop3";
    case Protocol::smtp: return "smtp";
  }
  return "?";
}

std::string_view to_string(Security security) {
  switch (security) {
    case Security::tls: return "tls";
    case Security::starttls: return "starttls";
    case Security::none: return "none";
  }
  return "?";
}

const DovecotEnvironment& DovecotEnvironment::get() {
  static const DovecotEnvironment env = [] {
    const char* path = std::getenv("MAILASSIST_DOVECOT_ENV");
    return load(path != nullptr && *path != '\0' ? path : MAILASSIST_DOVECOT_ENV_DEFAULT);
  }();
  return env;
}

const TestUser& DovecotEnvironment::user(std::string_view email) const {
  for (const auto& candidate : users) {
    if (candidate.email == email) return candidate;
  }
  throw std::out_of_range("env.json has no user " + std::string(email));
}

const std::string& DovecotEnvironment::host(HostKind kind) const {
  return lookup(hosts, to_string(kind), "host");
}

std::uint16_t DovecotEnvironment::port(Protocol protocol, Security security) const {
  const bool implicit = security == Security::tls;
  switch (protocol) {
    case Protocol::imap: return lookup(ports, implicit ? "imaps" : "imap", "port");
    case Protocol::pop3: return lookup(ports, implicit ? "pop3s" : "pop3", "port");
    case Protocol::smtp: return lookup(ports, implicit ? "submissions" : "submission", "port");
  }
  throw std::invalid_argument("unknown protocol");
}

std::string DovecotEnvironment::endpoint(HostKind kind, Protocol protocol,
                                         Security security) const {
  return host(kind) + ":" + std::to_string(port(protocol, security)) + "/" +
         std::string(to_string(security));
}

const std::filesystem::path& DovecotEnvironment::certificate(HostKind kind) const {
  return lookup(certificates, to_string(kind), "certificate");
}

std::uintmax_t DovecotEnvironment::log_mark() const {
  return std::filesystem::file_size(log);
}

std::string DovecotEnvironment::read_log_since(std::uintmax_t mark) const {
  std::ifstream file(log, std::ios::binary);
  file.seekg(static_cast<std::streamoff>(mark));
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace mailassist::testing
