// FETCH for migration's duplicate check (RFC 9051 section 6.4.5, by UID per section
// 6.4.9): the selected mailbox's index of UID, size, internal date and Message-ID, and one
// message's bytes for a content hash.
#include <algorithm>

#include "protocols/imap/client.hpp"
#include "protocols/imap/message_index.hpp"
#include "protocols/imap/parse_cursor.hpp"
#include "protocols/imap/response_parser.hpp"

namespace mailassist::imap {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (is_space(text.front()) || text.front() == '\r' || text.front() == '\n'))
    text.remove_prefix(1);
  while (!text.empty() && (is_space(text.back()) || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

}  // namespace

std::string message_id_field(std::string_view header) {
  // One pass over the lines: a field starts at a line not beginning with white space and
  // runs over the folded lines after it. Linear in the header's size.
  std::size_t pos = 0;
  while (pos < header.size()) {
    std::size_t end = header.find('\n', pos);
    if (end == std::string_view::npos) end = header.size();
    std::string_view line = header.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty() || is_space(line.front())) continue;
    auto colon = line.find(':');
    if (colon == std::string_view::npos || !iequals(trim(line.substr(0, colon)), "Message-ID")) {
      continue;
    }
    std::string value(line.substr(colon + 1));
    while (pos < header.size() && is_space(header[pos])) {
      end = header.find('\n', pos);
      if (end == std::string_view::npos) end = header.size();
      value += header.substr(pos, end - pos);
      pos = end + 1;
    }
    std::string unfolded;
    for (char c : value)
      if (c != '\r' && c != '\n') unfolded += c;
    return std::string(trim(unfolded));
  }
  return "";
}

std::optional<MessageIndexEntry> index_entry(const FetchData& fetch) {
  if (!fetch.uid || !fetch.size) return std::nullopt;
  MessageIndexEntry entry;
  entry.uid = *fetch.uid;
  entry.size = *fetch.size;
  if (fetch.internal_date) entry.internal_date = parse_internal_date(*fetch.internal_date);
  for (const auto& section : fetch.sections) {
    if (istarts_with(section.section, "HEADER.FIELDS") && section.data) {
      entry.message_id = message_id_field(*section.data);
    }
  }
  return entry;
}

Result<void> ImapClient::fetch_message_index(const MessageIndexSink& sink, Deadline deadline) {
  if (state_ != SessionState::selected) {
    return make_error(ErrorKind::internal, "the message index needs a selected mailbox");
  }
  if (exists_ == 0) return ok();
  Command command("UID FETCH");
  command.raw("1:*").raw("(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
  Result<void> parsed = ok();
  auto done = execute(command, deadline, [&](const Response& r) {
    const auto* data = std::get_if<UnknownData>(&r);
    if (!data || data->keyword != "FETCH" || !parsed) return;
    auto fetch = parse_fetch_response(data->raw);
    if (!fetch) {
      parsed = std::move(fetch).error();
    } else if (auto entry = index_entry(*fetch)) {
      sink(*entry);
    }
  });
  if (!done) return std::move(done).error();
  // A malformed entry could hide a message that is there: the index is not trusted then.
  if (!parsed) return std::move(parsed).error();
  if (!done->ok()) return refused("UID FETCH", done->status);
  return ok();
}

Result<bool> ImapClient::fetch_message(std::uint32_t uid, const MessageBytesSink& sink,
                                       Deadline deadline) {
  if (state_ != SessionState::selected) {
    return make_error(ErrorKind::internal, "fetching a message needs a selected mailbox");
  }
  if (uid == 0) return make_error(ErrorKind::invalid_input, "0 is not a UID");
  const std::size_t chunk = std::max<std::size_t>(options_.fetch_chunk, 1);
  // RFC 9051 section 6.4.5: BODY[]<offset.length> returns at most `length` bytes from
  // `offset`, fewer at the end of the message and "" past it; the reply names the offset
  // as BODY[]<offset>.
  for (std::uint64_t offset = 0;; offset += chunk) {
    Command command("UID FETCH");
    command.raw(std::to_string(uid))
        .raw("(UID BODY.PEEK[]<" + std::to_string(offset) + "." + std::to_string(chunk) + ">)");
    std::optional<std::size_t> got;
    Result<void> delivered = ok();
    auto done = execute(command, deadline, [&](const Response& r) {
      const auto* data = std::get_if<UnknownData>(&r);
      if (!data || data->keyword != "FETCH" || got || !delivered) return;
      auto fetch = parse_fetch_response(data->raw);
      if (!fetch) {
        delivered = std::move(fetch).error();
        return;
      }
      // Other FETCH responses (flag changes of other messages) may come along.
      if (fetch->uid != uid) return;
      for (const auto& section : fetch->sections) {
        bool here = section.origin ? *section.origin == offset : offset == 0;
        if (!section.section.empty() || !here) continue;
        std::string_view bytes = section.data ? std::string_view(*section.data) : "";
        if (bytes.size() > chunk) {
          delivered = make_error(ErrorKind::protocol_error,
                                 "the server sent " + std::to_string(bytes.size()) +
                                     " bytes of message " + std::to_string(uid) + " where " +
                                     std::to_string(chunk) + " were asked for");
          return;
        }
        got = bytes.size();
        if (!bytes.empty()) delivered = sink(bytes);
        return;
      }
    });
    if (!done) return std::move(done).error();
    if (!done->ok()) return refused("UID FETCH " + std::to_string(uid), done->status);
    if (!delivered) return std::move(delivered).error();
    // No such UID: no FETCH at all (RFC 9051 section 6.4.9: UIDs not there are ignored).
    if (!got) {
      if (offset == 0) return false;
      return make_error(ErrorKind::protocol_error,
                        "message " + std::to_string(uid) + " went away while it was fetched");
    }
    if (*got < chunk) return true;
  }
}

}  // namespace mailassist::imap
