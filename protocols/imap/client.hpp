#pragma once
// The IMAP client (RFC 9051, RFC 3501 servers too) over one connection.
//
// Two layers:
//  - the pipelining core: submit() writes a tagged command without waiting for its
//    completion; next_response() and wait_for() read what the server sends, hand untagged
//    data to a callback and match completions to tags in whatever order they arrive;
//  - the commands built on it: the MailSession steps (greeting, CAPABILITY, STARTTLS,
//    LOGIN/AUTHENTICATE, LOGOUT) and what migration needs (ID, ENABLE UTF8=ACCEPT, LIST,
//    SELECT, STATUS, streaming APPEND and MULTIAPPEND, CREATE, the message index FETCH).
//
// Pipelining rules, enforced here (RFC 9051 section 5.5):
//  - at most ClientOptions::max_in_flight commands are outstanding; submit() reads
//    responses (kept for later) until one completes before it sends another;
//  - a command with a synchronizing literal is written in full inside submit(), which
//    waits for "+" itself, so at most one command ever waits for a continuation and a "+"
//    is never ambiguous;
//  - a streamed literal whose reader ends early or fails cannot be taken back (the server
//    counts the announced bytes, RFC 9051 section 4.3): submit() then gives the session up
//    (state logged_out, every later command fails) and the caller must destroy the client
//    to close the connection, then reconnect;
//  - STARTTLS, AUTHENTICATE and LOGIN change the connection's state and are only sent
//    with nothing else outstanding.
// Untagged data cannot in general be attributed to one command: it goes to the callback
// of whichever wait_for() is reading when it arrives.
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/append_batch.hpp"
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
  // Streamed literals are read and written in chunks of this size (and small writes are
  // gathered up to it), so memory does not grow with message size.
  std::size_t write_chunk = 64 * 1024;
  // fetch_message() asks for a message in partial fetches of this many bytes.
  std::size_t fetch_chunk = 1024 * 1024;
};

// A command's tagged completion: OK, NO or BAD with its code and text.
struct Completion {
  Tag tag;
  StatusResponse status;
  bool ok() const { return status.status == Status::ok; }
};

