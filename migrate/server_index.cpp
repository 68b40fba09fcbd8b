#include "migrate/server_index.hpp"

#include <array>

#include "core/ascii.hpp"
#include "migrate/stores/header_fields.hpp"
#include "protocols/imap/parse_cursor.hpp"

namespace mailassist::migrate {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() &&
         (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n'))
    text.remove_suffix(1);
  return text;
}

std::optional<int> digits(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// The Message-ID from "Message-ID: <x@y>\r\n\r\n" (folded lines unfolded by
// message_id_of's removal of white space).
std::string message_id_from_header(std::string_view header) {
  auto colon = header.find(':');
  if (colon == std::string_view::npos) return "";
  auto name = trim(header.substr(0, colon));
  if (!iequals(name, "Message-ID")) return "";
  return message_id_of(header.substr(colon + 1));
}

}  // namespace

std::optional<std::chrono::sys_seconds> parse_internal_date(std::string_view text) {
  // "dd-Mon-yyyy hh:mm:ss +zzzz"; the day may be " d" (RFC 9051 date-day-fixed).
  if (text.size() != 26) return std::nullopt;
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto day_number = digits(trim(text.substr(0, 2)));
  auto year_number = digits(text.substr(7, 4));
  auto hour = digits(text.substr(12, 2)), minute = digits(text.substr(15, 2)),
       second = digits(text.substr(18, 2));
  auto zone = digits(text.substr(22, 4));
  if (!day_number || !year_number || !hour || !minute || !second || !zone || text[2] != '-' ||
      text[6] != '-' || text[11] != ' ' || text[14] != ':' || text[17] != ':' || text[20] != ' ' ||
      (text[21] != '+' && text[21] != '-')) {
    return std::nullopt;
  }
  unsigned month = 0;
  for (unsigned i = 0; i < kMonths.size(); ++i)
    if (iequals(text.substr(3, 3), kMonths[i])) month = i + 1;
  const std::chrono::year_month_day ymd(std::chrono::year(*year_number), std::chrono::month(month),
                                        std::chrono::day(static_cast<unsigned>(*day_number)));
  if (month == 0 || !ymd.ok() || *hour > 23 || *minute > 59 || *second > 60) return std::nullopt;
  auto offset = std::chrono::minutes((*zone / 100) * 60 + *zone % 100);
  if (text[21] == '-') offset = -offset;
  return std::chrono::sys_days(ymd) + std::chrono::hours(*hour) + std::chrono::minutes(*minute) +
         std::chrono::seconds(*second) - offset;
}

Result<std::optional<IndexedMessage>> parse_index_fetch(std::string_view raw) {
  imap::ParseCursor cursor(raw);
  if (!cursor.try_char('*')) return std::optional<IndexedMessage>{};
  if (auto r = cursor.space(); !r) return std::move(r).error();
  if (auto n = cursor.number(); !n) return std::move(n).error();
  if (auto r = cursor.space(); !r) return std::move(r).error();
  if (!cursor.try_word("FETCH")) return std::optional<IndexedMessage>{};
  if (auto r = cursor.space(); !r) return std::move(r).error();
  if (auto r = cursor.expect_char('(', "'(' opening the FETCH data"); !r)
    return std::move(r).error();
  IndexedMessage out;
  bool have_uid = false, have_size = false;
  while (!cursor.try_char(')')) {
    auto name = cursor.atom();
    if (!name) return std::move(name).error();
    std::string item(*name);
    auto bracket = item.find('[');
    if (bracket != std::string::npos && item.find(']') == std::string::npos) {
      // BODY[HEADER.FIELDS (MESSAGE-ID)]: the section holds spaces and a list, never ']'.
      auto close = cursor.rest().find(']');
      if (close == std::string_view::npos) return cursor.error("']' closing a body section");
      cursor = cursor.sub(cursor.offset() + close + 1, cursor.end());
      item += "]";
    }
    if (auto r = cursor.space(); !r) return std::move(r).error();
    if (iequals(item, "UID")) {
      auto uid = cursor.nz_number();
      if (!uid) return std::move(uid).error();
      out.uid = *uid;
      have_uid = true;
    } else if (iequals(item, "RFC822.SIZE")) {
      auto size = cursor.number();
      if (!size) return std::move(size).error();
      out.size = *size;
      have_size = true;
    } else if (iequals(item, "INTERNALDATE")) {
      auto date = cursor.quoted();
      if (!date) return std::move(date).error();
      out.internal_date = parse_internal_date(*date);
    } else if (istarts_with(item, "BODY[HEADER.FIELDS")) {
      auto header = cursor.nstring();
      if (!header) return std::move(header).error();
      if (*header) out.message_id = message_id_from_header(**header);
    } else {
      if (auto r = cursor.skip_value(); !r) return std::move(r).error();
    }
    if (cursor.peek() != ')') {
      if (auto r = cursor.space(); !r) return std::move(r).error();
    }
  }
  if (!have_uid || !have_size) return std::optional<IndexedMessage>{};
  return std::optional<IndexedMessage>{std::move(out)};
}

Result<std::vector<IndexedMessage>> fetch_server_index(imap::ImapClient& client,
                                                       Deadline deadline) {
  imap::Command command("UID FETCH");
  command.raw("1:*").raw("(UID RFC822.SIZE INTERNALDATE BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])");
  std::vector<IndexedMessage> out;
  std::optional<Error> bad;
  auto done = client.execute(command, deadline, [&](const imap::Response& response) {
    const auto* data = std::get_if<imap::UnknownData>(&response);
    if (!data || data->keyword != "FETCH" || bad) return;
    auto parsed = parse_index_fetch(data->raw);
    if (!parsed) {
      bad = std::move(parsed).error();
    } else if (*parsed) {
      out.push_back(std::move(**parsed));
    }
  });
  if (!done) return std::move(done).error();
  if (bad) return *bad;
  // An empty mailbox answers "1:*" with nothing or, on some servers, NO: either is empty.
  if (!done->ok() && !out.empty()) {
    return make_error(ErrorKind::protocol_error, "UID FETCH refused: " + done->status.full_text);
  }
  return out;
}

ServerIndex::ServerIndex(std::vector<IndexedMessage> messages)
    : messages_(std::move(messages)), claimed_(messages_.size(), false) {
  for (std::size_t i = 0; i < messages_.size(); ++i) {
    by_id_.emplace(messages_[i].message_id, i);
    by_uid_.emplace(messages_[i].uid, i);
  }
}

std::optional<std::uint32_t> ServerIndex::claim(const MessageEnvelope& envelope) {
  auto [begin, end] = by_id_.equal_range(envelope.message_id);
  for (auto it = begin; it != end; ++it) {
    auto i = it->second;
    const auto& m = messages_[i];
    if (claimed_[i] || m.size != envelope.size) continue;
    if (envelope.date && m.internal_date && *m.internal_date != envelope.date->time) continue;
    claimed_[i] = true;
    return m.uid;
  }
  return std::nullopt;
}

bool ServerIndex::claim_uid(std::uint32_t uid) {
  auto found = by_uid_.find(uid);
  if (found == by_uid_.end()) return false;
  claimed_[found->second] = true;
  return true;
}

}  // namespace mailassist::migrate
