#pragma once
// The migration engine's public face, called by `mailassist migrate` and by the wizard:
// plan what would happen (folders, mapping, counts, sizes), then run it, reporting to a
// Progress sink and stopping on a CancelToken. Everything here is plain data except the
// two calls at the end.
//
// What run_migration() promises (DESIGN.md, "Behaviour users rely on"):
//  - the source is never changed; every live message is APPENDed with its flags and date,
//    bytes unchanged (the store already gives CRLF line endings);
//  - nothing arrives twice: a journal under MigrationOptions::state_dir records what the
//    server confirmed, and the target mailbox is indexed before uploading so that a run
//    whose journal was lost still finds what is there (see server_index.hpp for the rule);
//  - a dropped connection reconnects with backoff and the unconfirmed messages are checked
//    on the server before being sent again;
//  - the report counts every source message in exactly one bucket.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/cancel_token.hpp"
#include "core/pause_gate.hpp"
#include "core/progress.hpp"
#include "core/result.hpp"
#include "core/trace.hpp"
#include "migrate/stores/mail_store.hpp"
#include "net/resolver.hpp"
#include "net/tls_context.hpp"

namespace mailassist::migrate {

// How to reach the IMAP server. The CLI fills it from `--imap H:P/SEC` (server_spec) and
// the global options; the wizard from the account it detected and verified.
enum class TargetSecurity { tls, starttls, none };

struct ImapTarget {
  std::string host;
  std::uint16_t port = 993;
  TargetSecurity security = TargetSecurity::tls;
  std::string username;
  std::string password;
  bool allow_plaintext = false;                // send the password over an unencrypted connection
  std::shared_ptr<const net::TlsContext> tls;  // required unless security is none
  std::shared_ptr<net::Resolver> resolver;     // null: the system's DNS servers
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};  // each network step
  Trace::Sink trace;                                            // -v; null = none
};

// `--map FROM=TO`: the source folder path FROM ("Kerja & Proyek/Tokó", '/' between
// levels) goes to the server mailbox TO (UTF-8, '/' between levels).
struct FolderMap {
  std::string from;
  std::string to;
};

struct MigrationOptions {
  unsigned connections = 1;  // IMAP connections uploading at once
  // Where the journal lives; empty = default_state_dir(target).
  std::filesystem::path state_dir;
  std::vector<FolderMap> maps;
  // Glob patterns ('*', '?') on the source folder path with '/' between levels; a folder
  // is migrated when it matches some include (or none are given) and no exclude.
  std::vector<std::string> include;
  std::vector<std::string> exclude;
  bool dry_run = false;  // plan only: connect and read, write nothing (journal neither)
  // The wizard's Pause button: run_migration() holds at its safe points (between APPEND
  // batches, once every batch sent is confirmed and journaled) while it is paused. A copy
  // shares the caller's gate; the default one is never paused.
  PauseGate pause;
};

struct FolderPlan {
  SourceFolder source;
  std::string source_path;  // the source path joined with '/', as in --map and --include
  std::string target;       // the server mailbox, UTF-8, levels joined by its delimiter
  bool target_exists = false;
  std::uint64_t messages = 0;      // live messages (to upload or already there)
  std::uint64_t bytes = 0;         // their size
  std::uint64_t deleted = 0;       // marked deleted in the source: never uploaded
  std::vector<std::string> notes;  // e.g. a delimiter replaced in a name, a --map applied
};

struct MigrationPlan {
  std::string source;                         // MailStore::description()
  std::string target;                         // "alice@imap.example.com:993"
  std::vector<FolderPlan> folders;            // in source order, parents first
  std::vector<std::string> excluded;          // source paths left out by --include/--exclude
  std::vector<StoreProblem> problems;         // corrupt regions found while counting
  std::optional<std::uint64_t> append_limit;  // RFC 7889 APPENDLIMIT, when announced
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  std::uint64_t deleted = 0;
};

struct FailedMessage {
  std::string message;  // MessageEnvelope::location
  std::string reason;
};

struct FolderReport {
  std::string source;  // source path, '/' between levels
  std::string target;
  std::uint64_t messages = 0;  // every message the source holds: the sum of the buckets
  std::uint64_t uploaded = 0;
  std::uint64_t already_there = 0;
  std::uint64_t skipped_deleted = 0;
  std::vector<FailedMessage> failed;
  std::vector<std::string> problems;  // source problems, folder-level failures
  std::uint64_t bytes_uploaded = 0;
};

struct MigrationTotals {
  std::uint64_t messages = 0;
  std::uint64_t uploaded = 0;
  std::uint64_t already_there = 0;
  std::uint64_t skipped_deleted = 0;
  std::uint64_t failed = 0;
  std::uint64_t bytes_uploaded = 0;
};

struct MigrationReport {
  std::vector<FolderReport> folders;
  MigrationTotals totals;
  // True when, after uploading, the server was indexed again and every message counted
  // as uploaded or already there was found in its mailbox.
  bool verified = false;
  bool cancelled = false;
  // Every live message is uploaded or already there.
  bool complete() const { return totals.failed == 0 && !cancelled; }
};

// The default journal directory for a target: $XDG_STATE_HOME/mailassist/migrate/<user@host_port>
// (XDG_STATE_HOME defaults to ~/.local/state).
std::filesystem::path default_state_dir(const ImapTarget& target);

// Connects (reading LIST with SPECIAL-USE and APPENDLIMIT), maps every source folder and
// counts its messages. Writes nothing anywhere.
Result<MigrationPlan> plan_migration(MailStore& store, const ImapTarget& target,
                                     const MigrationOptions& options, const CancelToken& cancel);

// Runs a plan made by plan_migration() with the same store, target and options.
// ProgressUpdate: done/total = messages handled (uploaded, already there or failed),
// bytes_done/bytes_total = their size; stage = "Uploading <target mailbox>"; paused = true
// while held by options.pause (an update is sent on entering and on leaving the pause).
// Fails only when nothing could be done at all (cannot connect or log in, no journal);
// per-message and per-folder failures are in the report.
Result<MigrationReport> run_migration(MailStore& store, const MigrationPlan& plan,
                                      const ImapTarget& target, const MigrationOptions& options,
                                      const CancelToken& cancel, Progress& progress);

}  // namespace mailassist::migrate
