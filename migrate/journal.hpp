#pragma once
// The migration journal: what the server CONFIRMED (a tagged OK to APPEND), so that a run
// after a crash or kill -9 knows what is already there without asking the server.
//
// On disk: one record per line, "<checksum> <fields>\n", the fields tab-separated and
// %-escaped (store, folder path, message key, size, target mailbox, UIDVALIDITY, UID;
// the last two empty without RFC 4315 APPENDUID). The checksum (FNV-1a 64 over the fields,
// 16 hex digits) finds a record torn by a crash: a torn or corrupt record is dropped when
// the journal is replayed, and the file is cut back to its last whole record before new
// ones are appended. Append-only while running; compacted on open (duplicates and dropped
// records removed) by write-new-then-rename, so a crash while compacting leaves the old
// journal whole.
//
// Durability: record() appends a batch of confirmations and fdatasyncs once per batch. A
// batch is what one pipelined round of APPEND completions confirmed, so the cost is one
// sync per round rather than per message. Losing the last batch to a power cut costs no
// correctness: those messages are found on the server by the duplicate check before any
// upload (server_index.hpp); the journal only saves that work.
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.hpp"
#include "migrate/journal_file.hpp"

namespace mailassist::migrate {

// Which source message: the store (MailStore::description), the folder's source path,
// the message's key within the folder and its size (a file rewritten in place gives a
// different size, so it is not mistaken for the one uploaded).
struct JournalKey {
  std::string store;
  std::string folder;
  std::string message;
  std::uint64_t size = 0;
  bool operator==(const JournalKey&) const = default;
};

struct JournalEntry {
  JournalKey key;
  std::string mailbox;
  std::optional<std::uint32_t> uid_validity;
  std::optional<std::uint32_t> uid;
  bool this_run = false;  // recorded by this process (not stored): "uploaded", not "there"
};

// One record as a line (with its '\n'), and back. parse_journal_record() returns nullopt
// for anything torn, corrupt or malformed.
std::string format_journal_record(const JournalEntry& entry);
std::optional<JournalEntry> parse_journal_record(std::string_view line);

struct JournalReplay {
  std::size_t records = 0;  // whole records read
  std::size_t dropped = 0;  // torn or corrupt ones skipped
};

class Journal {
 public:
  // Opens `dir`/journal (creating the directory), replays it and compacts it. The
  // directory stays locked while the Journal lives: a second run on it is refused.
  static Result<std::unique_ptr<Journal>> open(const std::filesystem::path& dir);

  const JournalReplay& replay() const { return replay_; }

  // The server's confirmation for this message, if the journal has one.
  std::optional<JournalEntry> find(const JournalKey& key) const;
  std::size_t size() const;

  // Appends the entries and syncs once. Thread-safe.
  Result<void> record(const std::vector<JournalEntry>& entries);

 private:
  // In memory, store, folder and mailbox names are interned (a journal holds a few of
  // them and maybe a million messages), so memory follows the message keys only.
  struct PackedKey {
    std::uint32_t store = 0;
    std::uint32_t folder = 0;
    std::string message;
    std::uint64_t size = 0;
    bool operator==(const PackedKey&) const = default;
  };
  struct PackedValue {
    std::uint32_t mailbox = 0;
    std::optional<std::uint32_t> uid_validity;
    std::optional<std::uint32_t> uid;
    bool this_run = false;
  };
  struct KeyHash {
    std::size_t operator()(const PackedKey& k) const;
  };
  Journal() = default;
  std::uint32_t intern(const std::string& name);
  std::optional<std::uint32_t> interned(const std::string& name) const;
  void insert(const JournalEntry& entry, bool this_run);
  JournalEntry unpack(const PackedKey& key, const PackedValue& value) const;

  mutable std::mutex mutex_;
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::uint32_t> name_ids_;
  std::unordered_map<PackedKey, PackedValue, KeyHash> entries_;
  DirectoryLock lock_;  // taken before the journal is read, held until the end
  AppendFile file_;
  JournalReplay replay_;
};

}  // namespace mailassist::migrate
