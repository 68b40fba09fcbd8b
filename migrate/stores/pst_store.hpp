#pragma once
// An Outlook .pst file as a store, read through libpst (built only when libpst was found:
// MAILASSIST_HAVE_LIBPST). open_store() recognises a .pst by its magic "!BDN" ([MS-PST]
// section 2.2.2.6) and, in a build without libpst, refuses it with a plain message.
//
// Folders: the tree under the IPM subtree ("Top of Personal Folders"), as Outlook shows
// it; search folders and folders of contacts, calendars, tasks, notes and the journal are
// left out. Roles: Deleted Items and Sent Items from the message store's own entry IDs
// (so a localized name is still found), others by name (folder_roles). The Outbox
// (messages Outlook has not sent yet) has no SPECIAL-USE mailbox: like Thunderbird's
// Unsent Messages it is uploaded as an ordinary folder named as it is, so nothing is lost.
//
// Messages: each is rebuilt as RFC 5322 bytes by pst_item_message; the key is the
// message's node ID, stable across runs. libpst reads one item at a time, so memory holds
// one message (with its attachments), never the whole file. libpst is not thread-safe:
// one mutex serialises every call into it, and open() returns the message's bytes in
// memory.
#include <filesystem>
#include <memory>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

// True if the file starts with the PST magic "!BDN".
bool has_pst_magic(const std::filesystem::path& file);

// invalid_input when the file is not a PST libpst can open, or when this build has no
// libpst (the message says so).
Result<std::unique_ptr<MailStore>> make_pst_store(const std::filesystem::path& file);

}  // namespace mailassist::migrate
