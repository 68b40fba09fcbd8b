#pragma once
// A Thunderbird profile written by the tests: Local Folders with mbox files, a nested and
// non-ASCII folder tree, X-Mozilla-Status flags (expunged messages included), From_ lines
// inside bodies (written mboxrd-quoted), LF and CRLF files, two different messages with one
// Message-ID, and optionally many small messages or very large ones. It also says what the
// server must hold afterwards, so tests compare against it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace mailassist::testing {

struct CorpusMessage {
  std::vector<std::string> folder;  // source path, e.g. {"Kerja & Proyek", "Tokó"}
  std::string mailbox;              // where it must arrive ("" = nowhere: expunged)
  std::string message_id;           // "<id>" or ""
  std::string subject;
  std::vector<std::string> body;
  unsigned mozilla_status = 0;  // X-Mozilla-Status
  std::int64_t date = 0;        // From_ line date, unix seconds (UTC)
  bool crlf = false;
  std::size_t padding = 0;                 // extra body bytes (large messages)
  std::vector<std::string> flags() const;  // what the server must show
  std::string bytes() const;               // the message as uploaded (CRLF)
};

struct CorpusOptions {
  std::size_t bulk = 0;  // extra messages in folder "Bulk"
  bool large = false;    // a 30 MB message and one over the fixture's APPENDLIMIT
  std::uint64_t append_limit = 0;
};

struct Corpus {
  std::filesystem::path profile;
  std::vector<CorpusMessage> messages;
  std::size_t live() const;
};

Corpus write_thunderbird_corpus(const std::filesystem::path& dir, const CorpusOptions& options);

// A digest of every file under `dir` (names, sizes, contents): the source must not change.
std::string digest_tree(const std::filesystem::path& dir);

}  // namespace mailassist::testing
