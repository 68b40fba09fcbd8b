#include "protocols/session.hpp"

namespace mailassist::protocols {

MailSession::MailSession(std::unique_ptr<net::Stream> stream, Trace& trace)
    : reader_(std::move(stream)), trace_(trace) {}

Result<void> MailSession::login(const sasl::Credentials& credentials, const LoginPolicy& policy,
                                Deadline deadline) {
  if (!encrypted() && !policy.allow_plaintext) {
    return make_error(ErrorKind::plaintext_refused,
                      "the connection to " + reader_.stream().peer() +
                          " is not encrypted, so the password was not sent");
  }
  trace_.add_secret(credentials.password);
  trace_.add_secret(credentials.oauth_token);
  return authenticate(credentials, deadline);
}

Result<void> MailSession::send_line(std::string_view line, Deadline deadline,
                                    std::optional<std::string_view> shown) {
  trace_.sent(shown ? *shown : line);
  return reader_.write_all(std::string(line) + "\r\n", deadline);
}

Result<std::string> MailSession::read_line(Deadline deadline) {
  auto line = reader_.read_line(deadline);
  if (line) trace_.received(*line);
  return line;
}

Result<std::string> MailSession::read_exact(std::size_t count, Deadline deadline) {
  auto bytes = reader_.read_exact(count, deadline);
  if (bytes) trace_.info("(" + std::to_string(count) + " bytes of literal data)");
  return bytes;
}

Result<void> MailSession::upgrade_to_tls(Deadline deadline) {
  trace_.info("starting TLS");
  auto upgraded = reader_.start_tls(deadline);
  if (upgraded && tls()) trace_.info("TLS established: " + tls()->version + " " + tls()->cipher);
  return upgraded;
}

}  // namespace mailassist::protocols
