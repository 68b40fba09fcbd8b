// ImapClient's core: reading responses, the pipelining bookkeeping, and the connection
// steps every session takes (greeting, CAPABILITY, STARTTLS, LOGOUT).
#include "protocols/imap/client.hpp"

#include <algorithm>

#include "protocols/imap/parse_cursor.hpp"
#include "protocols/imap/response_parser.hpp"

namespace mailassist::imap {

ImapClient::ImapClient(std::unique_ptr<net::Stream> stream, Trace& trace, ClientOptions options)
    : MailSession(std::move(stream), trace), options_(options), assembler_(options.limits) {
  if (options_.max_in_flight == 0) options_.max_in_flight = 1;
}

std::vector<std::string> ImapClient::auth_mechanisms() const {
  std::vector<std::string> out;
  for (const auto& c : capabilities_)
    if (c.size() > 5 && c.compare(0, 5, "AUTH=") == 0) out.push_back(c.substr(5));
  return out;
}

bool ImapClient::has_capability(std::string_view name) const {
  return std::any_of(capabilities_.begin(), capabilities_.end(),
                     [&](const std::string& c) { return iequals(c, name); });
}

LiteralMode ImapClient::literal_mode() const {
  if (has_capability("LITERAL+")) return LiteralMode::non_synchronizing;
  if (has_capability("LITERAL-")) return LiteralMode::limited;
  return LiteralMode::synchronizing;
}

Error ImapClient::closed_error(Error cause) {
  if (cause.kind == ErrorKind::connection_closed && bye_) {
    cause.message =
        "the server at " + reader().stream().peer() + " closed the connection; it said: " + *bye_;
  }
  return cause;
}

Error ImapClient::refused(std::string_view command, const StatusResponse& status) {
  return make_error(ErrorKind::protocol_error, "the server refused " + std::string(command) +
                                                   "; the server said: " + describe(status));
}

// --- Reading ----------------------------------------------------------------------------

Result<Response> ImapClient::read_response(Deadline deadline) {
  assembler_.reset();
  for (;;) {
    if (assembler_.need() == ResponseAssembler::Need::literal) {
      auto bytes = read_exact(assembler_.literal_size(), deadline);
      if (!bytes) return closed_error(std::move(bytes).error());
      if (auto added = assembler_.add_literal(*bytes); !added) return std::move(added).error();
      continue;
    }
    auto line = read_line(deadline);
    if (!line) return closed_error(std::move(line).error());
    if (auto added = assembler_.add_line(*line); !added) return std::move(added).error();
    if (assembler_.need() == ResponseAssembler::Need::complete) break;
  }
  auto response = parse_response(assembler_.take());
  if (!response) return std::move(response).error();
  if (auto seen = observe(*response); !seen) return std::move(seen).error();
  return response;
}

// Bookkeeping every response gets once, whoever consumes it: capabilities, BYE, and
// which commands are still outstanding.
Result<void> ImapClient::observe(const Response& response) {
  const StatusResponse* status = nullptr;
  // RFC 9051 sections 7.4.1 and 7.5.1: the selected mailbox's size, kept current.
  if (const auto* exists = std::get_if<ExistsData>(&response)) {
    exists_ = exists->count;
  } else if (std::holds_alternative<ExpungeData>(response) && exists_ > 0) {
    --exists_;
  }
  if (const auto* caps = std::get_if<CapabilityData>(&response)) {
    capabilities_ = caps->capabilities;
    capabilities_current_ = true;
  } else if (const auto* untagged = std::get_if<UntaggedStatus>(&response)) {
    status = &untagged->status;
    if (status->status == Status::bye) bye_ = describe(*status);
  } else if (const auto* tagged = std::get_if<TaggedStatus>(&response)) {
    status = &tagged->status;
    auto it = std::find(in_flight_.begin(), in_flight_.end(), tagged->tag);
    if (it == in_flight_.end()) {
      return make_error(ErrorKind::protocol_error,
                        "the server completed a command we did not send (tag " + tagged->tag + ")");
    }
    in_flight_.erase(it);
  }
  // RFC 9051 section 7.1: a CAPABILITY code in an OK (or PREAUTH greeting) replaces the
  // list, as the data does.
  if (status && (status->status == Status::ok || status->status == Status::preauth) &&
      status->code && status->code->kind == CodeKind::capability) {
    capabilities_ = status->code->items;
    capabilities_current_ = true;
  }
  return ok();
}

Result<Response> ImapClient::pull(Deadline deadline) {
  if (!queued_.empty()) {
    Response r = std::move(queued_.front());
    queued_.pop_front();
    return r;
  }
  return read_response(deadline);
}

Result<Response> ImapClient::next_response(Deadline deadline) {
  if (!completed_.empty()) {
    auto node = completed_.extract(completed_.begin());
    return Response{TaggedStatus{std::move(node.key()), std::move(node.mapped())}};
  }
  return pull(deadline);
}

// --- Writing ----------------------------------------------------------------------------

// submit() gathers what it writes and sends it in chunks of write_chunk bytes: a command
// line, a small literal and the next line go out in one write instead of three (the
// socket has TCP_NODELAY, so each write would otherwise be its own packet).
Result<void> ImapClient::queue_output(std::string_view bytes, Deadline deadline) {
  output_.append(bytes);
  if (output_.size() < options_.write_chunk) return ok();
  return flush_output(deadline);
}

Result<void> ImapClient::flush_output(Deadline deadline) {
  if (output_.empty()) return ok();
  auto sent = reader().write_all(output_, deadline);
  output_.clear();
  return sent;
}

Error ImapClient::give_up(Error cause) {
  // Part of a command is on the wire and the rest cannot follow: whatever we sent next
  // would be read as the rest of the literal, or as a new command in the middle of one.
  state_ = SessionState::logged_out;
  output_.clear();
  trace().info("giving up the connection: " + cause.message);
  return cause;
}

Result<void> ImapClient::write_literal(const CommandSegment& segment, Deadline deadline) {
  // Message bodies and credentials are not traced, only their size.
  trace().info("(" + std::to_string(segment.literal_size) + " bytes of literal data sent)");
  if (segment.reader) return write_streamed(segment, deadline);
  return queue_output(segment.literal, deadline);
}

Result<void> ImapClient::write_streamed(const CommandSegment& segment, Deadline deadline) {
  chunk_.resize(std::max<std::size_t>(options_.write_chunk, 1));
  std::uint64_t remaining = segment.literal_size;
  while (remaining > 0) {
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(remaining, chunk_.size()));
    auto got = (*segment.reader)(std::span<char>(chunk_.data(), want));
    std::uint64_t done = segment.literal_size - remaining;
    if (!got || *got == 0 || *got > want) {
      // RFC 9051 section 4.3: the server reads exactly the announced number of bytes, so
      // a literal cannot be cut short; padding it would store a corrupt message. Dropping
      // the connection is the only way to make the server discard the command.
      std::string why = !got   ? got.error().message
                        : *got ? "the message source returned more bytes than asked for"
                               : "the message ended early";
      auto kind = !got ? got.error().kind : ErrorKind::io_error;
      return give_up(
          make_error(kind, "could not send a message of " + std::to_string(segment.literal_size) +
                               " bytes: " + why + " after " + std::to_string(done) +
                               " bytes; the connection was dropped because the server was already "
                               "counting the announced literal"));
    }
    remaining -= *got;
    if (auto sent = queue_output(std::string_view(chunk_.data(), *got), deadline); !sent) {
      return sent;
    }
  }
  return ok();
}

