#pragma once
// Flags a source keeps inside the message or its file name, as IMAP flags (RFC 9051
// section 2.3.2) on a MessageEnvelope.
//
// Thunderbird (nsMsgMessageFlags.idl, the values X-Mozilla-Status carries as 4 hex
// digits and X-Mozilla-Status2 as 8):
//   0x0001 read -> \Seen        0x0002 replied -> \Answered   0x0004 marked -> \Flagged
//   0x0008 expunged -> deleted (still in the file until compaction: never uploaded)
//   0x1000 forwarded -> $Forwarded
// X-Mozilla-Status2 holds 0x00010000 "new" (arrived since the folder was last opened):
// IMAP's \Recent cannot be set by APPEND, so it is ignored, as is the rest of Status2
// (offline/partial bits, the label bits Thunderbird replaced by keywords).
// X-Mozilla-Keys: space-separated tags, kept as IMAP keywords ($label1..$label5 as they
// are; Thunderbird's own tags are already valid keywords); a tag that is not an IMAP atom
// cannot be sent in APPEND and is dropped.
//
// mutt/pine mbox headers, read when there is no X-Mozilla-Status: "Status: R" -> \Seen
// ("O" only means "not new"); "X-Status:" A -> \Answered, F -> \Flagged, T -> \Draft,
// D -> deleted.
#include <string>
#include <string_view>
#include <vector>

#include "migrate/stores/header_fields.hpp"
#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

// True if `keyword` can be an APPEND flag keyword: a non-empty IMAP atom (RFC 9051
// section 9, flag-keyword) that does not start with a backslash.
bool is_valid_keyword(std::string_view keyword);

// Adds `flag` to the envelope unless it is already there.
void add_flag(MessageEnvelope& message, std::string_view flag);

// Sets the envelope's flags and deleted mark from X-Mozilla-Status/-Status2/-Keys, or
// from Status/X-Status when Thunderbird's headers are absent.
void apply_header_flags(const HeaderFields& headers, MessageEnvelope& message);

}  // namespace mailassist::migrate
