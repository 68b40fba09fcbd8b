#include "migrate/stores/message_file.hpp"

#include "migrate/stores/crlf_reader.hpp"
#include "migrate/stores/line_reader.hpp"
#include "migrate/stores/message_date.hpp"

namespace mailassist::migrate {

Result<MessageFileInfo> measure_message_file(const std::filesystem::path& file, std::uint64_t begin,
                                             std::uint64_t end) {
  auto lines = LineReader::open(file, begin, end);
  if (!lines) return lines.error();
  MessageFileInfo info;
  bool in_headers = true;
  LinePiece p;
  for (;;) {
    auto got = lines->next(p);
    if (!got) return got.error();
    if (!*got) break;
    if (in_headers && p.line_start && p.line_end && p.text.empty()) in_headers = false;
    if (in_headers) info.headers.add(p);
    info.size += crlf_size_of(p, /*unquote_from=*/false);
  }
  return info;
}

void fill_date_and_message_id(const MessageFileInfo& info, const std::filesystem::path& file,
                              MessageEnvelope& message) {
  if (!message.date) message.date = parse_rfc5322_date(info.headers.value(HeaderField::date));
  if (!message.date) message.date = file_date(file);
  message.message_id = message_id_of(info.headers.value(HeaderField::message_id));
}

std::string utf8_path(const std::filesystem::path& path) {
  auto u = path.u8string();
  return std::string(u.begin(), u.end());
}

}  // namespace mailassist::migrate
