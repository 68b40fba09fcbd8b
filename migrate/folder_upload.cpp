#include "migrate/folder_upload.hpp"

#include <algorithm>
#include <deque>

#include "core/ascii.hpp"
#include "migrate/server_index.hpp"
#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/parse_cursor.hpp"

namespace mailassist::migrate {

namespace {

// How many APPENDs may be outstanding before the oldest are waited for. Within the
// client's own bound (ClientOptions::max_in_flight); waiting for half at a time keeps the
// pipe full while the journal syncs once per half (journal.hpp).
constexpr std::size_t kWindow = 16;
constexpr std::size_t kDrain = 8;

JournalKey journal_key(const UploadContext& context, const FolderUpload& folder,
                       const MessageEnvelope& envelope) {
  return {context.store_id, folder.plan.source_path, envelope.key, envelope.size};
}

Result<std::string> wire_mailbox(std::string_view mailbox) {
  // RFC 9051 section 5.1: INBOX is case-insensitive and never encoded.
  if (iequals(mailbox, "INBOX")) return std::string("INBOX");
  return imap::encode_mailbox_name(mailbox);
}

// The bytes of one message, checked against the size scan() announced (the literal's
// length is sent before the bytes, so a mismatch must not be sent at all).
Result<std::string> read_message(MailStore& store, const SourceFolder& folder,
                                 const MessageEnvelope& envelope) {
  auto reader = store.open(folder, envelope);
  if (!reader) return std::move(reader).error();
  std::string bytes;
  bytes.reserve(static_cast<std::size_t>(envelope.size));
  char buffer[64 * 1024];
  for (;;) {
    auto n = (*reader)->read(std::span<char>(buffer, sizeof buffer));
    if (!n) return std::move(n).error();
    if (*n == 0) break;
    bytes.append(buffer, *n);
    if (bytes.size() > envelope.size) break;
  }
  if (bytes.size() != envelope.size) {
    return make_error(ErrorKind::io_error, "the message changed since it was scanned (" +
                                               std::to_string(bytes.size()) + " bytes, not " +
                                               std::to_string(envelope.size) + ")");
  }
  return bytes;
}

struct PendingAppend {
  imap::Tag tag;
  std::string key;
  std::string location;
  std::uint64_t size = 0;
};

class FolderRun {
 public:
  FolderRun(ImapConnection& connection, FolderUpload& folder, UploadContext& context)
      : connection_(connection), folder_(folder), context_(context) {}

  Result<void> run() {
    const auto& plan = folder_.plan;
    folder_.report = FolderReport{plan.source_path, plan.target, 0, 0, 0, 0, {}, {}, 0};
    context_.advance(-folder_.progress_messages, -folder_.progress_bytes, stage());
    folder_.progress_messages = folder_.progress_bytes = 0;
    folder_.complete = false;
    if (!plan.source.holds_messages) {
      folder_.complete = true;
      return ok();
    }

    auto& client = connection_.client();
    auto selected = client.select(plan.target, connection_.step());
    if (!selected) return std::move(selected).error();
    uid_validity_ = selected->uid_validity;
    auto fetched = fetch_server_index(client, connection_.step());
    if (!fetched) return std::move(fetched).error();
    index_ = ServerIndex(std::move(*fetched));
    auto wire = wire_mailbox(plan.target);
    if (!wire) return std::move(wire).error();
    wire_name_ = std::move(*wire);

    auto scanned = context_.store.scan(
        plan.source, [&](const MessageEnvelope& envelope) { return on_message(envelope); },
        [&](const StoreProblem& problem) {
          folder_.report.problems.push_back(problem.location + ": " + problem.message);
        },
        context_.cancel);
    if (!broken_) {
      if (auto drained = drain(pending_.size()); !drained) broken_ = std::move(drained).error();
    }
    if (broken_) return *broken_;
    if (!scanned) {
      folder_.report.problems.push_back("cannot read the folder: " + scanned.error().message);
    }
    folder_.complete = !context_.cancel.cancelled();
    return ok();
  }

