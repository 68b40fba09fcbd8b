#pragma once
// What the local internet (tests/fixtures/internet) started, read from the env.json it
// writes: the DNS server, the CA, the ISPDB stand-in, and every scenario with what
// detection should find there. Detection tests take domains and expectations from here,
// never from literals (docs/test-environment.md, "Local internet").
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailassist::testing {

struct ExpectedServer {
  std::string protocol;  // imap, pop3, smtp
  std::string host;
  int port = 0;
  std::string security;  // tls, starttls, none
};

struct ExpectedConfig {
  std::string source;  // as in the CLI contract: autoconfig, well-known, ispdb, mx, srv, ...
  bool trusted = false;
  std::string url;                      // "" when the source is not a document
  std::vector<ExpectedServer> servers;  // each must appear in the config
};

struct InternetScenario {
  std::string name;    // "srv", "http-only", ...
  std::string covers;  // the letter in the detection issue's list, "a".."n"
  std::string domain;
  std::string email;
  std::string password;  // of that address on the local Dovecot
  std::string about;
  std::vector<std::string> options;    // extra detect options, e.g. --allow-http
  std::optional<ExpectedConfig> best;  // configs[0]; nullopt: nothing is found
  std::vector<ExpectedConfig> also;    // other configs that must be listed
  nlohmann::json lookups;              // {"autoconfig": "found", "well-known": "timeout"}
  nlohmann::json checks;               // the fixture's own checks (internet_fixture_test)
};

struct InternetEnvironment {
  std::filesystem::path dir;
  std::filesystem::path ca_file;
  std::string dns_server;                // "127.0.0.20:53", for --dns-server and ResolverSettings
  std::string ispdb_url;                 // "https://ispdb.test/v1.1/"
  std::vector<std::string> detect_args;  // --dns-server ... --ca-file ... --ispdb-url ...
  nlohmann::json addresses;              // {"dns": ..., "web": ..., "mail": ...}
  nlohmann::json logs;                   // {"dns", "http", "http_errors", "mail"}: paths
  std::vector<InternetScenario> scenarios;

  // Loaded once from $MAILASSIST_INTERNET_ENV (set by CTest), else the build tree's path.
  static const InternetEnvironment& get();

  const InternetScenario& scenario(std::string_view name) const;
};

}  // namespace mailassist::testing
