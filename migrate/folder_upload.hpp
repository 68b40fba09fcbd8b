#pragma once
// Uploading one source folder into its target mailbox over one connection — the inner
// loop of run_migration(). For each scanned message, in source order, exactly one of:
//   deleted in the source                          -> skipped_deleted
//   in the journal, or claimed in the server index -> already_there (uploaded, when this
//                                                     run sent it before a reconnect)
//   over APPENDLIMIT, unreadable, refused          -> failed, with the reason
//   otherwise                                      -> APPEND, pipelined; on the tagged OK
//                                                     journaled and counted uploaded
// An attempt that loses its connection returns the error; the caller reconnects and runs
// the folder again from the start: what the server confirmed is in the journal, and what
// it stored without our seeing the OK is found by the index, so nothing is sent twice.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_set>

#include "core/cancel_token.hpp"
#include "core/pause_gate.hpp"
#include "core/progress.hpp"
#include "migrate/imap_connection.hpp"
#include "migrate/journal.hpp"
#include "migrate/migration.hpp"

namespace mailassist::migrate {

// What every worker shares.
struct UploadContext {
  UploadContext(MailStore& s, std::string id, Journal* j, std::optional<std::uint64_t> limit,
                CancelToken c, PauseGate g, Progress& p)
      : store(s),
        store_id(std::move(id)),
        journal(j),
        append_limit(limit),
        cancel(c),
        pause(std::move(g)),
        progress(p) {}
  MailStore& store;
  std::string store_id;  // MailStore::description(), the journal's store identity
  Journal* journal = nullptr;
  std::optional<std::uint64_t> append_limit;
  CancelToken cancel;
  PauseGate pause;
  Progress& progress;
  std::uint64_t total = 0;
  std::uint64_t bytes_total = 0;
  std::atomic<std::uint64_t> done{0};
  std::atomic<std::uint64_t> bytes_done{0};
  std::mutex progress_mutex;

  void advance(std::int64_t messages, std::int64_t bytes, const std::string& stage);
  // Waits while the run is paused, saying so to the progress on the way in and out. Call
  // it only where nothing is outstanding on the connection. False when cancelled.
  bool hold(const std::string& stage);
};

// State of one folder, or of one range of it, across attempts.
struct FolderUpload {
  const FolderPlan& plan;
  FolderReport report;  // of the range only, when the folder is split
  // The messages handled: positions [first, end) in scan order, deleted ones included.
  // run_migration() splits one large folder into ranges on several connections
  // (folder_split.hpp); otherwise the whole folder.
  std::uint64_t first = 0;
  std::uint64_t end = UINT64_MAX;
  // Set for a range of a split folder. The target mailbox was empty when the run started,
  // so every server message in it was sent by this run: a range may claim one (by content)
  // only for a message it sent itself, never one another range sent or is sending.
  bool split = false;
  // Keys APPENDed by this run and not yet confirmed (confirmed ones are the journal's
  // this_run entries): found on the server after a reconnect, they count as uploaded.
  std::unordered_set<std::string> sent;
  std::int64_t progress_messages = 0;  // what this folder added to the progress so far
  std::int64_t progress_bytes = 0;
  bool complete = false;  // the last attempt went through the whole folder
};

// One attempt over a live connection. Errors are connection-level (reconnect and retry)
// or folder-level (ErrorKind other than the transport ones: give up on the folder).
Result<void> upload_folder(ImapConnection& connection, FolderUpload& folder,
                           UploadContext& context);

// Counts the folder without a server, after giving up on it: what the journal confirms or
// this run sent is counted as such, every other live message failed with `reason`. The
// first `keep_first` messages keep the counts an attempt gave them (a cancelled attempt
// finished every batch it sent, so its counts are exact).
void account_unfinished_folder(FolderUpload& folder, UploadContext& context,
                               const std::string& reason, std::uint64_t keep_first = 0);

// True for errors after which a new connection may succeed.
bool is_transport_error(const Error& error);

}  // namespace mailassist::migrate
