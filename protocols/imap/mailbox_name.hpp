#pragma once
// Mailbox names on the wire: modified UTF-7 (RFC 3501 section 5.1.3, kept by RFC 9051
// section 5.1 for servers without UTF8=ACCEPT). Printable ASCII stands for itself except
// '&', which is "&-"; everything else is UTF-16 in a modified base64 (',' for '/', no
// padding) between '&' and '-'.
//
// Migration maps local folder names ("Kerja & Proyek", "Terkirim", "台北") to these.
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace mailassist::imap {

// UTF-8 to modified UTF-7. Invalid UTF-8 (overlong forms, surrogates, stray bytes) is
// ErrorKind::invalid_input.
Result<std::string> encode_mailbox_name(std::string_view utf8);

// Modified UTF-7 to UTF-8. Malformed input (raw 8-bit bytes, an unterminated or
// non-canonical shift sequence, bad base64, unpaired surrogates) is
// ErrorKind::protocol_error: callers may then show the name as sent.
Result<std::string> decode_mailbox_name(std::string_view mutf7);

// True if `bytes` is well-formed UTF-8 (RFC 3629).
bool is_valid_utf8(std::string_view bytes);

}  // namespace mailassist::imap
