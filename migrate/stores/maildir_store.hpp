#pragma once
// Maildir (https://cr.yp.to/proto/maildir.html) as a store: a folder is a directory with
// cur/, new/ and tmp/; each message is one file. tmp/ holds deliveries in progress and is
// never read.
//
// Folders: the root Maildir is the Inbox; Maildir++ subfolders (Courier, Dovecot) are
// sibling directories ".Kerja.Tokó" whose names are the hierarchy joined by '.', on disk
// in modified UTF-7 (RFC 3501 section 5.1.3) when Dovecot made them (decoded here; a name
// that is not valid modified UTF-7 is kept as it is); a missing parent (".a.b" without
// ".a") becomes a folder with holds_messages=false. Plain nested Maildirs (mutt's
// ~/Mail/work/{cur,new,tmp}) are folders by directory name.
//
// Messages: files of new/ and cur/, in name order. The key is the unique name, the part
// before the info suffix ":2,FLAGS" (";" or "!" instead of ":" on Windows), which stays
// the same when a client moves the file from new/ to cur/ or changes its flags.
// Flags (cr.yp.to/proto/maildir.html "info"): S \Seen, R \Answered, F \Flagged, D \Draft,
// P (passed) $Forwarded, T (trashed) -> deleted, never uploaded; lowercase letters are
// Dovecot keywords, named by the folder's dovecot-keywords file ("0 $label1"). A message
// in new/ has not been seen by any client: it gets no \Seen.
// Date: the delivery time at the start of the unique name ("1700000000.M1P2.host"), which
// survives a copy that loses file times; else the Date header; else the file's mtime.
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

std::unique_ptr<MailStore> make_maildir_store(const std::filesystem::path& root);

// True if `dir` has cur/ and new/.
bool is_maildir(const std::filesystem::path& dir);

// The unique part of a Maildir file name (without ":2,..." / ";2,..." / "!2,...").
std::string_view maildir_unique_name(std::string_view file_name);

// Sets flags and the deleted mark from a Maildir file name's info suffix. `keywords[i]` is
// the keyword of letter 'a' + i (from dovecot-keywords).
void apply_maildir_info(std::string_view file_name, bool in_new,
                        const std::vector<std::string>& keywords, MessageEnvelope& message);

}  // namespace mailassist::migrate