 private:
  std::string stage() const { return "Uploading " + folder_.plan.target; }

  void count(std::uint64_t size) {
    folder_.progress_messages += 1;
    folder_.progress_bytes += static_cast<std::int64_t>(size);
    context_.advance(1, static_cast<std::int64_t>(size), stage());
  }
  void fail(const MessageEnvelope& envelope, std::string reason) {
    folder_.report.failed.push_back({envelope.location, std::move(reason)});
    count(envelope.size);
  }
  void already_there(const MessageEnvelope& envelope) {
    // Sent by this run before a reconnect: the server has it because we uploaded it.
    if (folder_.sent.count(envelope.key)) {
      ++folder_.report.uploaded;
      folder_.report.bytes_uploaded += envelope.size;
    } else {
      ++folder_.report.already_there;
    }
    count(envelope.size);
  }

  bool on_message(const MessageEnvelope& envelope) {
    if (context_.cancel.cancelled() || broken_) return false;
    ++folder_.report.messages;
    if (envelope.deleted) {
      ++folder_.report.skipped_deleted;
      return true;
    }
    if (auto entry = context_.journal->find(journal_key(context_, folder_, envelope))) {
      bool same_mailbox = entry->uid && entry->uid_validity && uid_validity_ &&
                          *entry->uid_validity == *uid_validity_ &&
                          entry->mailbox == folder_.plan.target;
      if (!same_mailbox || !index_.claim_uid(*entry->uid)) (void)index_.claim(envelope);
      already_there(envelope);
      return true;
    }
    if (index_.claim(envelope)) {
      already_there(envelope);
      return true;
    }
    if (context_.append_limit && envelope.size > *context_.append_limit) {
      fail(envelope, "larger (" + std::to_string(envelope.size) +
                         " bytes) than the server accepts (APPENDLIMIT " +
                         std::to_string(*context_.append_limit) + ", RFC 7889)");
      return true;
    }
    auto bytes = read_message(context_.store, folder_.plan.source, envelope);
    if (!bytes) {
      fail(envelope, "cannot read it from the source: " + bytes.error().message);
      return true;
    }
    imap::Command command("APPEND");
    command.astring(wire_name_);
    std::vector<std::string> flags;
    for (const auto& flag : envelope.flags) {
      // RFC 9051 section 9 "flag": an atom with an optional leading '\'; anything else
      // would break the command, so it is left out and said.
      std::string_view atom = flag;
      if (!atom.empty() && atom.front() == '\\') atom.remove_prefix(1);
      if (!atom.empty() && std::all_of(atom.begin(), atom.end(), imap::is_atom_char) &&
          !iequals(flag, "\\Recent")) {
        flags.push_back(flag);
      } else {
        folder_.report.problems.push_back(envelope.location + ": flag left out: " + flag);
      }
    }
    if (!flags.empty()) {
      command.begin_list();
      for (const auto& flag : flags) command.raw(flag);
      command.end_list();
    }
    if (envelope.date) command.raw(imap::quote(imap::format_internal_date(*envelope.date)));
    command.literal(*bytes);
    bytes->clear();
    bytes->shrink_to_fit();
    auto tag = connection_.client().submit(command, connection_.step());
    folder_.sent.insert(envelope.key);
    if (!tag) {
      broken_ = std::move(tag).error();
      return false;
    }
    pending_.push_back({std::move(*tag), envelope.key, envelope.location, envelope.size});
    if (pending_.size() >= kWindow) {
      if (auto drained = drain(kDrain); !drained) {
        broken_ = std::move(drained).error();
        return false;
      }
    }
    return true;
  }

