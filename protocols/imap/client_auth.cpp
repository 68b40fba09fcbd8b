// Logging in (RFC 9051 sections 6.2.2 and 6.2.3): AUTHENTICATE with a SASL mechanism both
// sides support, else LOGIN; and what the server's refusal means for the user.
#include "protocols/imap/client.hpp"
#include "protocols/imap/parse_cursor.hpp"
#include "protocols/imap/response_parser.hpp"
#include "protocols/login_failure.hpp"

namespace mailassist::imap {

namespace {

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : " ") + item;
  return out.empty() ? std::string("none") : out;
}

}  // namespace

Result<void> ImapClient::authenticate(const sasl::Credentials& credentials, Deadline deadline) {
  if (state_ == SessionState::authenticated || state_ == SessionState::selected) {
    trace().info("already authenticated (PREAUTH greeting)");
    return ok();
  }
  if (auto idle = require_idle("login"); !idle) return std::move(idle).error();
  if (auto caps = ensure_capabilities(deadline); !caps) return std::move(caps).error();

  auto offered = auth_mechanisms();
  if (auto mechanism = sasl::choose_mechanism(offered, credentials)) {
    return run_authenticate(*mechanism, credentials, deadline);
  }
  if (credentials.password.empty()) {
    return make_error(ErrorKind::auth_unsupported,
                      "the IMAP server at " + reader().stream().peer() +
                          " offers no OAuth mechanism for the token (it offers: " + join(offered) +
                          ")");
  }
  // RFC 9051 section 6.2.3: LOGINDISABLED forbids LOGIN on this connection, typically
  // until STARTTLS.
  if (has_capability("LOGINDISABLED")) {
    return make_error(ErrorKind::plaintext_refused,
                      "the IMAP server at " + reader().stream().peer() +
                          " does not allow a password login on this connection "
                          "(LOGINDISABLED); use TLS or STARTTLS");
  }
  return run_login(credentials, deadline);
}

Result<void> ImapClient::run_login(const sasl::Credentials& credentials, Deadline deadline) {
  Command login("LOGIN");
  login.string(credentials.username).secret(credentials.password);
  auto done = execute(login, deadline);
  if (!done) return std::move(done).error();
  return finish_login(*done, "");
}

Result<void> ImapClient::run_authenticate(sasl::Mechanism mechanism,
                                          const sasl::Credentials& credentials, Deadline deadline) {
  sasl::Exchange exchange(mechanism, credentials);
  for (auto& secret : exchange.secrets()) trace().add_secret(std::move(secret));

  Command command("AUTHENTICATE");
  command.raw(sasl::to_string(mechanism));
  // RFC 4959 section 3: with SASL-IR the initial response rides on the command, "=" when
  // it is empty.
  auto initial = exchange.initial_response();
  if (initial && has_capability("SASL-IR")) command.secret_raw(initial->empty() ? "=" : *initial);

  auto tag = submit(command, deadline);
  if (!tag) return std::move(tag).error();
  for (;;) {
    auto response = pull(deadline);
    if (!response) return std::move(response).error();
    if (auto* tagged = std::get_if<TaggedStatus>(&*response)) {
      if (tagged->tag != tag->text) {
        return make_error(ErrorKind::protocol_error,
                          "the server completed command " + tagged->tag + " during login");
      }
      std::string oauth_error;
      if (mechanism == sasl::Mechanism::xoauth2 || mechanism == sasl::Mechanism::oauthbearer) {
        oauth_error = exchange.last_challenge();
      }
      return finish_login(Completion{*tag, std::move(tagged->status)}, oauth_error);
    }
    const auto* challenge = std::get_if<ContinuationRequest>(&*response);
    if (!challenge) continue;  // untagged data: observe() has seen it
    auto answer = exchange.respond(challenge->text);
    if (!answer) {
      // RFC 9051 section 6.2.2: "*" cancels the exchange; the server then answers BAD.
      if (auto sent = send_line("*", deadline); !sent) return std::move(sent).error();
      auto ended = wait_for(*tag, deadline);
      if (!ended) return std::move(ended).error();
      return std::move(answer).error();
    }
    if (auto sent = send_line(*answer, deadline, "<redacted>"); !sent) {
      return std::move(sent).error();
    }
  }
}

Result<void> ImapClient::finish_login(const Completion& completion, std::string_view oauth_error) {
  if (completion.ok()) {
    state_ = SessionState::authenticated;
    // RFC 9051 section 6.2.3: capabilities may change with login. Keep what we knew
    // (auth_mechanisms() for reports) but re-ask before relying on it, unless the OK
    // carried the new list (observe() took it then).
    if (!(completion.status.code && completion.status.code->kind == CodeKind::capability)) {
      capabilities_current_ = false;
    }
    return ok();
  }
  const auto& status = completion.status;
  // RFC 5530: AUTHENTICATIONFAILED is "wrong credentials"; so is any NO to a login. The
  // server's words decide between the categories that need different advice (Gmail's
  // application-specific passwords, web login, IMAP switched off).
  bool credentials_rejected = status.status == Status::no ||
                              (status.code && status.code->kind == CodeKind::authenticationfailed);
  auto fallback = credentials_rejected ? ErrorKind::auth_failed : ErrorKind::protocol_error;
  std::string said = describe(status);
  auto kind = protocols::classify_login_failure(said, fallback);
  std::string message = "the IMAP server at " + reader().stream().peer() +
                        " rejected the login; the server said: " + said;
  if (!oauth_error.empty()) {
    message += " (OAuth error: " + std::string(oauth_error) + ")";
  }
  return make_error(kind, std::move(message));
}

}  // namespace mailassist::imap
