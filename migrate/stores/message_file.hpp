#pragma once
// One message stored as one file (Maildir, .eml, the message part of .emlx): a single
// streamed pass gives the exact size it will have with CRLF line ends and the header
// fields the envelope needs. Nothing is unquoted: only mbox quotes "From ".
#include <cstdint>
#include <filesystem>
#include <string>

#include "migrate/stores/header_fields.hpp"
#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

struct MessageFileInfo {
  std::uint64_t size = 0;  // with CRLF line ends
  HeaderFields headers;
};

// Measures [begin, end) of `file` (the whole file by default).
Result<MessageFileInfo> measure_message_file(const std::filesystem::path& file,
                                             std::uint64_t begin = 0,
                                             std::uint64_t end = UINT64_MAX);

// Completes `message` from the file's header fields: the date from Date: (RFC 5322 section
// 3.6.1) unless the store already knows a better one (a Maildir name, an .emlx plist), else
// the file's own time; the Message-ID (section 3.6.4) as the duplicate check compares it.
void fill_date_and_message_id(const MessageFileInfo& info, const std::filesystem::path& file,
                              MessageEnvelope& message);

// A file's path as UTF-8, for SourceFolder::location and messages.
std::string utf8_path(const std::filesystem::path& path);

}  // namespace mailassist::migrate
