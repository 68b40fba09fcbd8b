// Pop3Client's login paths, in the order RFC 1939 and RFC 5034 suggest: SASL AUTH when a
// mechanism is shared, APOP when asked for and offered, USER/PASS otherwise.
#include <algorithm>

#include "protocols/login_failure.hpp"
#include "protocols/pop3/md5.hpp"
#include "protocols/pop3/pop3_client.hpp"

namespace mailassist::pop3 {

namespace {

// A server that keeps challenging is either broken or hostile; real mechanisms need two.
constexpr int kMaxSaslRounds = 8;
// RFC 5034 section 4: an AUTH command with its initial response may not exceed 255 octets.
constexpr std::size_t kMaxAuthLine = 255;

bool has_line_break(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

}  // namespace

Error login_failure(const StatusLine& status) {
  const std::string said = " The server said: " + status.text;
  // RFC 2449 section 8.1 and RFC 3206: these codes say the password was never the problem,
  // so "check your password" would send the user the wrong way.
  switch (status.kind) {
    case ResponseCode::sys_temp:
      return make_error(ErrorKind::protocol_error,
                        "the POP3 server has a temporary problem [SYS/TEMP] and could not "
                        "check the login; try again later." +
                            said);
    case ResponseCode::sys_perm:
      return make_error(ErrorKind::protocol_error,
                        "the POP3 server reports a lasting problem with this mailbox "
                        "[SYS/PERM] that another password will not fix; contact the provider." +
                            said);
    case ResponseCode::in_use:
      return make_error(ErrorKind::protocol_error,
                        "the mailbox is in use by another POP3 session [IN-USE]; close other "
                        "mail programs or wait for them to finish, then try again." +
                            said);
    case ResponseCode::login_delay:
      return make_error(ErrorKind::protocol_error,
                        "the POP3 server allows this mailbox to log in only every so often "
                        "[LOGIN-DELAY]; try again later." +
                            said);
    case ResponseCode::none:
    case ResponseCode::auth:
    case ResponseCode::other: break;
  }
  return make_error(protocols::classify_login_failure(status.text, ErrorKind::auth_failed),
                    "the POP3 server rejected the login; the server said: " + status.text);
}

Result<void> Pop3Client::authenticate(const sasl::Credentials& credentials, Deadline deadline) {
  if (has_line_break(credentials.username) || has_line_break(credentials.password) ||
      has_line_break(credentials.oauth_token)) {
    // A line break would end the command early and let the rest be read as a new one.
    return make_error(ErrorKind::invalid_input,
                      "the user name or password contains a line break or NUL character");
  }
  if (auto mechanism = sasl::choose_mechanism(capa_.sasl_mechanisms, credentials))
    return authenticate_sasl(*mechanism, credentials, deadline);
  if (!credentials.password.empty()) {
    if (options_.use_apop && apop_timestamp_) return authenticate_apop(credentials, deadline);
    // Without CAPA nothing is known, and USER/PASS is RFC 1939's baseline. With CAPA, a
    // missing USER means the server disabled it here (Dovecot before STLS, for one).
    if (!capa_supported_ || capa_.user) return authenticate_user_pass(credentials, deadline);
  }
  std::string offered;
  for (const auto& m : capa_.sasl_mechanisms) offered += " " + m;
  std::string message =
      "the POP3 server does not offer a login method we can use on this connection (SASL:" +
      (offered.empty() ? std::string(" none") : offered) +
      "; USER: " + (capa_.user ? "yes" : "no") + ")";
  if (!encrypted() && capa_.stls) message += "; it may offer more after STLS";
  return make_error(ErrorKind::auth_unsupported, message);
}

Result<void> Pop3Client::authenticate_sasl(sasl::Mechanism mechanism,
                                           const sasl::Credentials& credentials,
                                           Deadline deadline) {
  sasl::Exchange exchange(mechanism, credentials);
  for (auto& secret : exchange.secrets()) trace().add_secret(std::move(secret));
  const std::string verb = "AUTH " + std::string(sasl::to_string(mechanism));
  std::string line = verb;
  std::string shown = verb;
  // RFC 5034 section 4: the initial response rides on the AUTH line ("=" when empty)
  // unless that would exceed 255 octets; then the server's empty challenge asks for it and
  // Exchange::respond supplies it.
  if (auto ir = exchange.initial_response()) {
    auto with_ir = verb + " " + (ir->empty() ? std::string("=") : *ir);
    if (with_ir.size() + 2 <= kMaxAuthLine) {
      line = std::move(with_ir);
      shown += " <redacted>";
    }
  }
  if (auto u = usable(); !u) return u;
  broken_ = true;
  if (auto sent = send_line(line, deadline, shown); !sent) return sent;
  for (int round = 0;; ++round) {
    auto reply = read_line(deadline);
    if (!reply) return std::move(reply).error();
    auto step = parse_auth_step(*reply);
    if (!step) return std::move(step).error();
    if (!step->continuation) {
      broken_ = false;
      if (step->status.ok) return ok();
      return login_failure(step->status);
    }
    auto answer = round < kMaxSaslRounds
                      ? exchange.respond(step->challenge)
                      : Result<std::string>(make_error(
                            ErrorKind::protocol_error,
                            "the POP3 server sent more SASL challenges than any mechanism needs"));
    if (!answer) {
      // RFC 5034 section 4: "*" cancels; the server answers -ERR, and the session goes on.
      if (auto sent = send_line("*", deadline); !sent) return sent;
      auto final_reply = read_line(deadline);
      if (!final_reply) return std::move(final_reply).error();
      auto status = parse_status_line(*final_reply);
      if (status && !status->ok) broken_ = false;
      return std::move(answer).error();
    }
    if (auto sent = send_line(*answer, deadline, "<redacted>"); !sent) return sent;
  }
}

Result<void> Pop3Client::authenticate_apop(const sasl::Credentials& credentials,
                                           Deadline deadline) {
  // RFC 1939 section 7: digest = MD5(timestamp + shared secret), lower-case hex.
  auto digest = md5_hex(*apop_timestamp_ + credentials.password);
  auto status = command("APOP " + credentials.username + " " + digest, deadline,
                        "APOP " + credentials.username + " <redacted>");
  if (!status) return std::move(status).error();
  if (!status->ok) return login_failure(*status);
  return ok();
}

Result<void> Pop3Client::authenticate_user_pass(const sasl::Credentials& credentials,
                                                Deadline deadline) {
  auto user = command("USER " + credentials.username, deadline);
  if (!user) return std::move(user).error();
  if (!user->ok) return login_failure(*user);
  auto pass = command("PASS " + credentials.password, deadline, "PASS <redacted>");
  if (!pass) return std::move(pass).error();
  if (!pass->ok) return login_failure(*pass);
  return ok();
}

}  // namespace mailassist::pop3
