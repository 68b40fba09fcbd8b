#pragma once
// What a folder is for, from its name — shared by every store. Thunderbird's on-disk names
// (Inbox, Sent, Drafts, Trash, Junk, Archives, Templates, Unsent Messages), the names other
// clients and servers use (Sent Items, Deleted Messages, Spam...), Indonesian (Kotak Masuk,
// Terkirim, Draf/Konsep, Sampah, Arsip) and a few other languages' defaults (German, French,
// Spanish, Italian, Portuguese, Dutch, Russian).
//
// Templates and Unsent Messages (Thunderbird's outbox) have no SPECIAL-USE attribute in
// RFC 6154, so they are `other` and keep their names.
#include <string_view>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

// Case-insensitive for ASCII letters; other characters must match exactly.
FolderRole role_from_name(std::string_view name);

}  // namespace mailassist::migrate
