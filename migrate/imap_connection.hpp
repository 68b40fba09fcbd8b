#pragma once
// One logged-in IMAP connection to the migration target: connect (through the resolver
// given, so --dns-server applies), implicit TLS or STARTTLS, greeting, login — the same
// net::connect and MailSession steps autoconfig's server check runs, here keeping the
// session open for work. (migrate/ may not depend on autoconfig/: DESIGN.md's dependency
// rule.) The plaintext rule stays in MailSession::login().
#include <memory>

#include "core/cancel_token.hpp"
#include "core/trace.hpp"
#include "migrate/migration.hpp"
#include "protocols/imap/client.hpp"

namespace mailassist::migrate {

class ImapConnection {
 public:
  // `label` distinguishes connections in the -v trace ("imap#2 host:port").
  static Result<std::unique_ptr<ImapConnection>> open(const ImapTarget& target, int number,
                                                      const CancelToken& cancel);
  imap::ImapClient& client() { return *client_; }
  // A deadline for one network step.
  Deadline step() const { return Deadline::after(timeout_); }
  // LOGOUT, ignoring errors: the work is done or the connection is already broken.
  void close();

 private:
  ImapConnection() = default;
  std::unique_ptr<Trace> trace_;  // outlives client_, which refers to it
  std::unique_ptr<imap::ImapClient> client_;
  std::chrono::milliseconds timeout_{};
};

// "USER on HOST:PORT", for plans and reports.
std::string describe_target(const ImapTarget& target);

}  // namespace mailassist::migrate
