#include "migrate/folder_upload.hpp"

#include <algorithm>
#include <deque>

#include "core/ascii.hpp"
#include "migrate/content_digest.hpp"
#include "migrate/server_index.hpp"
#include "protocols/imap/parse_cursor.hpp"

namespace mailassist::migrate {

namespace {

JournalKey journal_key(const UploadContext& context, const FolderUpload& folder,
                       const MessageEnvelope& envelope) {
  return {context.store_id, folder.plan.source_path, envelope.key, envelope.size};
}

// Batching and pipelining (RFC 3502 MULTIAPPEND, RFC 9051 section 5.5): a batch is one
// APPEND command with several messages where the server has MULTIAPPEND, else one
// pipelined APPEND per message. A batch closes at kBatchMessages messages or kBatchBytes
// bytes; kBatchesInFlight batches are outstanding before the oldest is waited for, so the
// connection keeps sending while the server stores. The journal syncs once per batch
// (journal.hpp).
constexpr std::size_t kBatchMessages = 32;
constexpr std::uint64_t kBatchBytes = 4 * 1024 * 1024;
constexpr std::size_t kBatchesInFlight = 2;

// A batch's messages: the envelopes stay until the server answered; the readers only
// while the command is written (submit_append pulls the bytes then).
struct Batch {
  std::vector<MessageEnvelope> envelopes;
  std::vector<std::unique_ptr<MessageReader>> readers;
  std::vector<imap::StreamedMessage> messages;
  std::uint64_t bytes = 0;
  std::optional<imap::PendingAppend> pending;
};

// The flags APPEND may carry: RFC 9051 section 9 "flag" is an atom with an optional
// leading '\'; \Recent cannot be set by a client. Others are left out and said.
std::vector<std::string> appendable_flags(const MessageEnvelope& envelope,
                                          std::vector<std::string>& problems) {
  std::vector<std::string> out;
  for (const auto& flag : envelope.flags) {
    std::string_view atom = flag;
    if (!atom.empty() && atom.front() == '\\') atom.remove_prefix(1);
    if (!atom.empty() && std::all_of(atom.begin(), atom.end(), imap::is_atom_char) &&
        !iequals(flag, "\\Recent")) {
      out.push_back(flag);
    } else {
      problems.push_back(envelope.location + ": flag left out: " + flag);
    }
  }
  return out;
}

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
    // RFC 7889: the server-wide APPENDLIMIT, or this mailbox's (STATUS, before SELECT).
    auto limit = client.mailbox_append_limit(plan.target, connection_.step());
    if (!limit) return std::move(limit).error();
    append_limit_ = *limit ? *limit : context_.append_limit;
    auto selected = client.select(plan.target, connection_.step());
    if (!selected) return std::move(selected).error();
    uid_validity_ = selected->uid_validity;
    position_ = 0;
    index_ = ServerIndex();
    digests_.clear();
    // A range of a split folder looks for nothing of its own before it sent something:
    // what the other ranges store meanwhile is theirs.
    if (!folder_.split || !folder_.sent.empty()) {
      auto fetched = fetch_server_index(client, connection_.step());
      if (!fetched) return std::move(fetched).error();
      index_ = ServerIndex(std::move(*fetched));
    }
    if (index_.size() > 0) {
      if (auto checked = fetch_candidate_digests(); !checked) return checked;
    }