using UntaggedHandler = std::function<void(const Response&)>;
using MessageIndexSink = std::function<void(const MessageIndexEntry&)>;
// Receives a fetched message's bytes; may be called several times, in order.
using MessageBytesSink = std::function<Result<void>(std::string_view)>;

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
  // After login the capabilities may change (RFC 9051 section 6.2.3): asks CAPABILITY only
  // if the login's OK did not carry them.
  Result<void> ensure_capabilities(Deadline deadline);
  // RFC 7889 section 2: the server-wide limit from "APPENDLIMIT=n"; nullopt when there is
  // none or it is per mailbox (then ask mailbox_append_limit()). Read after
  // ensure_capabilities() once logged in.
  std::optional<std::uint64_t> append_limit() const;
  // True once ENABLE UTF8=ACCEPT succeeded: mailbox names go and come as UTF-8.
  bool utf8_enabled() const { return utf8_enabled_; }
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
  Result<CreateOutcome> create(std::string_view mailbox, Deadline deadline);

  // RFC 6855 section 3: ENABLE UTF8=ACCEPT, in the authenticated state before SELECT.
  // Returns false, with nothing sent, when the server does not offer it. Afterwards
  // mailbox names are sent as UTF-8 quoted strings and LIST names are read as UTF-8.
  Result<bool> enable_utf8(Deadline deadline);
  // RFC 7889 section 3: STATUS (APPENDLIMIT) where the server limits per mailbox; else
  // append_limit(), with nothing sent.
  Result<std::optional<std::uint64_t>> mailbox_append_limit(std::string_view mailbox,
                                                            Deadline deadline);

  // --- APPEND (RFC 9051 6.3.12, RFC 3502 MULTIAPPEND, RFC 4315 UIDPLUS, RFC 7888, 7889) ---
  // Writes the batch: one MULTIAPPEND command when the server advertises it, else one
  // APPEND per message, pipelined. Literals are non-synchronizing with LITERAL+ (and with
  // LITERAL- up to 4096 bytes), else each waits for "+". Messages over append_limit() are
  // not sent (AppendOutcome::over_limit). Returns without reading the completions, so
  // several batches pipeline; pass the result to finish_append().
  // A flag that is not an atom is ErrorKind::invalid_input with nothing sent; any other
  // error means the connection is unusable (see the pipelining rules above).
  Result<PendingAppend> submit_append(std::string_view mailbox,
                                      std::vector<StreamedMessage>& messages, Deadline deadline);
  // Reads the batch's completions: per message appended (with its APPENDUID) or refused
  // with the server's words. A MULTIAPPEND refused is refused for every message in it
  // (RFC 3502 section 6.3.11: the command is atomic).
  Result<AppendBatchResult> finish_append(PendingAppend pending, Deadline deadline);
  // submit_append() then finish_append().
  Result<AppendBatchResult> append_messages(std::string_view mailbox,
                                            std::vector<StreamedMessage>& messages,
                                            Deadline deadline);
  // One message from memory; a refusal is an error naming the server's words.
  Result<AppendResult> append(std::string_view mailbox, const AppendRequest& request,
                              Deadline deadline);

  // --- FETCH (RFC 9051 6.4.5) on the selected mailbox ---
  // The duplicate check's index: UID FETCH 1:* (UID RFC822.SIZE INTERNALDATE
  // BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]), one entry per message handed to `sink` as it
  // arrives (nothing is gathered: 100,000 messages cost 100,000 small responses). An empty
  // mailbox is not asked: some servers answer "1:*" there with NO or BAD.
  Result<void> fetch_message_index(const MessageIndexSink& sink, Deadline deadline);
  // One message's bytes by UID (BODY.PEEK[], so \Seen is not set), for a content hash,
  // handed to `sink` in pieces of ClientOptions::fetch_chunk bytes: partial fetches
  // (RFC 9051 section 6.4.5, BODY[]<offset.length>) keep a 30 MB message from being held
  // whole. False when the mailbox has no such UID.
  Result<bool> fetch_message(std::uint32_t uid, const MessageBytesSink& sink, Deadline deadline);

 protected:
  Result<void> authenticate(const sasl::Credentials& credentials, Deadline deadline) override;

 private:
  Result<Response> read_response(Deadline deadline);
  Result<void> observe(const Response& response);
  Result<Response> pull(Deadline deadline);
  Result<void> wait_for_continuation(const Tag& tag, Deadline deadline, bool& completed);
  Result<void> write_literal(const CommandSegment& segment, Deadline deadline);
  Result<void> write_streamed(const CommandSegment& segment, Deadline deadline);
  Result<void> queue_output(std::string_view bytes, Deadline deadline);
  Result<void> flush_output(Deadline deadline);
  Error give_up(Error cause);
  Result<Command> append_command(const std::string& wire, std::vector<StreamedMessage>& messages,
                                 const std::vector<std::size_t>& which);
  void mailbox_argument(Command& command, const std::string& wire) const;
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
  bool capabilities_current_ = false;  // false after login/STARTTLS until re-learnt
  bool utf8_enabled_ = false;
  std::uint32_t exists_ = 0;        // messages in the selected mailbox, from EXISTS and EXPUNGE
  std::string output_;              // gathered small writes of submit(), flushed before any read
  std::vector<char> chunk_;         // a streamed literal's bytes on their way
  std::optional<std::string> bye_;  // the text of an untagged BYE, once seen
  std::vector<std::string> in_flight_;               // tags sent, completion not yet read
  std::deque<Response> queued_;                      // read by submit() while it waited for "+"
  std::map<std::string, StatusResponse> completed_;  // read while waiting for another tag
};

}  // namespace mailassist::imap
