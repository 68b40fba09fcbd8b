#pragma once
// What a maildrop holds: STAT's totals, LIST's sizes and UIDL's unique-ids (RFC 1939
// sections 5 and 7). Migration relies on UIDL to recognise a message it already carried
// over, so unique-ids are checked against the RFC's alphabet rather than taken on trust.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::pop3 {

struct MaildropStat {
  std::uint32_t messages = 0;
  std::uint64_t octets = 0;
  bool operator==(const MaildropStat&) const = default;
};

struct ListEntry {
  std::uint32_t number = 0;  // message-number, 1-based
  std::uint64_t octets = 0;
  bool operator==(const ListEntry&) const = default;
};

struct UidEntry {
  std::uint32_t number = 0;
  std::string uid;
  bool operator==(const UidEntry&) const = default;
};

// RFC 1939 section 7: 1 to 70 characters in the range 0x21 to 0x7E.
bool is_valid_unique_id(std::string_view uid);

// "+OK nn mm": the text after "+OK " (RFC 1939 section 5 lets anything follow the size).
Result<MaildropStat> parse_stat(std::string_view text);

// One scan listing "msg octets" (the multi-line body of LIST, or the text of "LIST n").
Result<ListEntry> parse_list_entry(std::string_view text, std::size_t line_number = 1);
// One unique-id listing "msg unique-id" (UIDL body line, or the text of "UIDL n").
Result<UidEntry> parse_uidl_entry(std::string_view text, std::size_t line_number = 1);

// The body lines of a multi-line LIST / UIDL. A message number listed twice is an error:
// it would make sizes or unique-ids ambiguous.
Result<std::vector<ListEntry>> parse_list(const std::vector<std::string>& lines);
Result<std::vector<UidEntry>> parse_uidl(const std::vector<std::string>& lines);

}  // namespace mailassist::pop3
