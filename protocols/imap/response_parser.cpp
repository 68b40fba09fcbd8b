// The response grammar (RFC 9051 section 9 "response", RFC 3501 section 9), over the
// lexical pieces of ParseCursor.
#include "protocols/imap/response_parser.hpp"

#include <utility>

namespace mailassist::imap {

namespace {

// RFC 2971 section 3.3 caps ID at 30 pairs; a little slack for servers that pad.
constexpr std::size_t kMaxIdFields = 64;

std::optional<Status> status_word(ParseCursor& cursor) {
  for (auto s : {Status::ok, Status::no, Status::bad, Status::preauth, Status::bye})
    if (cursor.try_word(to_string(s))) return s;
  return std::nullopt;
}

// After the status word: nothing, or SP and resp-text.
Result<StatusResponse> status_rest(ParseCursor& cursor, Status status) {
  if (!cursor.at_end()) {
    if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  }
  return parse_status_text(cursor, status);
}

Result<std::vector<std::string>> capability_names(ParseCursor& cursor) {
  std::vector<std::string> out;
  while (cursor.try_space()) {
    if (cursor.at_end()) break;  // a trailing space
    auto a = cursor.atom();
    if (!a) return std::move(a).error();
    // Capability names are case-insensitive (RFC 9051 section 7.2.2); arguments after
    // '=' (AUTH=PLAIN, APPENDLIMIT=35651584) are kept as sent.
    std::string_view name = *a;
    auto eq = name.find('=');
    out.push_back(to_upper_ascii(name.substr(0, eq)) +
                  std::string(eq == std::string_view::npos ? "" : name.substr(eq)));
  }
  if (auto end = cursor.expect_end(); !end) return std::move(end).error();
  return out;
}

Result<Response> list_data(ParseCursor& cursor, bool lsub) {
  ListData out;
  out.lsub = lsub;
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  auto attributes = cursor.flag_list();
  if (!attributes) return std::move(attributes).error();
  out.attributes = std::move(*attributes);
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  if (!cursor.try_word("NIL")) {
    std::size_t at = cursor.offset();
    auto delimiter = cursor.quoted();
    if (!delimiter) return std::move(delimiter).error();
    if (delimiter->size() != 1) return cursor.error_at(at, "a one-character hierarchy delimiter");
    out.delimiter = (*delimiter)[0];
  }
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  auto name = cursor.astring();
  if (!name) return std::move(name).error();
  // INBOX is case-insensitive (RFC 9051 section 5.1): report it one way.
  out.name = iequals(*name, "INBOX") ? std::string("INBOX") : std::move(*name);
  // mbox-list-extended (RFC 5258 section 6): checked for syntax, not used.
  if (cursor.try_space() && !cursor.at_end()) {
    if (auto skipped = cursor.skip_value(); !skipped) return std::move(skipped).error();
  }
  if (auto end = cursor.expect_end(); !end) return std::move(end).error();
  return Response{std::move(out)};
}

Result<Response> id_data(ParseCursor& cursor) {
  IdData out;
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  if (!cursor.try_word("NIL")) {
    if (auto open = cursor.expect_char('(', "'(' or NIL"); !open) return std::move(open).error();
    out.fields.emplace();
    while (!cursor.try_char(')')) {
      if (!out.fields->empty()) {
        if (auto sp = cursor.space(); !sp) return std::move(sp).error();
      }
      if (out.fields->size() == kMaxIdFields) return cursor.error("at most 64 ID fields");
      auto field = cursor.string();
      if (!field) return std::move(field).error();
      if (auto sp = cursor.space(); !sp) return std::move(sp).error();
      auto value = cursor.nstring();
      if (!value) return std::move(value).error();
      out.fields->emplace_back(std::move(*field), std::move(*value));
    }
  }
  if (auto end = cursor.expect_end(); !end) return std::move(end).error();
  return Response{std::move(out)};
}

Result<Response> numbered_data(ParseCursor& cursor, std::string_view whole) {
  auto n = cursor.number();
  if (!n) return std::move(n).error();
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  auto keyword = cursor.atom();
  if (!keyword) return std::move(keyword).error();
  auto upper = to_upper_ascii(*keyword);
  if (upper == "EXISTS" || upper == "RECENT" || upper == "EXPUNGE") {
    if (auto end = cursor.expect_end(); !end) return std::move(end).error();
    if (upper == "EXISTS") return Response{ExistsData{*n}};
    if (upper == "RECENT") return Response{RecentData{*n}};
    if (*n == 0) return cursor.error_at(2, "expected a non-zero sequence number");
    return Response{ExpungeData{*n}};
  }
  // FETCH and friends: framed correctly (the assembler saw to that), typed on demand by
  // parse_fetch_response().
  return Response{UnknownData{std::move(upper), std::string(whole)}};
}

Result<Response> untagged(ParseCursor& cursor, std::string_view whole) {
  if (auto sp = cursor.expect_char(' ', "a space after '*'"); !sp) return std::move(sp).error();
  if (cursor.peek() >= '0' && cursor.peek() <= '9') return numbered_data(cursor, whole);
  if (auto s = status_word(cursor)) {
    auto status = status_rest(cursor, *s);
    if (!status) return std::move(status).error();
    return Response{UntaggedStatus{std::move(*status)}};
  }
  auto keyword = cursor.atom();
  if (!keyword) return std::move(keyword).error();
  auto upper = to_upper_ascii(*keyword);
  if (upper == "CAPABILITY" || upper == "ENABLED") {
    auto names = capability_names(cursor);
    if (!names) return std::move(names).error();
    if (upper == "ENABLED") return Response{EnabledData{std::move(*names)}};
    return Response{CapabilityData{std::move(*names)}};
  }
  // XLIST is Gmail's pre-SPECIAL-USE LIST with the same syntax.
  if (upper == "LIST" || upper == "XLIST") return list_data(cursor, false);
  if (upper == "LSUB") return list_data(cursor, true);
  if (upper == "FLAGS") {
    if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    auto flags = cursor.flag_list();
    if (!flags) return std::move(flags).error();
    if (auto end = cursor.expect_end(); !end) return std::move(end).error();
    return Response{FlagsData{std::move(*flags)}};
  }
  if (upper == "ID") return id_data(cursor);
  return Response{UnknownData{std::move(upper), std::string(whole)}};
}

Result<Response> tagged(ParseCursor& cursor) {
  auto tag = cursor.tag();
  if (!tag) return std::move(tag).error();
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  std::size_t at = cursor.offset();
  auto status = status_word(cursor);
  // A tagged response completes a command: OK, NO or BAD only (RFC 9051 section 7.1).
  if (!status || *status == Status::preauth || *status == Status::bye) {
    return cursor.error_at(at, "expected OK, NO or BAD after the tag");
  }
  auto rest = status_rest(cursor, *status);
  if (!rest) return std::move(rest).error();
  return Response{TaggedStatus{std::string(*tag), std::move(*rest)}};
}

}  // namespace

Result<Response> parse_response(std::string_view response) {
  ParseCursor cursor(response);
  if (cursor.at_end()) return cursor.error("a response, not an empty line");
  if (cursor.try_char('+')) {
    // continue-req = "+" SP (resp-text / base64); a bare "+" is common enough to allow.
    cursor.try_char(' ');
    auto text = cursor.rest();
    if (text.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos) {
      return cursor.error_at(cursor.offset() + text.find_first_of(std::string_view("\r\n\0", 3)),
                             "line break or NUL in a continuation request");
    }
    return Response{ContinuationRequest{std::string(text)}};
  }
  if (cursor.try_char('*')) return untagged(cursor, response);
  return tagged(cursor);
}

}  // namespace mailassist::imap
