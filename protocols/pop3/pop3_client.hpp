#pragma once
// A POP3 client (RFC 1939) for checking settings and, later, for reading a maildrop during
// migration. Read-only by design: there is no DELE, because migration must never change
// the source.
//
//   Pop3Client pop(std::move(stream), trace);
//   pop.greet(deadline);        // greeting, then CAPA
//   pop.start_tls(deadline);    // STLS, then CAPA again (RFC 2595 section 4)
//   pop.login(credentials, policy, deadline);
//   auto ids = pop.uidl(deadline);
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/pop3/capabilities.hpp"
#include "protocols/pop3/listing.hpp"
#include "protocols/pop3/status_line.hpp"
#include "protocols/session.hpp"

namespace mailassist::pop3 {

struct Pop3Options {
  // APOP (RFC 1939 section 7) is used only when asked for: MD5 is weak, and the shared
  // secret must be stored in clear on the server. SASL mechanisms are preferred anyway.
  bool use_apop = false;
  std::size_t max_message_bytes = 256 * 1024 * 1024;  // RETR / TOP into memory
  std::size_t max_listing_lines = 1'000'000;          // LIST / UIDL
  std::size_t max_capability_lines = 256;             // CAPA
};

class Pop3Client final : public protocols::MailSession {
 public:
  // One message line, dot-unstuffed, without its CRLF. An error stops delivery; the rest
  // of the message is still read so that the session stays usable.
  using LineSink = std::function<Result<void>(std::string_view line)>;

  Pop3Client(std::unique_ptr<net::Stream> stream, Trace& trace, Pop3Options options = {});

  Result<void> greet(Deadline deadline) override;
  Result<void> refresh_capabilities(Deadline deadline) override;
  Result<void> start_tls(Deadline deadline) override;
  Result<void> quit(Deadline deadline) override;
  std::vector<std::string> capabilities() const override;
  std::vector<std::string> auth_mechanisms() const override;

  const Capabilities& capa() const { return capa_; }
  bool capa_supported() const { return capa_supported_; }  // false after CAPA -> -ERR
  const StatusLine& greeting() const { return greeting_; }
  const std::optional<std::string>& apop_timestamp() const { return apop_timestamp_; }

  // TRANSACTION state commands (RFC 1939 section 5). Read-only.
  Result<MaildropStat> stat(Deadline deadline);
  Result<std::vector<ListEntry>> list(Deadline deadline);
  Result<std::vector<UidEntry>> uidl(Deadline deadline);
  // The whole message, lines joined with CRLF; larger than max_message_bytes is an error.
  Result<std::string> retr(std::uint32_t number, Deadline deadline);
  Result<void> retr(std::uint32_t number, const LineSink& sink, Deadline deadline);
  // The header and the first `body_lines` lines of the body (RFC 1939 section 7).
  Result<std::string> top(std::uint32_t number, std::uint32_t body_lines, Deadline deadline);

 protected:
  Result<void> authenticate(const sasl::Credentials& credentials, Deadline deadline) override;

 private:
  // A command whose answer is one status line. A -ERR is returned as a value.
  Result<StatusLine> command(std::string_view line, Deadline deadline,
                             std::optional<std::string_view> shown = std::nullopt);
  // Reads the body of a multi-line response to its "." line, handing each unstuffed line
  // to `sink`; body lines are traced only when `trace_lines` (messages are summarised).
  Result<void> read_body(const LineSink& sink, std::size_t max_lines, bool trace_lines,
                         Deadline deadline);
  Result<std::vector<std::string>> read_body_lines(std::size_t max_lines, bool trace_lines,
                                                   Deadline deadline);
  Result<std::string> read_message(std::string_view command_line, Deadline deadline);
  // After a reply we could not read to its end, the next line would be misread as the
  // answer to the next command: the session refuses further commands.
  Result<void> usable() const;
  Error refused(std::string_view command_line, const StatusLine& status) const;

  // Login paths (pop3_login.cpp).
  Result<void> authenticate_sasl(sasl::Mechanism mechanism,
                                 const sasl::Credentials& credentials, Deadline deadline);
  Result<void> authenticate_apop(const sasl::Credentials& credentials, Deadline deadline);
  Result<void> authenticate_user_pass(const sasl::Credentials& credentials, Deadline deadline);

  Pop3Options options_;
  StatusLine greeting_;
  std::optional<std::string> apop_timestamp_;
  Capabilities capa_;
  bool capa_supported_ = false;
  bool broken_ = false;
};

// What a -ERR to a login command means for the user: the extended response code first
// (RFC 2449 section 8.1, RFC 3206), then the server's words
// (protocols::classify_login_failure). Exposed for tests.
Error login_failure(const StatusLine& status);

}  // namespace mailassist::pop3
