#pragma once
// A directory tree of message files as a store: .eml files (one RFC 5322 message each,
// as exported by Outlook, Thunderbird's ImportExportTools, web mail) and Apple Mail's
// .emlx files (emlx_file.hpp).
//
// Folders follow the directory tree under the root: each directory is a folder, named
// for the directory; the root's own message files form a folder named for the root. Apple
// Mail keeps a mailbox as "Name.mbox/" with its messages deep inside
// ("<uuid>/Data/1/2/Messages/123.emlx"): such a directory is one folder named "Name",
// its non-.mbox subdirectories add their messages to it and its nested .mbox directories
// are its subfolders. A directory holding only subfolders has holds_messages=false;
// directories without any message below them are left out. Roles come from the top-level
// folders' names.
//
// Messages: in path order; the key is the file's path relative to its folder's directory.
// Dates: .emlx date-received, else the Date header, else the file's mtime. Flags: .emlx
// from its plist; an .eml file carries none (it is uploaded unread, as its exporter left
// it — X-Mozilla-Status inside it is honoured if present).
#include <filesystem>
#include <memory>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

std::unique_ptr<MailStore> make_eml_dir_store(const std::filesystem::path& root);

}  // namespace mailassist::migrate