    auto scanned = context_.store.scan(
        plan.source, [&](const MessageEnvelope& envelope) { return on_message(envelope); },
        [&](const StoreProblem& problem) {
          // Said by the range of the message after it, so a split folder says it once.
          if (position_ >= folder_.first && position_ < folder_.end)
            folder_.report.problems.push_back(problem.location + ": " + problem.message);
        },
        context_.cancel);
    if (!broken_) {
      if (auto sent = send_batch(); !sent) broken_ = std::move(sent).error();
    }
    while (!broken_ && !in_flight_.empty()) {
      if (auto finished = finish_oldest(); !finished) broken_ = std::move(finished).error();
    }
    if (broken_) return *broken_;
    if (!scanned && scanned.error().kind != ErrorKind::cancelled) {
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
  void already_there(const MessageEnvelope& envelope, bool journaled_by_this_run = false) {
    // Sent by this run before a reconnect: the server has it because we uploaded it.
    if (journaled_by_this_run || folder_.sent.count(envelope.key)) {
      ++folder_.report.uploaded;
      folder_.report.bytes_uploaded += envelope.size;
    } else {
      ++folder_.report.already_there;
    }
    count(envelope.size);
  }

  // The pause point: the open batch is sent and every batch in flight waited for and
  // journaled, so that while paused the server holds exactly what the journal says and no
  // APPEND literal is left half-written (RFC 9051 section 4.3: the server would count the
  // announced bytes). A server may close the idle connection meanwhile (RFC 9051 section
  // 5.4, autologout): the next command then fails as a transport error and the worker
  // reconnects and runs the folder again, the journal and the index skipping what is there.
  bool hold() {
    if (auto sent = send_batch(); !sent) {
      broken_ = std::move(sent).error();
      return false;
    }
    while (!in_flight_.empty()) {
      if (auto finished = finish_oldest(); !finished) {
        broken_ = std::move(finished).error();
        return false;
      }
    }
    return context_.hold(stage());
  }

  // The journal's word for a message, when it names this mailbox and a UID the server has:
  // then no content check is needed.
  std::optional<std::uint32_t> journal_uid(const MessageEnvelope& envelope) const {
    auto entry = context_.journal->find(journal_key(context_, folder_, envelope));
    if (entry && entry->mailbox == folder_.plan.target && entry->uid && entry->uid_validity &&
        uid_validity_ && *entry->uid_validity == *uid_validity_ && index_.has_uid(*entry->uid))
      return entry->uid;
    return std::nullopt;
  }

  // A pass over the source before uploading, when the mailbox is not empty. The UIDs the
  // journal names are claimed first, so that an identical copy elsewhere in the source
  // cannot take them. Then every server message that is a candidate (by key) for a source
  // message the journal does not settle is fetched and hashed, in groups
  // (content_digest.hpp), so the upload pass compares contents without a round trip per
  // message.
  Result<void> fetch_candidate_digests() {
    // UIDs only (not envelopes): memory stays at 4 bytes per candidate. A candidate whose
    // UID the journal claims later in the pass is fetched for nothing, which is harmless.
    std::vector<std::uint32_t> uids;
    auto scanned = context_.store.scan(
        folder_.plan.source,
        [&, position = std::uint64_t{0}](const MessageEnvelope& envelope) mutable {
          // The journal's UIDs are claimed over the whole folder, other ranges' included:
          // what they confirmed is theirs.
          const bool mine = position >= folder_.first && position < folder_.end;
          ++position;
          if (envelope.deleted) return true;
          if (auto uid = journal_uid(envelope)) {
            index_.claim_uid(*uid);
          } else if (mine && may_be_there(envelope)) {
            auto found = index_.candidates(envelope);
            uids.insert(uids.end(), found.begin(), found.end());
          }
          return true;
        },
        [](const StoreProblem&) {}, context_.cancel);
    (void)scanned;  // the upload pass reads the folder again and reports its problems
    std::sort(uids.begin(), uids.end());
    uids.erase(std::unique(uids.begin(), uids.end()), uids.end());
    return fetch_server_digests(connection_.client(), uids, digests_,
                                [this] { return connection_.step(); });
  }

  // Whether the index may hold this message without the journal saying so. In a range of a
  // split folder only what this range sent may be there (FolderUpload::split).
  bool may_be_there(const MessageEnvelope& envelope) const {
    return !folder_.split || folder_.sent.count(envelope.key) > 0;
  }

  // Claims the server copy of `envelope` whose bytes are the source's (server_index.hpp).
  std::optional<std::uint32_t> claim_same_content(const MessageEnvelope& envelope) {
    std::optional<Result<ContentDigest>> source;
    return index_.claim_equal(envelope, [&](std::uint32_t uid) {
      auto server = digests_.find(uid);
      if (server == digests_.end()) return false;
      if (!source) source = source_digest(context_.store, folder_.plan.source, envelope);
      return *source && **source == server->second;
    });
  }

  bool on_message(const MessageEnvelope& envelope) {
    const auto position = position_++;
    if (position < folder_.first) return true;  // another range's
    if (position >= folder_.end) return false;
    if (context_.cancel.cancelled() || broken_) return false;
    if (context_.pause.paused() && !hold()) return false;
    ++folder_.report.messages;
    if (envelope.deleted) {
      ++folder_.report.skipped_deleted;
      return true;
    }
    // A journal entry for another mailbox (the mapping changed since) does not count here,
    // nor one for an earlier mailbox of this name: a new UIDVALIDITY means the mailbox was
    // deleted and created again since (RFC 9051 section 2.3.1.1), so what the journal
    // confirmed is gone.
    auto entry = context_.journal->find(journal_key(context_, folder_, envelope));
    const bool recreated =
        entry && entry->uid_validity && uid_validity_ && *entry->uid_validity != *uid_validity_;
    if (entry && entry->mailbox == folder_.plan.target && !recreated) {
      bool same_uids = entry->uid && entry->uid_validity && uid_validity_ &&
                       *entry->uid_validity == *uid_validity_;
      if (!same_uids || !index_.claim_uid(*entry->uid)) (void)claim_same_content(envelope);
      already_there(envelope, entry->this_run);
      return true;
    }
    if (may_be_there(envelope) && claim_same_content(envelope)) {
      already_there(envelope);
      return true;
    }
    if (append_limit_ && envelope.size > *append_limit_) {
      fail(envelope, "larger (" + std::to_string(envelope.size) +
                         " bytes) than the server accepts (APPENDLIMIT " +
                         std::to_string(*append_limit_) + ", RFC 7889)");
      return true;
    }
    auto reader = context_.store.open(folder_.plan.source, envelope);
    if (!reader) {
      fail(envelope, "cannot read it from the source: " + reader.error().message);
      return true;
    }
    add_to_batch(envelope, std::move(*reader));
    if (batch_.envelopes.size() >= kBatchMessages || batch_.bytes >= kBatchBytes) {
      if (auto sent = send_batch(); !sent) {
        broken_ = std::move(sent).error();
        return false;
      }
    }
    return true;
  }

  void add_to_batch(const MessageEnvelope& envelope, std::unique_ptr<MessageReader> reader) {
    imap::StreamedMessage message;
    message.flags = appendable_flags(envelope, folder_.report.problems);
    message.date = envelope.date;
    message.size = envelope.size;
    MessageReader* raw = reader.get();
    message.read = [raw](std::span<char> buffer) { return raw->read(buffer); };
    batch_.envelopes.push_back(envelope);
    batch_.readers.push_back(std::move(reader));
    batch_.messages.push_back(std::move(message));
    batch_.bytes += envelope.size;
  }

  // Writes the open batch (bytes streamed from the source now), then waits for the oldest
  // batch once kBatchesInFlight are outstanding.
  Result<void> send_batch() {
    if (batch_.envelopes.empty()) return ok();
    for (const auto& envelope : batch_.envelopes) folder_.sent.insert(envelope.key);
    auto pending = connection_.client().submit_append(folder_.plan.target, batch_.messages,
                                                      connection_.step());
    batch_.readers.clear();  // files closed: the bytes are on their way
    batch_.messages.clear();
    if (!pending) return std::move(pending).error();
    batch_.pending = std::move(*pending);
    in_flight_.push_back(std::move(batch_));
    batch_ = Batch{};
    if (in_flight_.size() >= kBatchesInFlight) return finish_oldest();
    return ok();
  }

  // Reads the oldest batch's completions and journals what the server confirmed.
  Result<void> finish_oldest() {
    auto batch = std::move(in_flight_.front());
    in_flight_.pop_front();
    auto result = connection_.client().finish_append(std::move(*batch.pending), connection_.step());
    if (!result) return std::move(result).error();
    std::vector<JournalEntry> confirmed;
    std::vector<std::size_t> retry;
    for (std::size_t i = 0; i < batch.envelopes.size(); ++i) {
      const auto& envelope = batch.envelopes[i];
      const auto& outcome = result->outcomes[i];
      if (outcome.appended) {
        JournalEntry entry;
        entry.key = journal_key(context_, folder_, envelope);
        entry.mailbox = folder_.plan.target;
        entry.uid_validity = outcome.uid_validity;
        entry.uid = outcome.uid;
        confirmed.push_back(std::move(entry));
        folder_.sent.erase(envelope.key);  // the journal remembers it as this run's now
        ++folder_.report.uploaded;
        folder_.report.bytes_uploaded += envelope.size;
        count(envelope.size);
      } else if (result->multiappend && !outcome.over_limit) {
        // RFC 3502: a refused MULTIAPPEND stores none of its messages, whichever one the
        // server objected to; each goes again alone so only that one fails.
        retry.push_back(i);
      } else {
        folder_.sent.erase(envelope.key);
        fail(envelope, "the server refused it: " + outcome.refusal);
      }
    }
    if (auto recorded = context_.journal->record(confirmed); !recorded) return recorded;
    for (auto i : retry) {
      if (auto alone = append_alone(batch.envelopes[i]); !alone) return alone;
    }
    return ok();
  }

  Result<void> append_alone(const MessageEnvelope& envelope) {
    auto reader = context_.store.open(folder_.plan.source, envelope);
    if (!reader) {
      folder_.sent.erase(envelope.key);
      fail(envelope, "cannot read it from the source: " + reader.error().message);
      return ok();
    }
    Batch single;
    std::swap(single, batch_);
    add_to_batch(envelope, std::move(*reader));
    std::swap(single, batch_);
    auto result = connection_.client().append_messages(folder_.plan.target, single.messages,
                                                       connection_.step());
    if (!result) return std::move(result).error();
    const auto& outcome = result->outcomes.front();
    if (!outcome.appended) {
      folder_.sent.erase(envelope.key);
      fail(envelope, "the server refused it: " + outcome.refusal);
      return ok();
    }
    JournalEntry entry{journal_key(context_, folder_, envelope), folder_.plan.target,
                       outcome.uid_validity, outcome.uid, true};
    folder_.sent.erase(envelope.key);
    ++folder_.report.uploaded;
    folder_.report.bytes_uploaded += envelope.size;
    count(envelope.size);
    return context_.journal->record({entry});
  }

  ImapConnection& connection_;
  FolderUpload& folder_;
  UploadContext& context_;
  std::optional<std::uint32_t> uid_validity_;
  std::optional<std::uint64_t> append_limit_;
  std::uint64_t position_ = 0;  // of the next scanned message in the folder
  ServerIndex index_;
  std::unordered_map<std::uint32_t, ContentDigest> digests_;  // candidates' server copies
  Batch batch_;
  std::deque<Batch> in_flight_;
  std::optional<Error> broken_;
};

}  // namespace

Result<void> upload_folder(ImapConnection& connection, FolderUpload& folder,
                           UploadContext& context) {
  return FolderRun(connection, folder, context).run();
}

}  // namespace mailassist::migrate
