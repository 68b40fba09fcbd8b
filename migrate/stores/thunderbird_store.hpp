#pragma once
// Thunderbird's local mail as a store: a profile (its Local Folders and POP3 account
// directories, see thunderbird_accounts.hpp) or one such mail directory.
//
// On disk (Thunderbird's default "mbox" store): each folder is an mbox file named for the
// folder, with a .msf summary next to it (ignored: the file itself is the truth, and
// X-Mozilla-Status inside it carries the flags); its subfolders live in a directory named
// "<folder>.sbd". A folder that only holds subfolders may exist only as the .sbd directory:
// it becomes a SourceFolder with holds_messages=false. Other files (.msf, .dat such as
// popstate.dat and msgFilterRules.dat, filterlog.html, junklog.html, .json, hidden files)
// are not folders. Thunderbird's maildir store (a folder is a directory with cur/, see
// thunderbird_maildir.hpp) is read too, with the same .sbd subfolders.
//
// Folder paths: Local Folders' folders are top-level ({"Inbox"}, {"Kerja & Proyek",
// "Tokó"}); a POP3 account's are under the account's directory name
// ({"pop.example.com", "Inbox"}) when the profile has more than one mail directory, so
// that two Inboxes never share a path. Roles (folder_roles.hpp) are given to an account's
// top-level folders only: "Kerja/Sent" is an ordinary folder.
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

std::unique_ptr<MailStore> make_thunderbird_profile_store(const std::filesystem::path& profile);
std::unique_ptr<MailStore> make_thunderbird_mail_dir_store(const std::filesystem::path& dir);

// True for a file in a Thunderbird mail directory that is not a folder's mbox file.
bool is_thunderbird_ignored_file(std::string_view name);

}  // namespace mailassist::migrate
