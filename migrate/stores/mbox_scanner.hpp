#pragma once
// Finds the messages of one mbox file in a single streamed pass (RFC 4155), for the mbox
// and Thunderbird stores.
//
// Boundaries: a message starts at a From_ line ("From sender asctime-date", see
// is_from_line) that follows a blank line, or at any "From " line that is the file's
// first (after blank lines); the blank line before it is the separator and not part of
// the previous message. Some writers leave out that blank line, so a From_ line right
// after text also starts a message when the next line is a header field ("Name: ...").
// A body line "From ..." that a writer failed to quote therefore splits a message only if
// it carries a whole asctime date and follows a blank line or precedes a header field,
// which prose almost never does.
//
// Quoting: the file is read as mboxrd — one '>' is taken off every line matching
// /^>+From / — whatever wrote it. That is what Thunderbird does since it moved to mboxrd
// (MboxMsgInputStream/MboxMsgOutputStream in comm-central); for an mboxo file (older
// Thunderbird, mutt, procmail) it gives back every line the writer quoted, and only a body
// line that already began ">From " before quoting loses a '>': mboxo itself cannot tell
// those apart. mutt reads every file as mboxo and shows ">From "; we prefer restoring the
// far more common quoted "From ".
//
// Corrupt regions — bytes before the first From_ line, lines holding NUL bytes (what a
// crash leaves in a preallocated file), a message shorter than its Content-Length, a file
// ending mid-line — are reported as StoreProblems with the file and byte offset. After a
// NUL region the next From_ line is taken even without a blank line before it, so the
// messages after the damage still migrate.
//
// Content-Length is only a hint (it is often wrong): it never moves a boundary, it only
// marks a message that ends before it says it should.
#include <cstdint>
#include <filesystem>
#include <string>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

struct MboxScanStats {
  std::uint64_t bytes_read = 0;  // of the file
  std::size_t largest_read = 0;  // the largest single read: bounded by the buffer
  std::size_t messages = 0;
};

// Streams every message of `file` to `sink` and every corrupt region to `problems`.
// `label` names the folder for people in MessageEnvelope::location ("Inbox"). A key is
// "FROM-END": the byte offset of the message's From_ line and of its end in the file.
Result<void> scan_mbox(const std::filesystem::path& file, const std::string& label,
                       const EnvelopeSink& sink, const ProblemSink& problems,
                       const CancelToken& cancel, MboxScanStats* stats = nullptr);

// A reader for a message scan_mbox found in `file`.
Result<std::unique_ptr<MessageReader>> open_mbox_message(const std::filesystem::path& file,
                                                         const MessageEnvelope& message);

}  // namespace mailassist::migrate
