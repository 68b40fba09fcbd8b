#include "protocols/imap/namespace_response.hpp"

#include "protocols/imap/parse_cursor.hpp"

namespace mailassist::imap {
namespace {

// A server announcing thousands of namespaces is not one we can map folders for; the
// bound keeps a hostile reply from costing memory.
constexpr std::size_t kMaxDescriptions = 64;

// (DQUOTE QUOTED-CHAR DQUOTE / nil): one character, possibly escaped ("\\" or "\"").
Result<std::optional<char>> delimiter(ParseCursor& cursor) {
  if (cursor.try_word("NIL")) return std::optional<char>();
  auto offset = cursor.offset();
  auto text = cursor.quoted();
  if (!text) return std::move(text).error();
  if (text->size() != 1) return cursor.error_at(offset, "a one-character hierarchy delimiter");
  return std::optional<char>((*text)[0]);
}

// SP string SP "(" string *(SP string) ")", repeated: skipped.
Result<void> skip_extensions(ParseCursor& cursor) {
  while (cursor.try_space()) {
    if (auto name = cursor.string(); !name) return std::move(name).error();
    if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    if (auto open = cursor.expect_char('(', "'(' before extension values"); !open)
      return std::move(open).error();
    do {
      if (auto value = cursor.string(); !value) return std::move(value).error();
    } while (cursor.try_space());
    if (auto close = cursor.expect_char(')', "')' after extension values"); !close)
      return std::move(close).error();
  }
  return ok();
}

Result<std::vector<NamespaceDescription>> namespace_list(ParseCursor& cursor) {
  std::vector<NamespaceDescription> out;
  if (cursor.try_word("NIL")) return out;
  if (auto open = cursor.expect_char('(', "'(' or NIL for a namespace"); !open)
    return std::move(open).error();
  do {
    if (out.size() == kMaxDescriptions)
      return cursor.error_at(cursor.offset(), "at most 64 namespaces of one kind");
    if (auto open = cursor.expect_char('(', "'(' before a namespace"); !open)
      return std::move(open).error();
    NamespaceDescription d;
    auto prefix = cursor.string();
    if (!prefix) return std::move(prefix).error();
    d.prefix = std::move(*prefix);
    if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    auto delim = delimiter(cursor);
    if (!delim) return std::move(delim).error();
    d.delimiter = *delim;
    if (auto ext = skip_extensions(cursor); !ext) return std::move(ext).error();
    if (auto close = cursor.expect_char(')', "')' after a namespace"); !close)
      return std::move(close).error();
    out.push_back(std::move(d));
  } while (cursor.peek() == '(');
  if (auto close = cursor.expect_char(')', "')' after the namespaces"); !close)
    return std::move(close).error();
  return out;
}

}  // namespace

Result<NamespaceData> parse_namespace_response(std::string_view response) {
  ParseCursor cursor(response);
  if (auto star = cursor.expect_char('*', "'*'"); !star) return std::move(star).error();
  if (auto sp = cursor.space(); !sp) return std::move(sp).error();
  if (!cursor.try_word("NAMESPACE")) return cursor.error("NAMESPACE");
  NamespaceData data;
  for (auto* kind : {&data.personal, &data.other_users, &data.shared}) {
    if (auto sp = cursor.space(); !sp) return std::move(sp).error();
    auto list = namespace_list(cursor);
    if (!list) return std::move(list).error();
    *kind = std::move(*list);
  }
  if (auto end = cursor.expect_end(); !end) return std::move(end).error();
  return data;
}

}  // namespace mailassist::imap
