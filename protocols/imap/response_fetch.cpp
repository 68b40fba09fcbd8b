// FETCH and STATUS data (RFC 9051 sections 7.5.2 and 7.3.4): the items migration reads are
// typed, everything else is checked for syntax and skipped. Body sections arrive as
// literals, which the assembler has put inline ("{n}\r\n" and n bytes): they are read by
// count, so a body full of ")" or "BODY[" cannot confuse the grammar.
#include <utility>

#include "protocols/imap/response_parser.hpp"

namespace mailassist::imap {

namespace {

// RFC 9051 section 9 lists a few dozen msg-att items; a response with far more is hostile.
constexpr std::size_t kMaxFetchItems = 256;
constexpr std::size_t kMaxStatusItems = 64;

// The item name: ATOM-CHARs up to '[' (which is an ATOM-CHAR, but starts a section here).
Result<std::string> item_name(ParseCursor& cursor) {
  std::size_t begin = cursor.offset();
  std::string name;
  while (!cursor.at_end() && is_atom_char(cursor.peek()) && cursor.peek() != '[') {
    name += to_upper_ascii(cursor.peek());
    cursor.try_char(cursor.peek());
  }
  if (name.empty()) return cursor.error_at(begin, "a FETCH item name");
  return name;
}

// section = "[" [section-spec] "]": up to the first ']' outside a quoted string. The spec
// ("HEADER.FIELDS (MESSAGE-ID)") is kept as sent.
Result<std::string> section_spec(ParseCursor& cursor) {
  std::size_t begin = cursor.offset();
  if (auto open = cursor.expect_char('[', "'['"); !open) return std::move(open).error();
  std::string out;
  bool quoted = false;
  while (!cursor.at_end()) {
    char c = cursor.peek();
    if (c == '\r' || c == '\n' || c == '\0') break;
    if (!quoted && c == ']') {
      cursor.try_char(']');
      return out;
    }
    if (c == '"') quoted = !quoted;
    if (quoted && c == '\\') {
      out += c;
      cursor.try_char(c);
      if (cursor.at_end()) break;
      c = cursor.peek();
    }
    out += c;
    cursor.try_char(c);
  }
  return cursor.error_at(begin, "a section closed by ']'");
}

// "<" number ">" after a partial fetch's section.
Result<std::optional<std::uint32_t>> section_origin(ParseCursor& cursor) {
  if (!cursor.try_char('<')) return std::optional<std::uint32_t>{};
  auto n = cursor.number();
  if (!n) return std::move(n).error();
  if (auto close = cursor.expect_char('>', "'>'"); !close) return std::move(close).error();
  return std::optional<std::uint32_t>(*n);
}

Result<void> fetch_item(ParseCursor& cursor, FetchData& out) {
  auto name = item_name(cursor);
  if (!name) return std::move(name).error();
  if (cursor.peek() == '[') {
    FetchedSection section;
    auto spec = section_spec(cursor);
    if (!spec) return std::move(spec).error();
    section.section = std::move(*spec);
    auto origin = section_origin(cursor);
    if (!origin) return std::move(origin).error();
    section.origin = *origin;
    if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    if (*name == "BODY") {
      auto data = cursor.nstring();
      if (!data) return std::move(data).error();
      section.data = std::move(*data);
      out.sections.push_back(std::move(section));
      return ok();
    }
    // BINARY[...] may be a literal8 ("~{n}"), which we never ask for: skip it whole.
    cursor.try_char('~');
    return cursor.skip_value();
  }
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  if (*name == "UID") {
    auto uid = cursor.nz_number();
    if (!uid) return std::move(uid).error();
    out.uid = *uid;
  } else if (*name == "RFC822.SIZE") {
    auto size = cursor.number64();
    if (!size) return std::move(size).error();
    out.size = *size;
  } else if (*name == "INTERNALDATE") {
    auto date = cursor.quoted();
    if (!date) return std::move(date).error();
    out.internal_date = std::move(*date);
  } else if (*name == "FLAGS") {
    auto flags = cursor.flag_list();
    if (!flags) return std::move(flags).error();
    out.flags = std::move(*flags);
  } else if (*name == "RFC822" || *name == "RFC822.HEADER" || *name == "RFC822.TEXT") {
    // RFC 3501's older names for BODY[], BODY[HEADER] and BODY[TEXT].
    auto data = cursor.nstring();
    if (!data) return std::move(data).error();
    out.sections.push_back({*name, std::nullopt, std::move(*data)});
  } else {
    // ENVELOPE, BODYSTRUCTURE, BODY, MODSEQ, X-GM-LABELS...: one value each.
    return cursor.skip_value();
  }
  return ok();
}

Result<FetchData> fetch_attributes(ParseCursor& cursor, std::uint32_t sequence) {
  FetchData out;
  out.sequence = sequence;
  if (auto open = cursor.expect_char('(', "'(' starting the FETCH items"); !open) {
    return std::move(open).error();
  }
  std::size_t items = 0;
  // Dovecot and others send "FETCH ()" for an empty answer; allowed.
  while (!cursor.try_char(')')) {
    if (items > 0) {
      if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    }
    if (++items > kMaxFetchItems) return cursor.error("at most 256 FETCH items");
    if (auto item = fetch_item(cursor, out); !item) return std::move(item).error();
  }
  return out;
}

Result<StatusData> status_data(ParseCursor& cursor) {
  StatusData out;
  auto mailbox = cursor.astring();
  if (!mailbox) return std::move(mailbox).error();
  out.mailbox = std::move(*mailbox);
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  if (auto open = cursor.expect_char('(', "'(' starting the STATUS items"); !open) {
    return std::move(open).error();
  }
  while (!cursor.try_char(')')) {
    if (!out.items.empty()) {
      if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    }
    if (out.items.size() == kMaxStatusItems) return cursor.error("at most 64 STATUS items");
    auto name = cursor.atom();
    if (!name) return std::move(name).error();
    if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    std::optional<std::uint64_t> value;
    // RFC 7889 section 3: APPENDLIMIT may be NIL; every other item is a number.
    if (!cursor.try_word("NIL")) {
      auto n = cursor.number64();
      if (!n) return std::move(n).error();
      value = *n;
    }
    out.items.emplace_back(to_upper_ascii(*name), value);
  }
  return out;
}

}  // namespace

Result<FetchData> parse_fetch_response(std::string_view response) {
  ParseCursor cursor(response);
  if (auto star = cursor.expect_char('*', "'*'"); !star) return std::move(star).error();
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  auto sequence = cursor.nz_number();
  if (!sequence) return std::move(sequence).error();
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  if (!cursor.try_word("FETCH")) return cursor.error("FETCH");
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  auto fetch = fetch_attributes(cursor, *sequence);
  if (!fetch) return std::move(fetch).error();
  if (auto end = cursor.expect_end(); !end) return std::move(end).error();
  return fetch;
}

Result<StatusData> parse_status_response(std::string_view response) {
  ParseCursor cursor(response);
  if (auto star = cursor.expect_char('*', "'*'"); !star) return std::move(star).error();
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  if (!cursor.try_word("STATUS")) return cursor.error("STATUS");
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  auto status = status_data(cursor);
  if (!status) return std::move(status).error();
  if (auto end = cursor.expect_end(); !end) return std::move(end).error();
  return status;
}

}  // namespace mailassist::imap