Result<void> ImapClient::wait_for_continuation(const Tag& tag, Deadline deadline, bool& completed) {
  for (;;) {
    auto response = read_response(deadline);
    if (!response) return std::move(response).error();
    if (std::holds_alternative<ContinuationRequest>(*response)) return ok();
    if (const auto* tagged = std::get_if<TaggedStatus>(&*response);
        tagged && tagged->tag == tag.text) {
      // The server refused the literal (RFC 9051 section 4.3): the command is over, and
      // its completion waits for wait_for().
      completed_.emplace(tagged->tag, tagged->status);
      completed = true;
      return ok();
    }
    queued_.push_back(std::move(*response));
  }
}

Result<Tag> ImapClient::submit(const Command& command, Deadline deadline) {
  if (state_ == SessionState::logged_out) {
    return make_error(ErrorKind::connection_closed,
                      "the IMAP session with " + reader().stream().peer() + " has ended");
  }
  while (in_flight_.size() >= options_.max_in_flight) {
    auto response = read_response(deadline);
    if (!response) return std::move(response).error();
    if (std::holds_alternative<ContinuationRequest>(*response)) {
      return make_error(ErrorKind::protocol_error,
                        "the server sent a continuation request no command waited for");
    }
    queued_.push_back(std::move(*response));
  }
  Tag tag = tags_.next();
  in_flight_.push_back(tag.text);
  auto segments = encode(tag, command, literal_mode());
  for (const auto& segment : segments) {
    trace().sent(segment.shown);
    auto line = queue_output(segment.line, deadline);
    if (line) line = queue_output("\r\n", deadline);
    if (!line) return give_up(std::move(line).error());
    if (!segment.has_literal) continue;
    if (segment.synchronizing) {
      if (auto flushed = flush_output(deadline); !flushed)
        return give_up(std::move(flushed).error());
      bool completed = false;
      if (auto go = wait_for_continuation(tag, deadline, completed); !go) {
        return give_up(std::move(go).error());
      }
      if (completed) return tag;
    }
    if (auto sent = write_literal(segment, deadline); !sent)
      return give_up(std::move(sent).error());
  }
  if (auto flushed = flush_output(deadline); !flushed) return give_up(std::move(flushed).error());
  return tag;
}

