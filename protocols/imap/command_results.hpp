#pragma once
// What ImapClient's commands return: listed mailboxes, a selected mailbox's state, the
// outcome of APPEND and CREATE. Plain data.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "protocols/imap/internal_date.hpp"

namespace mailassist::imap {

// RFC 6154 section 2 special-use attributes (and Gmail's XLIST spellings of them).
enum class SpecialUse { none, all, archive, drafts, flagged, junk, sent, trash };

constexpr std::string_view to_string(SpecialUse u) {
  switch (u) {
    case SpecialUse::none: return "none";
    case SpecialUse::all: return "\\All";
    case SpecialUse::archive: return "\\Archive";
    case SpecialUse::drafts: return "\\Drafts";
    case SpecialUse::flagged: return "\\Flagged";
    case SpecialUse::junk: return "\\Junk";
    case SpecialUse::sent: return "\\Sent";
    case SpecialUse::trash: return "\\Trash";
  }
  return "none";
}

// The special use named by a mailbox attribute, or SpecialUse::none.
SpecialUse special_use_of(std::string_view attribute);

struct Mailbox {
  std::string name;       // UTF-8, decoded from modified UTF-7
  std::string wire_name;  // as the server sent it: use this in commands about the mailbox
  std::optional<char> delimiter;
  std::vector<std::string> attributes;  // as sent
  SpecialUse special_use = SpecialUse::none;

  bool has_attribute(std::string_view attribute) const;  // case-insensitive
  // \Noselect and \NonExistent mailboxes cannot hold messages (RFC 9051 section 7.3.1).
  bool selectable() const;
};

// What SELECT reports (RFC 9051 section 6.3.2).
struct MailboxState {
  std::uint32_t exists = 0;
  std::uint32_t recent = 0;
  std::optional<std::uint32_t> uid_validity;
  std::optional<std::uint32_t> uid_next;
  std::vector<std::string> flags;
  std::vector<std::string> permanent_flags;
  bool read_only = false;
};

struct AppendRequest {
  std::vector<std::string> flags;    // "\\Seen", "$Forwarded"
  std::optional<InternalDate> date;  // the internal date to keep; server's clock if unset
  std::string_view message;          // RFC 5322 bytes with CRLF line endings
};

// RFC 4315 APPENDUID, when the server has UIDPLUS.
struct AppendResult {
  std::optional<std::uint32_t> uid_validity;
  std::optional<std::uint32_t> uid;
};

// One message of the selected mailbox as the duplicate check sees it: UID FETCH 1:* (UID
// RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]).
struct MessageIndexEntry {
  std::uint32_t uid = 0;
  std::uint64_t size = 0;                     // RFC822.SIZE: the bytes APPEND sent
  std::optional<InternalDate> internal_date;  // nullopt if the server's was unreadable
  std::string message_id;                     // unfolded and trimmed, "" when none
};

enum class CreateOutcome { created, already_exists };

constexpr std::string_view to_string(CreateOutcome o) {
  return o == CreateOutcome::created ? "created" : "already-exists";
}

// RFC 2971 ID fields: name/value pairs, a value may be NIL.
using IdFields = std::vector<std::pair<std::string, std::optional<std::string>>>;

}  // namespace mailassist::imap
