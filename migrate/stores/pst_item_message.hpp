#pragma once
// One Outlook message (a libpst item) as RFC 5322 bytes plus what the envelope needs.
//
//  - Header: the message's transport headers (PR_TRANSPORT_MESSAGE_HEADERS, the header
//    as it arrived) without their MIME fields, when it has them; else From, To, Cc,
//    Subject, Date, Message-ID and In-Reply-To made from its properties; recipients from
//    the recipient table (names and SMTP addresses), else from PR_DISPLAY_TO/CC, which
//    hold names only: a name that is not an address is written as an empty group
//    ("Ani Wijaya:;", RFC 5322 section 3.4) so the header stays valid.
//  - Body: rebuilt by mime_writer from the plain and HTML bodies and the attachments.
//    A body only in RTF (PR_RTF_COMPRESSED) goes as an attachment message.rtf, as readpst
//    does; an attached Outlook message is rebuilt the same way, as message/rfc822 (at most
//    kMaxEmbeddedDepth levels deep: a hostile file may nest without end).
//  - Flags: PR_MESSAGE_FLAGS MSGFLAG_READ -> \Seen, MSGFLAG_UNSENT -> \Draft;
//    PR_FLAG_STATUS followupFlagged (2) -> \Flagged; PR_LAST_VERB_EXECUTED reply (102,
//    103) -> \Answered, forward (104) -> $Forwarded ([MS-OXOMSG] 2.2.1.7, [MS-OXOFLAG]).
//  - Date: PR_MESSAGE_DELIVERY_TIME, else PR_CLIENT_SUBMIT_TIME, else (a draft never sent)
//    PR_LAST_MODIFICATION_TIME, in UTC.
#include <libpst/libpst.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/stores/pst_recipient_table.hpp"
#include "protocols/imap/internal_date.hpp"

namespace mailassist::migrate {

struct PstMessage {
  std::string bytes;  // CRLF line ends
  std::vector<std::string> flags;
  std::optional<imap::InternalDate> date;
  std::string message_id;
  std::vector<std::string> problems;  // what could not be converted, for people
};

// A parsed libpst item, freed with pst_freeItem.
struct PstItemDeleter {
  void operator()(pst_item* item) const { pst_freeItem(item); }
};
using PstItemPtr = std::unique_ptr<pst_item, PstItemDeleter>;

// False for items that are not mail (contacts, appointments, tasks, notes, journal).
bool is_mail_item(const pst_item& item);

// `raw_block` is the item's first Property Context block (for the flags libpst does not
// hand out), empty when it could not be read; `seed` makes the MIME boundaries.
inline constexpr int kMaxEmbeddedDepth = 8;
// `recipients`: the rows of its recipient table (pst_recipient_table), used for To, Cc and
// Bcc when there are no transport headers; empty means "use PR_DISPLAY_TO/CC".
PstMessage make_pst_message(pst_file& file, pst_item& item, std::string_view raw_block,
                            const std::vector<PstRecipient>& recipients, std::string_view seed,
                            int depth = 0);

// A FILETIME (100 ns ticks since 1601-01-01 UTC) as a date; nullopt when it is outside
// the years IMAP can carry.
std::optional<imap::InternalDate> filetime_date(const FILETIME& time);

}  // namespace mailassist::migrate
