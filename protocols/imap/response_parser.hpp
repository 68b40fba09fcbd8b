#pragma once
// The pure IMAP response parser: one complete response (as assembled by
// ResponseAssembler, literals inline) in, one typed Response out. No I/O, no state.
//
// Errors are ErrorKind::protocol_error with the byte offset and an excerpt, e.g.
//   malformed IMAP response at byte 9: expected a number near "abc EXISTS"
#include <string_view>

#include "core/result.hpp"
#include "protocols/imap/parse_cursor.hpp"
#include "protocols/imap/response.hpp"

namespace mailassist::imap {

Result<Response> parse_response(std::string_view response);

// resp-text (RFC 9051 section 9): ["[" resp-text-code "]" SP] text, up to the cursor's
// end. Shared by tagged, untagged and greeting responses.
Result<StatusResponse> parse_status_text(ParseCursor& cursor, Status status);

// resp-text-code: the part between the brackets, given as a cursor over exactly that.
Result<ResponseCode> parse_response_code(ParseCursor cursor);

// A complete "* n FETCH (msg-att)" response (RFC 9051 section 7.5.2), as UnknownData::raw
// holds it, literals inline.
Result<FetchData> parse_fetch_response(std::string_view response);

// A complete "* STATUS mailbox (items)" response (RFC 9051 section 7.3.4).
Result<StatusData> parse_status_response(std::string_view response);

// "[CODE argument] text" as the server sent it, for messages shown to users.
std::string describe(const StatusResponse& status);

}  // namespace mailassist::imap
