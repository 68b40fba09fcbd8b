// Response codes (RFC 9051 section 7.1, RFC 5530 for the login and quota codes, RFC 4315
// for APPENDUID/COPYUID, Gmail's WEBALERT).
#include <array>
#include <utility>

#include "protocols/imap/response_parser.hpp"

namespace mailassist::imap {

namespace {

constexpr std::array kKnownCodes{
    CodeKind::alert,
    CodeKind::authenticationfailed,
    CodeKind::authorizationfailed,
    CodeKind::unavailable,
    CodeKind::expired,
    CodeKind::privacyrequired,
    CodeKind::contactadmin,
    CodeKind::noperm,
    CodeKind::inuse,
    CodeKind::limit,
    CodeKind::overquota,
    CodeKind::alreadyexists,
    CodeKind::nonexistent,
    CodeKind::trycreate,
    CodeKind::capability,
    CodeKind::permanentflags,
    CodeKind::uidvalidity,
    CodeKind::uidnext,
    CodeKind::unseen,
    CodeKind::appenduid,
    CodeKind::copyuid,
    CodeKind::read_only,
    CodeKind::read_write,
    CodeKind::webalert,
};

CodeKind kind_of(std::string_view upper_name) {
  for (auto k : kKnownCodes)
    if (to_string(k) == upper_name) return k;
  return CodeKind::other;
}

// uid-set (RFC 4315 section 4): (nz-number / nz-number ":" nz-number) *("," ...).
// "*" is not allowed: the server names real UIDs.
Result<UidSet> parse_uid_set(ParseCursor& cursor) {
  UidSet out;
  do {
    auto first = cursor.nz_number();
    if (!first) return std::move(first).error();
    UidRange range{*first, *first};
    if (cursor.try_char(':')) {
      auto last = cursor.nz_number();
      if (!last) return std::move(last).error();
      range = *first <= *last ? UidRange{*first, *last} : UidRange{*last, *first};
    }
    out.push_back(range);
  } while (cursor.try_char(','));
  return out;
}

Result<void> parse_atoms(ParseCursor& cursor, std::vector<std::string>& out) {
  while (!cursor.at_end()) {
    auto a = cursor.atom();
    if (!a) return std::move(a).error();
    out.push_back(std::string(*a));
    if (!cursor.at_end()) {
      if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    }
  }
  return ok();
}

}  // namespace

Result<ResponseCode> parse_response_code(ParseCursor cursor) {
  auto name = cursor.atom();
  if (!name) return std::move(name).error();
  ResponseCode code;
  code.name = to_upper_ascii(*name);
  code.kind = kind_of(code.name);
  if (cursor.try_space()) code.argument = std::string(cursor.rest());

  switch (code.kind) {
    case CodeKind::capability: {
      auto parsed = parse_atoms(cursor, code.items);
      if (!parsed) return std::move(parsed).error();
      for (auto& item : code.items) {
        auto eq = item.find('=');
        item =
            to_upper_ascii(item.substr(0, eq)) + (eq == std::string::npos ? "" : item.substr(eq));
      }
      break;
    }
    case CodeKind::permanentflags: {
      auto flags = cursor.flag_list();
      if (!flags) return std::move(flags).error();
      code.items = std::move(*flags);
      break;
    }
    case CodeKind::uidvalidity:
    case CodeKind::uidnext:
    case CodeKind::unseen: {
      auto n = cursor.number();
      if (!n) return std::move(n).error();
      code.number = *n;
      break;
    }
    case CodeKind::appenduid:
    case CodeKind::copyuid: {
      // APPENDUID uidvalidity uid-set; COPYUID uidvalidity source-set dest-set.
      auto validity = cursor.nz_number();
      if (!validity) return std::move(validity).error();
      code.number = *validity;
      if (auto sp = cursor.space(); !sp) return std::move(sp).error();
      auto uids = parse_uid_set(cursor);
      if (!uids) return std::move(uids).error();
      code.uids = std::move(*uids);
      if (code.kind == CodeKind::copyuid) {
        if (auto sp = cursor.space(); !sp) return std::move(sp).error();
        auto dest = parse_uid_set(cursor);
        if (!dest) return std::move(dest).error();
        code.dest_uids = std::move(*dest);
      }
      break;
    }
    default:
      // Codes without a defined argument keep whatever text the server put there (a
      // WEBALERT's URL, an unknown code's data); nothing more to check.
      cursor.skip_to_end();
      break;
  }
  if (auto end = cursor.expect_end(); !end) return std::move(end).error();
  return code;
}

Result<StatusResponse> parse_status_text(ParseCursor& cursor, Status status) {
  StatusResponse out;
  out.status = status;
  out.full_text = std::string(cursor.rest());
  if (cursor.try_char('[')) {
    // The code ends at the first ']' (its argument is 1*<TEXT-CHAR except "]">).
    std::size_t begin = cursor.offset();
    auto close = cursor.rest().find(']');
    if (close == std::string_view::npos) return cursor.error("']' closing the response code");
    auto code = parse_response_code(cursor.sub(begin, begin + close));
    if (!code) return std::move(code).error();
    out.code = std::move(*code);
    cursor = cursor.sub(begin + close + 1, cursor.end());
    // RFC 9051 wants a space and text after the code; "OK [READ-WRITE]" alone is common.
    cursor.try_space();
  }
  auto text = cursor.rest();
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' || text[i] == '\n' || text[i] == '\0') {
      return cursor.error_at(cursor.offset() + i, "line break or NUL in response text");
    }
  }
  out.text = std::string(text);
  cursor.skip_to_end();
  return out;
}

std::string describe(const StatusResponse& status) {
  return status.full_text.empty() ? std::string(to_string(status.status)) : status.full_text;
}

}  // namespace mailassist::imap
