#include "migrate/imap_connection.hpp"

#include "net/connect.hpp"

namespace mailassist::migrate {

Result<std::unique_ptr<ImapConnection>> ImapConnection::open(const ImapTarget& target, int number,
                                                             const CancelToken& cancel) {
  std::unique_ptr<ImapConnection> connection(new ImapConnection());
  connection->timeout_ = target.timeout;
  connection->trace_ =
      target.trace ? std::make_unique<Trace>(target.trace) : std::make_unique<Trace>();
  connection->trace_->set_label("imap#" + std::to_string(number) + " " + target.host + ":" +
                                std::to_string(target.port));
  connection->trace_->add_secret(target.password);
  auto deadline = connection->step();

  net::ConnectOptions options;
  options.tls = target.tls;
  options.resolver = target.resolver;
  // Cancelling stops the migration between messages, not in the middle of a command:
  // the connection gets a token of its own, so batches already sent are still confirmed
  // and journaled before the run stops (a silent server is bounded by target.timeout).
  if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "cancelled");
  options.cancel = CancelToken();
  options.encryption = target.security == TargetSecurity::tls ? net::Encryption::implicit_tls
                                                              : net::Encryption::none;
  auto stream = net::connect({target.host, target.port}, options, deadline);
  if (!stream) return std::move(stream).error();
  connection->client_ = std::make_unique<imap::ImapClient>(std::move(*stream), *connection->trace_);
  auto& client = *connection->client_;
  if (auto r = client.greet(deadline); !r) return std::move(r).error();
  if (target.security == TargetSecurity::starttls) {
    if (auto r = client.start_tls(deadline); !r) return std::move(r).error();
  }
  sasl::Credentials credentials;
  credentials.username = target.username;
  credentials.password = target.password;
  credentials.host = target.host;
  credentials.port = target.port;
  protocols::LoginPolicy policy;
  policy.allow_plaintext = target.allow_plaintext;
  if (auto r = client.login(credentials, policy, deadline); !r) return std::move(r).error();
  // Capabilities may change at login (RFC 9051 section 6.2.3); APPENDLIMIT, MULTIAPPEND
  // are read from the post-login list.
  if (auto r = client.ensure_capabilities(connection->step()); !r) return std::move(r).error();
  // RFC 6855: with UTF8=ACCEPT, mailbox names go as UTF-8 instead of modified UTF-7 (the
  // client encodes either way); nothing is sent when the server does not offer it.
  if (auto r = client.enable_utf8(connection->step()); !r) return std::move(r).error();
  return connection;
}

void ImapConnection::close() {
  if (client_) (void)client_->quit(Deadline::after(std::chrono::seconds(2)));
}

std::string describe_target(const ImapTarget& target) {
  return target.username + " on " + target.host + ":" + std::to_string(target.port);
}

}  // namespace mailassist::migrate
