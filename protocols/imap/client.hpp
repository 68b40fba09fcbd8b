#pragma once
// The IMAP client (RFC 9051, RFC 3501 servers too) over one connection.
//
// Two layers:
//  - the pipelining core: submit() writes a tagged command without waiting for its
//    completion; next_response() and wait_for() read what the server sends, hand untagged
//    data to a callback and match completions to tags in whatever order they arrive;
//  - the commands built on it: the MailSession steps (greeting, CAPABILITY, STARTTLS,
//    LOGIN/AUTHENTICATE, LOGOUT) and what migration needs (ID, LIST, SELECT, APPEND,
//    CREATE).
//
// Pipelining rules, enforced here (RFC 9051 section 5.5):
//  - at most ClientOptions::max_in_flight commands are outstanding; submit() reads
//    responses (kept for later) until one completes before it sends another;
//  - a command with a synchronizing literal is written in full inside submit(), which
//    waits for "+" itself, so at most one command ever waits for a continuation and a "+"
//    is never ambiguous;
//  - STARTTLS, AUTHENTICATE and LOGIN change the connection's state and are only sent
//    with nothing else outstanding.
// Untagged data cannot in general be attributed to one command: it goes to the callback
// of whichever wait_for() is reading when it arrives.
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/command.hpp"
#include "protocols/imap/command_results.hpp"
#include "protocols/imap/response.hpp"
#include "protocols/imap/response_assembler.hpp"
#include "protocols/session.hpp"

namespace mailassist::imap {

// RFC 9051 section 3.
enum class SessionState { not_greeted, not_authenticated, authenticated, selected, logged_out };

constexpr std::string_view to_string(SessionState s) {
  switch (s) {
    case SessionState::not_greeted: return "not-greeted";
    case SessionState::not_authenticated: return "not-authenticated";
    case SessionState::authenticated: return "authenticated";
    case SessionState::selected: return "selected";
    case SessionState::logged_out: return "logged-out";
  }
  return "not-greeted";
}

struct ClientOptions {
  ResponseLimits limits;
  std::size_t max_in_flight = 16;
};

// A command's tagged completion: OK, NO or BAD with its code and text.
struct Completion {
  Tag tag;
  StatusResponse status;
  bool ok() const { return status.status == Status::ok; }
};

using UntaggedHandler = std::function<void(const Response&)>;

class ImapClient final : public protocols::MailSession {
 public:
  ImapClient(std::unique_ptr<net::Stream> stream, Trace& trace, ClientOptions options = {});

  // MailSession.
  Result<void> greet(Deadline deadline) override;
  Result<void> refresh_capabilities(Deadline deadline) override;
  Result<void> start_tls(Deadline deadline) override;
  Result<void> quit(Deadline deadline) override;
  std::vector<std::string> capabilities() const override { return capabilities_; }
  std::vector<std::string> auth_mechanisms() const override;

  bool has_capability(std::string_view name) const;  // case-insensitive, whole token
  SessionState state() const { return state_; }
  const std::optional<StatusResponse>& greeting() const { return greeting_; }

  // --- Pipelining core ---
  // Sends a command (waiting for "+" before any synchronizing literal) and returns its tag.
  Result<Tag> submit(const Command& command, Deadline deadline);
  // The next response not yet consumed: completions put aside by wait_for() first, then
  // responses read while submit() waited, then the connection.
  Result<Response> next_response(Deadline deadline);
  // Reads until `tag` completes; untagged data goes to `on_untagged`, completions of
  // other commands are kept for their own wait_for().
  Result<Completion> wait_for(const Tag& tag, Deadline deadline,
                              const UntaggedHandler& on_untagged = {});
  // submit() then wait_for().
  Result<Completion> execute(const Command& command, Deadline deadline,
                             const UntaggedHandler& on_untagged = {});
  std::size_t in_flight() const { return in_flight_.size(); }

  // --- Commands ---
  // RFC 2971: sends ours (empty = NIL) and returns the server's; nullopt, with nothing
  // sent, when the server does not advertise ID.
  Result<std::optional<IdFields>> id(const IdFields& ours, Deadline deadline);
  // LIST, with RETURN (SPECIAL-USE) where the server supports it (RFC 6154, RFC 5258).
  // Names are UTF-8; they are encoded for the wire here.
  Result<std::vector<Mailbox>> list(std::string_view reference, std::string_view pattern,
                                    Deadline deadline);
  Result<MailboxState> select(std::string_view mailbox, Deadline deadline);
  Result<AppendResult> append(std::string_view mailbox, const AppendRequest& request,
                              Deadline deadline);
  Result<CreateOutcome> create(std::string_view mailbox, Deadline deadline);

 protected:
  Result<void> authenticate(const sasl::Credentials& credentials, Deadline deadline) override;

 private:
  Result<Response> read_response(Deadline deadline);
  Result<void> observe(const Response& response);
  Result<Response> pull(Deadline deadline);
  Result<void> wait_for_continuation(const Tag& tag, Deadline deadline, bool& completed);
  Result<void> write_literal(std::string_view bytes, Deadline deadline);
  Result<void> ensure_capabilities(Deadline deadline);
  Result<void> require_idle(std::string_view command) const;
  LiteralMode literal_mode() const;
  Error closed_error(Error cause);
  Error refused(std::string_view command, const StatusResponse& status);
  Result<std::string> wire_name(std::string_view mailbox) const;

  Result<void> run_login(const sasl::Credentials& credentials, Deadline deadline);
  Result<void> run_authenticate(sasl::Mechanism mechanism, const sasl::Credentials& credentials,
                                Deadline deadline);
  Result<void> finish_login(const Completion& completion, std::string_view oauth_error);

  ClientOptions options_;
  ResponseAssembler assembler_;
  TagGenerator tags_;
  SessionState state_ = SessionState::not_greeted;
  std::optional<StatusResponse> greeting_;
  std::vector<std::string> capabilities_;
  bool capabilities_current_ = false;                // false after login/STARTTLS until re-learnt
  std::optional<std::string> bye_;                   // the text of an untagged BYE, once seen
  std::vector<std::string> in_flight_;               // tags sent, completion not yet read
  std::deque<Response> queued_;                      // read by submit() while it waited for "+"
  std::map<std::string, StatusResponse> completed_;  // read while waiting for another tag
};

}  // namespace mailassist::imap