Result<Completion> ImapClient::wait_for(const Tag& tag, Deadline deadline,
                                        const UntaggedHandler& on_untagged) {
  if (auto it = completed_.find(tag.text); it != completed_.end()) {
    Completion done{tag, std::move(it->second)};
    completed_.erase(it);
    return done;
  }
  // Outstanding on the wire, or its completion already read by submit() and queued.
  bool pending = std::find(in_flight_.begin(), in_flight_.end(), tag.text) != in_flight_.end() ||
                 std::any_of(queued_.begin(), queued_.end(), [&](const Response& r) {
                   const auto* tagged = std::get_if<TaggedStatus>(&r);
                   return tagged && tagged->tag == tag.text;
                 });
  if (!pending) {
    return make_error(ErrorKind::internal, "no IMAP command with tag " + tag.text + " is pending");
  }
  for (;;) {
    auto response = pull(deadline);
    if (!response) return std::move(response).error();
    if (auto* tagged = std::get_if<TaggedStatus>(&*response)) {
      if (tagged->tag == tag.text) return Completion{tag, std::move(tagged->status)};
      completed_.emplace(tagged->tag, std::move(tagged->status));
      continue;
    }
    if (std::holds_alternative<ContinuationRequest>(*response)) {
      return make_error(ErrorKind::protocol_error,
                        "the server sent a continuation request no command waited for");
    }
    if (on_untagged) on_untagged(*response);
  }
}

Result<Completion> ImapClient::execute(const Command& command, Deadline deadline,
                                       const UntaggedHandler& on_untagged) {
  auto tag = submit(command, deadline);
  if (!tag) return std::move(tag).error();
  return wait_for(*tag, deadline, on_untagged);
}

Result<void> ImapClient::require_idle(std::string_view command) const {
  if (!in_flight_.empty() || !queued_.empty() || !completed_.empty()) {
    return make_error(ErrorKind::internal,
                      std::string(command) + " needs every earlier command to be finished");
  }
  return ok();
}

// --- Connection steps -------------------------------------------------------------------

