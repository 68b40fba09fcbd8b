#pragma once
// Reading the duplicate check's index from FETCH data: the Message-ID out of
// BODY[HEADER.FIELDS (MESSAGE-ID)], and one MessageIndexEntry per FETCH response.
#include <optional>
#include <string>
#include <string_view>

#include "protocols/imap/command_results.hpp"
#include "protocols/imap/response.hpp"

namespace mailassist::imap {

// The value of the first Message-ID field in `header` (RFC 5322 section 3.6.4), unfolded
// (section 2.2.3: CRLF before white space removed) and trimmed; "" when there is none.
std::string message_id_field(std::string_view header);

// The index entry a FETCH response carries, or nullopt if it lacks UID or RFC822.SIZE
// (an unsolicited FLAGS update, say).
std::optional<MessageIndexEntry> index_entry(const FetchData& fetch);

}  // namespace mailassist::imap
