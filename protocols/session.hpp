#pragma once
// What IMAP, POP3 and SMTP clients have in common for "do these settings work?": read the
// greeting, learn capabilities, upgrade with STARTTLS, log in, say goodbye. The login
// checks (autoconfig/server_check) drive any of the three through this interface and never
// ask which protocol they have.
//
// The rule that no password crosses an unencrypted connection lives here, once, in
// login(): protocol clients only implement authenticate().
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/deadline.hpp"
#include "core/result.hpp"
#include "core/trace.hpp"
#include "net/line_reader.hpp"
#include "protocols/sasl/sasl.hpp"

namespace mailassist::protocols {

struct LoginPolicy {
  bool allow_plaintext = false;  // --allow-plaintext: the user accepted the risk
};

class MailSession {
 public:
  MailSession(std::unique_ptr<net::Stream> stream, Trace& trace);
  virtual ~MailSession() = default;
  MailSession(const MailSession&) = delete;
  MailSession& operator=(const MailSession&) = delete;

  // Reads the server greeting and, where the protocol needs it (SMTP's EHLO), announces
  // ourselves, so that capabilities() is filled afterwards.
  virtual Result<void> greet(Deadline deadline) = 0;

  // Asks for the capability list again (CAPABILITY, CAPA, EHLO).
  virtual Result<void> refresh_capabilities(Deadline deadline) = 0;

  // STARTTLS / STLS, then the capabilities again (RFC 3207 4.2, RFC 2595 3.1, RFC 9051
  // 6.2.1: what was learnt before the handshake is discarded). A server that does not
  // offer it gives ErrorKind::starttls_unavailable; we never continue in the clear.
  virtual Result<void> start_tls(Deadline deadline) = 0;

  // Logs in, refusing with ErrorKind::plaintext_refused on an unencrypted connection
  // unless the policy allows it. Failures carry the category the server's words map to.
  Result<void> login(const sasl::Credentials& credentials, const LoginPolicy& policy,
                     Deadline deadline);

  // LOGOUT / QUIT. Errors are of little interest once a login test has its answer.
  virtual Result<void> quit(Deadline deadline) = 0;

  // Capability names as the server sent them (upper-cased keywords, arguments kept).
  virtual std::vector<std::string> capabilities() const = 0;
  // SASL mechanisms the server offers (AUTH=... / SASL ... / AUTH ...).
  virtual std::vector<std::string> auth_mechanisms() const = 0;

  const std::optional<net::TlsInfo>& tls() const { return reader_.stream().tls(); }
  bool encrypted() const { return reader_.stream().encrypted(); }

 protected:
  virtual Result<void> authenticate(const sasl::Credentials& credentials, Deadline deadline) = 0;

  // I/O with tracing. `shown` replaces the traced form of a line carrying credentials.
  Result<void> send_line(std::string_view line, Deadline deadline,
                         std::optional<std::string_view> shown = std::nullopt);
  Result<std::string> read_line(Deadline deadline);
  Result<std::string> read_exact(std::size_t count, Deadline deadline);
  // Upgrades the stream in place; buffered plaintext is dropped (net::LineReader).
  Result<void> upgrade_to_tls(Deadline deadline);

  net::LineReader& reader() { return reader_; }
  Trace& trace() { return trace_; }

 private:
  net::LineReader reader_;
  Trace& trace_;
};

}  // namespace mailassist::protocols
