#pragma once
// The store for a path the user gave (`mailassist migrate SOURCE`), by what is there:
//  - a file starting with a From_ line (after blank lines): an mbox file, one folder;
//  - a directory holding prefs.js or Mail/: a Thunderbird profile; one holding
//    profiles.ini: Thunderbird's own directory, whose default profile is used (the CLI's
//    `thunderbird` source is find_thunderbird_profiles + make_thunderbird_profile_store);
//  - a directory with cur/ and new/: a Maildir (Maildir++ subfolders inside);
//  - a directory of mbox files (with .msf/.sbd companions, or bare): a Thunderbird mail
//    directory (Local Folders or a POP3 account's directory);
//  - a directory of .eml or .emlx files: one folder per directory;
//  - a file starting with "!BDN": an Outlook .pst (or .ost) file, read through libpst
//    when this build has it (pst_store.hpp).
#include <filesystem>
#include <memory>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

enum class StoreKind {
  mbox_file,
  thunderbird_profile,
  thunderbird_mail_dir,
  maildir,
  eml_dir,
  pst_file
};

constexpr std::string_view to_string(StoreKind k) {
  switch (k) {
    case StoreKind::mbox_file: return "mbox file";
    case StoreKind::thunderbird_profile: return "Thunderbird profile";
    case StoreKind::thunderbird_mail_dir: return "Thunderbird mail directory";
    case StoreKind::maildir: return "Maildir";
    case StoreKind::eml_dir: return "directory of .eml/.emlx files";
    case StoreKind::pst_file: return "Outlook .pst file";
  }
  return "unknown";
}

// What kind of store `path` is; invalid_input when it is none of them.
Result<StoreKind> detect_store(const std::filesystem::path& path);

Result<std::unique_ptr<MailStore>> open_store(const std::filesystem::path& path);

}  // namespace mailassist::migrate
