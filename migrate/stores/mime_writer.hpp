#pragma once
// Writing an RFC 5322 message from parts, for stores that keep messages as properties
// rather than as bytes (Outlook .pst): header text in RFC 2047 encoded-words, file names
// as RFC 2231 parameters, bodies and attachments as RFC 2045/2046 MIME parts.
//
// Everything written is deterministic (the boundary comes from a seed, not a clock or a
// random number): the same source message gives the same bytes on every run, which the
// uploader's duplicate check (size and Message-ID) relies on.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "protocols/imap/internal_date.hpp"

namespace mailassist::migrate {

// An unstructured header value (RFC 5322 section 3.2.5) as it may be sent: unchanged when
// it is printable ASCII, else RFC 2047 section 4.1 "B" encoded-words of UTF-8, each at
// most 75 characters and whole characters only, joined by folding white space.
// `field_length` is the length of "Name: " so the first line stays short.
std::string encode_header_text(std::string_view utf8, std::size_t field_length);

// A display name ready for an address (RFC 5322 section 3.4): an atom sequence as it is,
// a quoted-string when it has specials, encoded-words when it is not ASCII.
std::string encode_display_name(std::string_view utf8);

// `; name="value"` for a MIME parameter (RFC 2045 section 5.1); a value that is not
// printable ASCII is written as RFC 2231 section 4 `name*=utf-8''%XX...`.
std::string mime_parameter(std::string_view name, std::string_view utf8_value);

// Base64 (RFC 2045 section 6.8) in lines of 76 characters, each ending in CRLF.
std::string base64_lines(std::string_view bytes);

// `text` with every line ending (CR, LF or CRLF) made CRLF.
std::string to_crlf(std::string_view text);

// "Tue, 03 Nov 2026 09:15:00 +0700" (RFC 5322 section 3.3).
std::string format_rfc5322_date(const imap::InternalDate& date);

// A header block without its MIME fields: `headers` (a transport header block as the
// message arrived) with MIME-Version and every Content-* field removed, so that a body
// rebuilt with its own structure can follow; CRLF line ends; no blank line at the end.
std::string strip_mime_fields(std::string_view headers);

struct MimeAttachment {
  std::string filename;    // UTF-8, may be empty
  std::string mime_type;   // "application/pdf"; empty means application/octet-stream
  std::string content_id;  // without angle brackets, may be empty
  std::string data;
  // `data` is a whole RFC 5322 message (CRLF line ends): sent as message/rfc822, which
  // RFC 2046 section 5.2.1 allows only in 7bit or 8bit, so it is not base64-encoded.
  bool is_message = false;
};

struct MimeMessage {
  std::string header_block;          // CRLF-terminated fields, no MIME fields, no blank line
  std::optional<std::string> plain;  // text bodies in `charset`
  std::optional<std::string> html;
  std::string charset = "utf-8";
  std::vector<MimeAttachment> attachments;
  std::string boundary_seed;  // makes the boundaries; e.g. the message's source key
};

// The whole message: the header block, MIME-Version, then the body: one text part, or
// multipart/alternative (plain, html), inside multipart/mixed when there are attachments
// (RFC 2046 sections 5.1.3, 5.1.4). Text is 7bit when it is ASCII with short lines,
// else base64; attachments are base64.
std::string write_mime_message(const MimeMessage& message);

}  // namespace mailassist::migrate
