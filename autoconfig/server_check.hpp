#pragma once
// "Do these settings work?": connect, secure the connection, read capabilities and log in
// to one server, timing each stage and naming the outcome in a category the user can act
// on. Used by `mailassist test`, by detection's --verify and by the wizard's test page.
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "autoconfig/account_config.hpp"
#include "core/cancel_token.hpp"
#include "core/error.hpp"
#include "core/trace.hpp"
#include "net/resolver.hpp"
#include "net/stream.hpp"
#include "net/tls_context.hpp"

namespace mailassist::autoconfig {

struct CheckOptions {
  std::shared_ptr<const net::TlsContext> tls;
  std::shared_ptr<net::Resolver> resolver;
  bool allow_plaintext = false;  // send a password over an unencrypted connection
  std::chrono::milliseconds timeout{std::chrono::seconds(30)};  // for the whole check
  CancelToken cancel;
  // Receives the protocol trace (-v); secrets are redacted. Null = no trace.
  Trace::Sink trace;
};

struct CheckCredentials {
  std::string email;
  std::string username;  // empty: expand the server's username template for `email`
  std::string password;  // empty: stop after the capabilities, do not log in
};

enum class CheckStageName { connect, tls, capabilities, login };

constexpr std::string_view to_string(CheckStageName stage) {
  switch (stage) {
    case CheckStageName::connect: return "connect";
    case CheckStageName::tls: return "tls";
    case CheckStageName::capabilities: return "capabilities";
    case CheckStageName::login: return "login";
  }
  return "connect";
}

struct CheckStage {
  CheckStageName name;
  long long ms = 0;
  bool ok = false;
};

struct ServerCheck {
  ServerConfig server;
  std::string username;            // as used for the login
  std::optional<ErrorKind> error;  // nullopt = every stage passed
  std::string message;             // what happened, in words
  bool login_tested = false;       // false when no password was given
  long long ms = 0;
  std::optional<net::TlsInfo> tls;
  // The certificate that failed verification, so a person can see what was offered (and
  // its fingerprint) before deciding anything. Set only for tls-certificate/tls-hostname.
  std::optional<net::CertificateInfo> rejected_certificate;
  std::vector<std::string> capabilities;
  std::vector<std::string> auth_mechanisms;
  std::vector<CheckStage> stages;

  bool ok() const { return !error.has_value(); }
};

ServerCheck check_server(const ServerConfig& server, const CheckCredentials& credentials,
                         const CheckOptions& options);

// The contract's result word for a check: "ok", "auth-failed", "tls-certificate", ...
std::string_view result_name(const ServerCheck& check);

// One line a user can act on, for a failed check; empty for "ok".
std::string advice_for(const ServerCheck& check);

}  // namespace mailassist::autoconfig
