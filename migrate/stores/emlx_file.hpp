#pragma once
// Apple Mail's .emlx file: the first line is the message's length in bytes (ASCII
// decimal), then exactly that many bytes of RFC 5322 message (LF line ends), then an XML
// property list with what Mail knows about it. Apple does not document the format; the
// layout and the meaning of the plist's "flags" bits are as jwz collected them
// (https://www.jwz.org/blog/2005/07/emlx-flags/, his emlx.pl reads them the same way):
//   bit 0 read -> \Seen          bit 1 deleted -> deleted     bit 2 answered -> \Answered
//   bit 4 flagged -> \Flagged    bit 6 draft -> \Draft         bit 8 forwarded -> $Forwarded
//   bit 24 is junk -> $Junk      bit 25 is not junk -> $NotJunk (RFC 5788 keywords)
// (bit 3 encrypted, 5 recent, 7 initial, 9 redirected, 10-15 attachment count and the rest
// are not flags IMAP keeps). "date-received" is seconds since 1970 and is the internal date.
// A ".partial.emlx" holds a message whose attachments Mail keeps in separate files; it is
// migrated as it is and reported.
#include <cstdint>
#include <filesystem>
#include <optional>

#include "core/result.hpp"
#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

struct EmlxLayout {
  std::uint64_t message_begin = 0;  // after the length line
  std::uint64_t message_end = 0;
  std::optional<std::uint32_t> flags;
  std::optional<std::int64_t> date_received;  // seconds since 1970-01-01 UTC
};

// Reads the length line and the plist after the message (at most 1 MB of it).
Result<EmlxLayout> read_emlx_layout(const std::filesystem::path& file);

void apply_emlx_flags(std::uint32_t flags, MessageEnvelope& message);

}  // namespace mailassist::migrate