Result<void> ImapClient::greet(Deadline deadline) {
  auto response = read_response(deadline);
  if (!response) return std::move(response).error();
  const auto* untagged = std::get_if<UntaggedStatus>(&*response);
  // RFC 9051 section 7.1: the greeting is an untagged OK, PREAUTH or BYE.
  if (!untagged || untagged->status.status == Status::no ||
      untagged->status.status == Status::bad) {
    return make_error(ErrorKind::protocol_error, "the server at " + reader().stream().peer() +
                                                     " did not send an IMAP greeting");
  }
  greeting_ = untagged->status;
  if (greeting_->status == Status::bye) {
    state_ = SessionState::logged_out;
    return make_error(ErrorKind::unreachable,
                      "the server at " + reader().stream().peer() +
                          " refused the connection; it said: " + describe(*greeting_));
  }
  state_ = greeting_->status == Status::preauth ? SessionState::authenticated
                                                : SessionState::not_authenticated;
  if (capabilities_current_) return ok();  // from the greeting's [CAPABILITY] code
  return refresh_capabilities(deadline);
}

Result<void> ImapClient::refresh_capabilities(Deadline deadline) {
  capabilities_current_ = false;
  auto done = execute(Command("CAPABILITY"), deadline);
  if (!done) return std::move(done).error();
  if (!done->ok()) return refused("CAPABILITY", done->status);
  if (!capabilities_current_) {
    return make_error(ErrorKind::protocol_error,
                      "the server answered CAPABILITY without listing capabilities");
  }
  return ok();
}

std::optional<std::uint64_t> ImapClient::append_limit() const {
  // RFC 7889 section 2: "APPENDLIMIT=n" is server-wide; a bare "APPENDLIMIT" means the
  // limits are per mailbox (STATUS). The value is a number64 (RFC 9051 section 9).
  for (const auto& c : capabilities_) {
    if (c.size() <= 12 || !istarts_with(c, "APPENDLIMIT=")) continue;
    std::string_view digits = std::string_view(c).substr(12);
    if (digits.size() > 19) return std::nullopt;
    std::uint64_t value = 0;
    for (char d : digits) {
      if (d < '0' || d > '9') return std::nullopt;
      value = value * 10 + static_cast<std::uint64_t>(d - '0');
    }
    return value;
  }
  return std::nullopt;
}

Result<void> ImapClient::ensure_capabilities(Deadline deadline) {
  if (capabilities_current_) return ok();
  return refresh_capabilities(deadline);
}

Result<void> ImapClient::start_tls(Deadline deadline) {
  if (encrypted()) {
    return make_error(ErrorKind::invalid_input, "the connection is already encrypted");
  }
  // Never a silent downgrade, and nothing sent when the server does not offer it.
  if (!has_capability("STARTTLS")) {
    return make_error(ErrorKind::starttls_unavailable,
                      "the IMAP server at " + reader().stream().peer() +
                          " does not offer STARTTLS, so the connection stays unencrypted; "
                          "use implicit TLS (port 993) or check the settings");
  }
  if (auto idle = require_idle("STARTTLS"); !idle) return std::move(idle).error();
  auto done = execute(Command("STARTTLS"), deadline);
  if (!done) return std::move(done).error();
  if (!done->ok()) {
    return make_error(ErrorKind::starttls_unavailable,
                      "the IMAP server at " + reader().stream().peer() +
                          " refused STARTTLS; the server said: " + describe(done->status));
  }
  // RFC 9051 section 6.2.1: anything learnt or buffered before the handshake is void.
  queued_.clear();
  capabilities_.clear();
  capabilities_current_ = false;
  if (auto upgraded = upgrade_to_tls(deadline); !upgraded) return std::move(upgraded).error();
  return refresh_capabilities(deadline);
}

Result<void> ImapClient::quit(Deadline deadline) {
  if (state_ == SessionState::logged_out) return ok();
  auto done = execute(Command("LOGOUT"), deadline);
  state_ = SessionState::logged_out;
  // RFC 9051 section 6.1.3: BYE, then the tagged OK; a server that just closes has still
  // ended the session.
  if (!done && done.error().kind != ErrorKind::connection_closed) return std::move(done).error();
  return ok();
}

}  // namespace mailassist::imap
