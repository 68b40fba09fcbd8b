// APPEND as migration uses it (RFC 9051 section 6.3.12): messages streamed from their
// source while the command is written, several per command with MULTIAPPEND (RFC 3502),
// pipelined otherwise, with the UIDs the server assigned (RFC 4315 section 3) and the
// server's size limit honoured before anything is sent (RFC 7889).
#include <algorithm>
#include <cstring>

#include "protocols/imap/client.hpp"
#include "protocols/imap/parse_cursor.hpp"
#include "protocols/imap/response_parser.hpp"

namespace mailassist::imap {

namespace {

// Flags are atoms with an optional leading '\' (RFC 9051 section 9 "flag"): anything else
// would break the command's syntax.
Result<void> check_flags(const std::vector<std::string>& flags) {
  for (const auto& flag : flags) {
    std::string_view keyword = flag;
    if (!keyword.empty() && keyword.front() == '\\') keyword.remove_prefix(1);
    if (keyword.empty() || !std::all_of(keyword.begin(), keyword.end(), is_atom_char)) {
      return make_error(ErrorKind::invalid_input, "not a valid IMAP flag: " + flag);
    }
  }
  return ok();
}

}  // namespace

std::optional<std::vector<std::uint32_t>> expand_uid_set(const UidSet& set, std::size_t limit) {
  // Counted before anything is expanded: the ranges come from the server.
  std::uint64_t count = 0;
  for (const auto& range : set) {
    if (range.first > range.last) return std::nullopt;
    count += std::uint64_t{range.last} - range.first + 1;
    if (count > limit) return std::nullopt;
  }
  std::vector<std::uint32_t> out;
  out.reserve(static_cast<std::size_t>(count));
  for (const auto& range : set) {
    for (std::uint64_t uid = range.first; uid <= range.last; ++uid) {
      out.push_back(static_cast<std::uint32_t>(uid));
    }
  }
  return out;
}

// append = "APPEND" SP mailbox 1*append-message (RFC 3502 section 6.3.11), each message
// being [SP flag-list] [SP date-time] SP literal.
Result<Command> ImapClient::append_command(const std::string& wire,
                                           std::vector<StreamedMessage>& messages,
                                           const std::vector<std::size_t>& which) {
  Command command("APPEND");
  mailbox_argument(command, wire);
  for (std::size_t index : which) {
    const auto& message = messages[index];
    if (!message.flags.empty()) {
      command.begin_list();
      for (const auto& flag : message.flags) command.raw(flag);
      command.end_list();
    }
    if (message.date) command.raw(quote(format_internal_date(*message.date)));
    command.streamed_literal(message.size, message.read);
  }
  return command;
}

Result<PendingAppend> ImapClient::submit_append(std::string_view mailbox,
                                                std::vector<StreamedMessage>& messages,
                                                Deadline deadline) {
  for (const auto& message : messages) {
    if (auto flags = check_flags(message.flags); !flags) return std::move(flags).error();
    if (!message.read) {
      return make_error(ErrorKind::internal, "a message to append has no reader");
    }
  }
  if (auto caps = ensure_capabilities(deadline); !caps) return std::move(caps).error();
  auto wire = wire_name(mailbox);
  if (!wire) return std::move(wire).error();

  PendingAppend pending;
  pending.mailbox = std::string(mailbox);
  pending.result.outcomes.resize(messages.size());
  std::vector<std::size_t> sendable;
  auto limit = append_limit();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    // RFC 7889 section 2: the server would refuse it (TOOBIG), possibly only after
    // reading every byte of a non-synchronizing literal.
    if (limit && messages[i].size > *limit) {
      auto& outcome = pending.result.outcomes[i];
      outcome.over_limit = true;
      outcome.refusal = "the message (" + std::to_string(messages[i].size) +
                        " bytes) is larger than the server's APPENDLIMIT of " +
                        std::to_string(*limit) + " bytes";
      continue;
    }
    sendable.push_back(i);
  }
  if (sendable.empty()) return pending;

  // RFC 3502: one command for the whole batch, atomic on the server. Without it, one
  // APPEND per message; submit() keeps to the in-flight limit and to one "+" at a time.
  pending.result.multiappend = sendable.size() > 1 && has_capability("MULTIAPPEND");
  std::vector<std::vector<std::size_t>> groups;
  if (pending.result.multiappend) {
    groups.push_back(sendable);
  } else {
    for (std::size_t i : sendable) groups.push_back({i});
  }
  for (auto& group : groups) {
    auto command = append_command(*wire, messages, group);
    if (!command) return std::move(command).error();
    auto tag = submit(*command, deadline);
    if (!tag) return std::move(tag).error();
    pending.commands.push_back({std::move(*tag), std::move(group)});
  }
  return pending;
}

Result<AppendBatchResult> ImapClient::finish_append(PendingAppend pending, Deadline deadline) {
  for (const auto& sent : pending.commands) {
    auto done = wait_for(sent.tag, deadline);
    if (!done) return std::move(done).error();
    if (!done->ok()) {
      for (std::size_t i : sent.messages) {
        auto& outcome = pending.result.outcomes[i];
        outcome.refusal = describe(done->status);
        outcome.code = done->status.code;
      }
      continue;
    }
    std::optional<std::vector<std::uint32_t>> uids;
    std::optional<std::uint32_t> validity;
    const auto& code = done->status.code;
    if (code && code->kind == CodeKind::appenduid) {
      // RFC 4315 section 3: with MULTIAPPEND the set names the new messages in the order
      // they were appended. A set of another size is not guessed at.
      uids = expand_uid_set(code->uids, sent.messages.size());
      if (uids && uids->size() != sent.messages.size()) uids.reset();
      validity = code->number;
    }
    for (std::size_t k = 0; k < sent.messages.size(); ++k) {
      auto& outcome = pending.result.outcomes[sent.messages[k]];
      outcome.appended = true;
      if (uids) {
        outcome.uid = (*uids)[k];
        outcome.uid_validity = validity;
      }
    }
  }
  return std::move(pending.result);
}

Result<AppendBatchResult> ImapClient::append_messages(std::string_view mailbox,
                                                      std::vector<StreamedMessage>& messages,
                                                      Deadline deadline) {
  auto pending = submit_append(mailbox, messages, deadline);
  if (!pending) return std::move(pending).error();
  return finish_append(std::move(*pending), deadline);
}

Result<AppendResult> ImapClient::append(std::string_view mailbox, const AppendRequest& request,
                                        Deadline deadline) {
  std::string_view rest = request.message;
  std::vector<StreamedMessage> batch(1);
  batch[0].flags = request.flags;
  batch[0].date = request.date;
  batch[0].size = request.message.size();
  batch[0].read = [&rest](std::span<char> buffer) -> Result<std::size_t> {
    std::size_t n = std::min(buffer.size(), rest.size());
    std::memcpy(buffer.data(), rest.data(), n);
    rest.remove_prefix(n);
    return n;
  };
  auto done = append_messages(mailbox, batch, deadline);
  if (!done) return std::move(done).error();
  const auto& outcome = done->outcomes.front();
  if (outcome.over_limit) return make_error(ErrorKind::invalid_input, outcome.refusal);
  if (!outcome.appended) {
    return make_error(ErrorKind::protocol_error, "the server refused APPEND to " +
                                                     std::string(mailbox) +
                                                     "; the server said: " + outcome.refusal);
  }
  return AppendResult{outcome.uid_validity, outcome.uid};
}

}  // namespace mailassist::imap
