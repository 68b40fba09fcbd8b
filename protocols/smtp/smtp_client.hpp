#pragma once
// An SMTP submission client (RFC 6409 over RFC 5321) for checking settings: greeting,
// EHLO, STARTTLS (RFC 3207), AUTH (RFC 4954), QUIT. It sends no mail.
#include <memory>
#include <string>
#include <vector>

#include "protocols/session.hpp"
#include "protocols/smtp/ehlo.hpp"
#include "protocols/smtp/reply.hpp"

namespace mailassist::smtp {

struct SmtpOptions {
  // The name we give in EHLO. RFC 5321 section 4.1.4 wants our domain or an address
  // literal; a desktop rarely has a stable one, and servers accept this.
  std::string client_name = "localhost";
};

class SmtpClient final : public protocols::MailSession {
 public:
  SmtpClient(std::unique_ptr<net::Stream> stream, Trace& trace, SmtpOptions options = {});

  Result<void> greet(Deadline deadline) override;
  Result<void> refresh_capabilities(Deadline deadline) override;
  Result<void> start_tls(Deadline deadline) override;
  Result<void> quit(Deadline deadline) override;
  std::vector<std::string> capabilities() const override { return ehlo_.lines; }
  std::vector<std::string> auth_mechanisms() const override { return ehlo_.auth; }

  const EhloCapabilities& ehlo() const { return ehlo_; }

 protected:
  Result<void> authenticate(const sasl::Credentials& credentials, Deadline deadline) override;

 private:
  Result<Reply> read_reply(Deadline deadline);
  Result<Reply> command(std::string_view line, Deadline deadline,
                        std::optional<std::string_view> shown = std::nullopt);
  Error reply_error(std::string_view what, const Reply& reply) const;

  SmtpOptions options_;
  EhloCapabilities ehlo_;
  bool broken_ = false;
};

}  // namespace mailassist::smtp