  // Waits for the oldest `count` APPENDs and journals those the server confirmed.
  Result<void> drain(std::size_t count) {
    std::vector<JournalEntry> confirmed;
    Result<void> outcome = ok();
    while (count-- > 0 && !pending_.empty()) {
      auto done = connection_.client().wait_for(pending_.front().tag, connection_.step());
      if (!done) {
        outcome = std::move(done).error();
        break;
      }
      auto append = std::move(pending_.front());
      pending_.pop_front();
      if (!done->ok()) {
        folder_.report.failed.push_back(
            {append.location, "the server refused it: " + done->status.full_text});
        folder_.sent.erase(append.key);
        count_size(append.size);
        continue;
      }
      JournalEntry entry;
      entry.key = {context_.store_id, folder_.plan.source_path, append.key, append.size};
      entry.mailbox = folder_.plan.target;
      const auto& code = done->status.code;
      // RFC 4315 section 3: APPENDUID uid-validity uid.
      if (code && code->kind == imap::CodeKind::appenduid && code->uids.size() == 1 &&
          code->uids.front().first == code->uids.front().last) {
        entry.uid_validity = code->number;
        entry.uid = code->uids.front().first;
      }
      confirmed.push_back(std::move(entry));
      ++folder_.report.uploaded;
      folder_.report.bytes_uploaded += append.size;
      count_size(append.size);
    }
    if (auto recorded = context_.journal->record(confirmed); !recorded) return recorded;
    return outcome;
  }
  void count_size(std::uint64_t size) {
    folder_.progress_messages += 1;
    folder_.progress_bytes += static_cast<std::int64_t>(size);
    context_.advance(1, static_cast<std::int64_t>(size), stage());
  }

  ImapConnection& connection_;
  FolderUpload& folder_;
  UploadContext& context_;
  std::optional<std::uint32_t> uid_validity_;
  ServerIndex index_;
  std::string wire_name_;
  std::deque<PendingAppend> pending_;
  std::optional<Error> broken_;
};

}  // namespace

void UploadContext::advance(std::int64_t messages, std::int64_t bytes, const std::string& stage) {
  auto d =
      done.fetch_add(static_cast<std::uint64_t>(messages)) + static_cast<std::uint64_t>(messages);
  auto b =
      bytes_done.fetch_add(static_cast<std::uint64_t>(bytes)) + static_cast<std::uint64_t>(bytes);
  std::lock_guard lock(progress_mutex);
  progress.report({stage, d, total, b, bytes_total});
}

Result<void> upload_folder(ImapConnection& connection, FolderUpload& folder,
                           UploadContext& context) {
  return FolderRun(connection, folder, context).run();
}

void account_unfinished_folder(FolderUpload& folder, UploadContext& context,
                               const std::string& reason) {
  const auto& plan = folder.plan;
  folder.report =
      FolderReport{plan.source_path, plan.target, 0, 0, 0, 0, {}, folder.report.problems, 0};
  if (!plan.source.holds_messages) return;
  auto scanned = context.store.scan(
      plan.source,
      [&](const MessageEnvelope& envelope) {
        ++folder.report.messages;
        if (envelope.deleted) {
          ++folder.report.skipped_deleted;
        } else if (context.journal->find(
                       {context.store_id, plan.source_path, envelope.key, envelope.size})) {
          if (folder.sent.count(envelope.key)) {
            ++folder.report.uploaded;
            folder.report.bytes_uploaded += envelope.size;
          } else {
            ++folder.report.already_there;
          }
        } else {
          folder.report.failed.push_back({envelope.location, reason});
        }
        return true;
      },
      [](const StoreProblem&) {}, CancelToken());
  if (!scanned)
    folder.report.problems.push_back("cannot read the folder: " + scanned.error().message);
}

bool is_transport_error(const Error& error) {
  switch (error.kind) {
    case ErrorKind::unreachable:
    case ErrorKind::timeout:
    case ErrorKind::connection_closed:
    case ErrorKind::tls_handshake:
    case ErrorKind::io_error: return true;
    default: return false;
  }
}

}  // namespace mailassist::migrate
