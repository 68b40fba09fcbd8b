#include "autoconfig/server_check.hpp"

#include "autoconfig/session_factory.hpp"
#include "core/deadline.hpp"
#include "net/connect.hpp"

namespace mailassist::autoconfig {

namespace {

// Runs one stage, records its time and outcome, and turns its error into the check's.
class StageRunner {
 public:
  explicit StageRunner(ServerCheck& check) : check_(check) {}

  template <typename F>
  bool run(CheckStageName name, F&& stage) {
    Stopwatch watch;
    Result<void> outcome = stage();
    check_.stages.push_back({name, watch.elapsed_ms(), outcome.has_value()});
    if (!outcome) {
      check_.error = outcome.error().kind;
      check_.message = outcome.error().message;
    }
    return outcome.has_value();
  }

 private:
  ServerCheck& check_;
};

}  // namespace

ServerCheck check_server(const ServerConfig& server, const CheckCredentials& credentials,
                         const CheckOptions& options) {
  ServerCheck check;
  check.server = server;
  check.username = credentials.username.empty()
                       ? expand_username(server.username, credentials.email)
                       : credentials.username;
  Stopwatch total;
  const auto deadline = Deadline::after(options.timeout);
  Trace trace = options.trace ? Trace(options.trace) : Trace();
  trace.set_label(std::string(to_string(server.protocol)) + " " + server.host + ":" +
                  std::to_string(server.port));
  StageRunner stages(check);
  auto finish = [&]() -> ServerCheck {
    check.ms = total.elapsed_ms();
    return check;
  };

  std::unique_ptr<net::Stream> stream;
  bool connected = stages.run(CheckStageName::connect, [&]() -> Result<void> {
    // Implicit TLS is started right after the TCP connect, as its own timed stage.
    net::ConnectOptions connect_options;
    connect_options.tls = options.tls;
    connect_options.resolver = options.resolver;
    connect_options.cancel = options.cancel;
    connect_options.on_certificate_rejected = [&check](const net::CertificateInfo& certificate,
                                                       const Error&) {
      check.rejected_certificate = certificate;
    };
    auto opened = net::connect({server.host, server.port}, connect_options, deadline);
    if (!opened) return std::move(opened).error();
    stream = std::move(*opened);
    return ok();
  });
  if (!connected) return finish();

  if (server.security == Security::tls &&
      !stages.run(CheckStageName::tls, [&] { return stream->start_tls(deadline); })) {
    return finish();
  }

  auto session = open_session(server.protocol, std::move(stream), trace);
  auto read_capabilities = [&]() -> Result<void> {
    auto greeted = session->greet(deadline);
    if (!greeted) return greeted;
    if (server.security == Security::starttls) {
      auto upgraded = session->start_tls(deadline);
      if (!upgraded) return upgraded;
    }
    return ok();
  };
  bool have_capabilities = stages.run(CheckStageName::capabilities, read_capabilities);
  check.tls = session->tls();
  check.capabilities = session->capabilities();
  check.auth_mechanisms = session->auth_mechanisms();
  if (!have_capabilities) return finish();

  if (!credentials.password.empty()) {
    check.login_tested = true;
    sasl::Credentials login;
    login.username = check.username;
    login.password = credentials.password;
    login.host = server.host;
    login.port = server.port;
    protocols::LoginPolicy policy;
    policy.allow_plaintext = options.allow_plaintext;
    if (!stages.run(CheckStageName::login,
                    [&] { return session->login(login, policy, deadline); })) {
      return finish();
    }
  }
  // A failed goodbye does not make working settings fail.
  (void)session->quit(Deadline::after(std::chrono::seconds(2)).min(deadline));
  check.message = check.login_tested ? "logged in" : "connected; login not tested (no password)";
  return finish();
}

std::string_view result_name(const ServerCheck& check) {
  if (!check.error) return "ok";
  switch (*check.error) {
    case ErrorKind::connection_closed:
    case ErrorKind::auth_unsupported:
    case ErrorKind::invalid_input:
    case ErrorKind::io_error:
    case ErrorKind::internal: return "protocol-error";
    case ErrorKind::cancelled: return "timeout";
    default: return to_string(*check.error);
  }
}

}  // namespace mailassist::autoconfig
