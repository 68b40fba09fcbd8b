#pragma once
// Where each source folder goes on the server. Pure: the server's mailboxes (from LIST
// with SPECIAL-USE) come in, a target name and notes for people come out.
//
// The rules, in order:
//  1. `--map FROM=TO`: a folder whose source path is FROM, or lies under FROM, goes to TO
//     (its subfolders under TO). The longest FROM wins.
//  2. A folder the store calls the inbox goes to INBOX (RFC 9051 section 5.1: the one name
//     every server has, case-insensitive).
//  3. Sent, Drafts, Trash, Junk and Archive go to the mailbox the server marks with that
//     RFC 6154 special-use attribute; without one, to an existing mailbox of the usual
//     English name (case-insensitive), else to a new mailbox of that name.
//  4. Any other folder goes under its parent's target, with its own name. A name holding
//     the server's hierarchy delimiter would silently become two levels, so the delimiter
//     is replaced by '_' and the change is noted.
// Where the server's personal namespace has a prefix (RFC 2342 section 5: Courier and
// many Cyrus servers answer NAMESPACE (("INBOX." "."))), the folders of rules 3 and 4 go
// under it: "Work" -> "INBOX.Work", "Work/2024" -> "INBOX.Work.2024". A name that already
// starts with the prefix (a child of INBOX) and a SPECIAL-USE mailbox the server listed
// keep the server's own spelling; --map targets are the user's words, taken literally.
// Names are UTF-8 here; ImapClient encodes them as modified UTF-7 on the wire (RFC 3501
// section 5.1.3).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/migration.hpp"
#include "protocols/imap/command_results.hpp"

namespace mailassist::migrate {

// What LIST told us about the server's mailboxes.
struct ServerMailboxes {
  std::optional<char> delimiter;  // nullopt: a flat namespace
  std::vector<imap::Mailbox> mailboxes;
  // The first personal namespace's prefix (RFC 2342), UTF-8; "" when the server has none
  // or does not announce NAMESPACE.
  std::string personal_prefix;
};

struct FolderTarget {
  std::string mailbox;  // UTF-8, levels joined by the server's delimiter
  bool exists = false;  // already on the server (LIST showed it)
  std::vector<std::string> notes;
};

// The source path with '/' between levels, as --map, --include and reports show it.
std::string source_path(const SourceFolder& folder);

// Shell-style match: '*' any run of characters (also '/'), '?' one character (one UTF-8
// code point), anything else itself.
bool glob_match(std::string_view pattern, std::string_view text);

// --include / --exclude: included when no include is given or one matches, and no
// exclude matches.
bool folder_selected(std::string_view path, const std::vector<std::string>& include,
                     const std::vector<std::string>& exclude);

// Parses "FROM=TO" (the first '=' splits; both sides non-empty).
Result<FolderMap> parse_folder_map(std::string_view text);

// Maps every folder (parents before children, as MailStore::folders() gives them).
std::vector<FolderTarget> map_folders(const std::vector<SourceFolder>& folders,
                                      const ServerMailboxes& server,
                                      const std::vector<FolderMap>& maps);

}  // namespace mailassist::migrate
