#include "protocols/smtp/smtp_client.hpp"

#include "protocols/login_failure.hpp"

namespace mailassist::smtp {

namespace {

// Real mechanisms need at most two rounds; a server that keeps challenging is broken.
constexpr int kMaxSaslRounds = 8;
// RFC 5321 section 4.5.3.1.4: a command line is at most 512 octets with its CRLF, and
// RFC 4954 section 4 keeps AUTH within it.
constexpr std::size_t kMaxCommandLine = 512;

bool has_line_break(std::string_view s) {
  return s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos;
}

// RFC 4954 section 6 and RFC 3463: what a failed AUTH reply means for the user.
Error auth_failure(const Reply& reply) {
  std::string said =
      "the SMTP server rejected the login; the server said: " + std::to_string(reply.code) + " " +
      reply.text();
  bool temporary = reply.code >= 400 && reply.code < 500;
  if (temporary) {
    return make_error(ErrorKind::protocol_error,
                      "the SMTP server could not check the login just now (a temporary "
                      "failure); try again later. " +
                          said);
  }
  // 538 5.7.11 "Encryption required", 530 5.7.0 "Must issue a STARTTLS command first".
  if (reply.code == 538 || reply.code == 530) return make_error(ErrorKind::plaintext_refused, said);
  // 535 5.7.8 bad credentials; 534 5.7.9 "Application-specific password required" (Gmail);
  // 534 5.7.14 "Please log in via your web browser". The words decide.
  return make_error(protocols::classify_login_failure(reply.text(), ErrorKind::auth_failed), said);
}

}  // namespace

SmtpClient::SmtpClient(std::unique_ptr<net::Stream> stream, Trace& trace, SmtpOptions options)
    : MailSession(std::move(stream), trace), options_(std::move(options)) {}

Result<Reply> SmtpClient::read_reply(Deadline deadline) {
  if (broken_) {
    return make_error(ErrorKind::protocol_error,
                      "the SMTP session is no longer usable after an earlier error");
  }
  // A reply we could not read to its end would leave its remaining lines to be taken as
  // the answer to the next command: after any failure here the session stops.
  broken_ = true;
  ReplyAssembler assembler;
  for (;;) {
    auto line = read_line(deadline);
    if (!line) return std::move(line).error();
    auto reply = assembler.add_line(*line);
    if (!reply) return std::move(reply).error();
    if (*reply) {
      broken_ = false;
      return std::move(**reply);
    }
  }
}

Result<Reply> SmtpClient::command(std::string_view line, Deadline deadline,
                                  std::optional<std::string_view> shown) {
  if (broken_) return read_reply(deadline);  // the error, with nothing written
  auto sent = send_line(line, deadline, shown);
  if (!sent) {
    broken_ = true;
    return std::move(sent).error();
  }
  return read_reply(deadline);
}

Error SmtpClient::reply_error(std::string_view what, const Reply& reply) const {
  return make_error(ErrorKind::protocol_error, std::string(what) + "; the server said: " +
                                                   std::to_string(reply.code) + " " + reply.text());
}

Result<void> SmtpClient::greet(Deadline deadline) {
  auto greeting = read_reply(deadline);
  if (!greeting) return std::move(greeting).error();
  // RFC 5321 section 3.1: 554 instead of 220 means "no service here".
  if (greeting->code == 554)
    return reply_error("the SMTP server refuses service to this connection", *greeting);
  if (greeting->code != 220) return reply_error("unexpected SMTP greeting", *greeting);
  return refresh_capabilities(deadline);
}

Result<void> SmtpClient::refresh_capabilities(Deadline deadline) {
  auto reply = command("EHLO " + options_.client_name, deadline);
  if (!reply) return std::move(reply).error();
  if (reply->code == 250) {
    ehlo_ = parse_ehlo(*reply);
    return ok();
  }
  if (reply->code != 500 && reply->code != 502) return reply_error("EHLO was refused", *reply);
  // RFC 5321 section 4.1.4: a server that does not know EHLO still knows HELO, but then
  // offers no extensions: no STARTTLS and no AUTH.
  auto helo = command("HELO " + options_.client_name, deadline);
  if (!helo) return std::move(helo).error();
  if (helo->code != 250) return reply_error("HELO was refused", *helo);
  ehlo_ = EhloCapabilities();
  return ok();
}

Result<void> SmtpClient::start_tls(Deadline deadline) {
  if (encrypted())
    return make_error(ErrorKind::protocol_error, "the connection is already encrypted");
  if (!ehlo_.starttls) {
    return make_error(ErrorKind::starttls_unavailable,
                      "the SMTP server does not offer STARTTLS, so the connection stays "
                      "unencrypted; use implicit TLS (port 465) or check the settings");
  }
  auto reply = command("STARTTLS", deadline);
  if (!reply) return std::move(reply).error();
  if (reply->code != 220) {
    return make_error(ErrorKind::starttls_unavailable,
                      "the SMTP server refused STARTTLS; the server said: " +
                          std::to_string(reply->code) + " " + reply->text());
  }
  auto upgraded = upgrade_to_tls(deadline);
  if (!upgraded) return upgraded;
  // RFC 3207 section 4.2: forget what was learnt in the clear and ask again.
  ehlo_ = EhloCapabilities();
  return refresh_capabilities(deadline);
}

Result<void> SmtpClient::authenticate(const sasl::Credentials& credentials, Deadline deadline) {
  if (has_line_break(credentials.username) || has_line_break(credentials.password)) {
    return make_error(ErrorKind::invalid_input,
                      "the user name or password contains a line break or NUL character");
  }
  if (ehlo_.auth.empty()) {
    std::string message = "the SMTP server does not offer authentication on this connection";
    if (!encrypted() && ehlo_.starttls) message += "; it may offer it after STARTTLS";
    return make_error(ErrorKind::auth_unsupported, message);
  }
  auto mechanism = sasl::choose_mechanism(ehlo_.auth, credentials);
  if (!mechanism) {
    std::string offered;
    for (const auto& m : ehlo_.auth) offered += " " + m;
    return make_error(
        ErrorKind::auth_unsupported,
        "the SMTP server offers no login method we can use (it offers" + offered + ")");
  }
  sasl::Exchange exchange(*mechanism, credentials);
  for (const auto& secret : exchange.secrets()) trace().add_secret(secret);

  // RFC 4954 section 4: the initial response goes on the AUTH line; "=" stands for an
  // empty one.
  std::string line = "AUTH " + std::string(sasl::to_string(*mechanism));
  std::string shown = line;
  // A response too long for the line (an OAuth token, typically) is left off; the server
  // then sends an empty 334 challenge and Exchange::respond answers with it.
  if (auto initial = exchange.initial_response()) {
    auto with_initial = line + " " + (initial->empty() ? std::string("=") : *initial);
    if (with_initial.size() + 2 <= kMaxCommandLine) {
      line = std::move(with_initial);
      shown += " <redacted>";
    }
  }
  auto reply = command(line, deadline, shown);
  for (int round = 0; reply && reply->code == 334; ++round) {
    if (round == kMaxSaslRounds) {
      return make_error(ErrorKind::protocol_error,
                        "the SMTP server kept asking for more during AUTH");
    }
    auto answer = exchange.respond(reply->lines.empty() ? "" : reply->lines.front());
    if (!answer) {
      // RFC 4954 section 4: "*" cancels the exchange; the server answers 501.
      (void)command("*", deadline);
      return std::move(answer).error();
    }
    reply = command(*answer, deadline, "<redacted>");
  }
  if (!reply) return std::move(reply).error();
  if (reply->code == 235) return ok();
  return auth_failure(*reply);
}

Result<void> SmtpClient::quit(Deadline deadline) {
  auto reply = command("QUIT", deadline);
  if (!reply) return std::move(reply).error();
  if (reply->code != 221) return reply_error("QUIT was not acknowledged", *reply);
  return ok();
}

}  // namespace mailassist::smtp
