#include "migrate/stores/message_flags.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "protocols/imap/parse_cursor.hpp"

namespace mailassist::migrate {
namespace {

constexpr std::uint32_t kMozillaRead = 0x0001;
constexpr std::uint32_t kMozillaReplied = 0x0002;
constexpr std::uint32_t kMozillaMarked = 0x0004;
constexpr std::uint32_t kMozillaExpunged = 0x0008;
constexpr std::uint32_t kMozillaForwarded = 0x1000;

std::optional<std::uint32_t> parse_hex(std::string_view text) {
  if (text.empty() || text.size() > 8) return std::nullopt;
  std::uint32_t value = 0;
  for (char c : text) {
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    value = value * 16 + digit;
  }
  return value;
}

void apply_mozilla(const HeaderFields& headers, MessageEnvelope& message) {
  if (auto status = parse_hex(headers.value(HeaderField::mozilla_status))) {
    if (*status & kMozillaRead) add_flag(message, "\\Seen");
    if (*status & kMozillaReplied) add_flag(message, "\\Answered");
    if (*status & kMozillaMarked) add_flag(message, "\\Flagged");
    if (*status & kMozillaForwarded) add_flag(message, "$Forwarded");
    if (*status & kMozillaExpunged) message.deleted = true;
  }
  std::string_view keys = headers.value(HeaderField::mozilla_keys);
  while (!keys.empty()) {
    auto space = keys.find_first_of(" \t");
    auto word = keys.substr(0, space);
    keys = space == std::string_view::npos ? std::string_view{} : keys.substr(space + 1);
    if (is_valid_keyword(word)) add_flag(message, word);
  }
}

void apply_mbox_status(const HeaderFields& headers, MessageEnvelope& message) {
  for (char c : headers.value(HeaderField::status))
    if (c == 'R') add_flag(message, "\\Seen");
  for (char c : headers.value(HeaderField::x_status)) {
    if (c == 'A') add_flag(message, "\\Answered");
    if (c == 'F') add_flag(message, "\\Flagged");
    if (c == 'T') add_flag(message, "\\Draft");
    if (c == 'D') message.deleted = true;
  }
}

}  // namespace

bool is_valid_keyword(std::string_view keyword) {
  if (keyword.empty() || keyword.front() == '\\') return false;
  return std::all_of(keyword.begin(), keyword.end(), imap::is_atom_char);
}

void add_flag(MessageEnvelope& message, std::string_view flag) {
  if (std::find(message.flags.begin(), message.flags.end(), flag) == message.flags.end())
    message.flags.emplace_back(flag);
}

void apply_header_flags(const HeaderFields& headers, MessageEnvelope& message) {
  if (headers.has(HeaderField::mozilla_status) || headers.has(HeaderField::mozilla_keys)) {
    apply_mozilla(headers, message);
  } else {
    apply_mbox_status(headers, message);
  }
}

}  // namespace mailassist::migrate
