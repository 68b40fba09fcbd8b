#pragma once
// The one interface every source of mail implements (mbox and Thunderbird, Maildir,
// folders of .eml/.emlx, a POP3 server, Outlook .pst). The uploader never asks which store
// it has: it lists folders, scans each folder's messages, and opens a message's bytes only
// when it sends them.
//
// Rules every store keeps:
//  - The source is never modified: stores open files read-only and never send DELE.
//  - Memory does not grow with mailbox or message size: scan() streams, and open() returns
//    a reader that streams one message.
//  - A message's bytes are those the IMAP server gets: CRLF line endings (RFC 9051 section
//    6.3.12 requires them in APPEND), mboxrd ">From " unquoted, nothing else changed.
//    MessageEnvelope::size is the exact count of those bytes, known before open() so that
//    APPEND can announce its literal.
//  - Bad input never stops the job: a corrupt region is reported as a StoreProblem with
//    where it was, and scanning goes on with the next message it can find.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/cancel_token.hpp"
#include "core/result.hpp"
#include "protocols/imap/internal_date.hpp"

namespace mailassist::migrate {

// What a folder is for. The uploader maps these to the server's SPECIAL-USE mailboxes
// (RFC 6154); `other` folders keep their names.
enum class FolderRole { other, inbox, sent, drafts, trash, junk, archive };

constexpr std::string_view to_string(FolderRole r) {
  switch (r) {
    case FolderRole::other: return "other";
    case FolderRole::inbox: return "inbox";
    case FolderRole::sent: return "sent";
    case FolderRole::drafts: return "drafts";
    case FolderRole::trash: return "trash";
    case FolderRole::junk: return "junk";
    case FolderRole::archive: return "archive";
  }
  return "other";
}

struct SourceFolder {
  // The folder's place in the source's tree, one UTF-8 name per level, e.g.
  // {"Kerja & Proyek", "Tokó"}. The uploader joins them with the server's delimiter.
  std::vector<std::string> path;
  FolderRole role = FolderRole::other;  // what the store knows (Thunderbird's flags, names)
  // Where it is, for people: "/home/ani/.thunderbird/x.default/Mail/Local Folders/Inbox".
  // File stores also find the folder by it: give scan()/open() the SourceFolder as
  // folders() returned it.
  std::string location;
  // False for a folder that exists only to hold subfolders (a Thunderbird ".sbd" directory
  // without its mbox file): it is created on the server but holds no messages.
  bool holds_messages = true;
};

// One message as scan() finds it, before its bytes are read.
struct MessageEnvelope {
  // Identifies the message within its folder across runs, for the journal: an mbox
  // message's byte range ("48213-53120", its From_ line to its end), a Maildir file's
  // unique name, a file's path under an .eml folder, a POP3 UIDL.
  std::string key;
  // For people, in reports: "Inbox, message 12 at byte 48213".
  std::string location;
  std::uint64_t size = 0;           // exact bytes open() will yield (CRLF endings)
  std::vector<std::string> flags;   // IMAP flags and keywords: "\\Seen", "$Forwarded"
  bool deleted = false;             // the source marks it deleted/expunged: never uploaded
  std::optional<imap::InternalDate> date;  // From_ line, else Date header, else file time
  std::string message_id;           // the Message-ID header's value, "" when none
};

// Something wrong in the source that is not a message, e.g. a corrupt mbox region.
struct StoreProblem {
  std::string location;  // file and byte offset
  std::string message;
};

// The bytes of one message, streamed.
class MessageReader {
 public:
  virtual ~MessageReader() = default;
  // Fills up to buffer.size() bytes; returns 0 at the end of the message.
  virtual Result<std::size_t> read(std::span<char> buffer) = 0;
};

// Called by scan() for each message, in source order. Return false to stop scanning.
using EnvelopeSink = std::function<bool(const MessageEnvelope&)>;
using ProblemSink = std::function<void(const StoreProblem&)>;

class MailStore {
 public:
  virtual ~MailStore() = default;

  // For people: "Thunderbird profile abc.default (Local Folders, pop.example.com)".
  virtual std::string description() const = 0;

  // Every folder, parents before their children.
  virtual Result<std::vector<SourceFolder>> folders(const CancelToken& cancel) = 0;

  // Streams the folder's messages to `sink` (deleted ones included, marked), and problems
  // to `problems`. Fails only when the folder cannot be read at all.
  virtual Result<void> scan(const SourceFolder& folder, const EnvelopeSink& sink,
                            const ProblemSink& problems, const CancelToken& cancel) = 0;

  // A reader for one scanned message. Safe to call from several threads at once (each
  // reader has its own file handle or connection), so several IMAP connections can upload
  // from one store.
  virtual Result<std::unique_ptr<MessageReader>> open(const SourceFolder& folder,
                                                      const MessageEnvelope& message) = 0;
};

}  // namespace mailassist::migrate
