#include "protocols/pop3/listing.hpp"

#include <algorithm>
#include <charconv>

#include "protocols/pop3/parse_error.hpp"

namespace mailassist::pop3 {

namespace {

constexpr std::size_t kMaxUniqueId = 70;

// A cursor over one line, so every error can say at which byte it happened.
class Cursor {
 public:
  Cursor(std::string_view line, std::size_t line_number) : line_(line), number_(line_number) {}

  template <typename T>
  Result<T> number(std::string_view what) {
    auto start = pos_;
    while (pos_ < line_.size() && line_[pos_] >= '0' && line_[pos_] <= '9') ++pos_;
    if (pos_ == start) return fail("expected " + std::string(what));
    T value{};
    auto [end, ec] = std::from_chars(line_.data() + start, line_.data() + pos_, value);
    if (ec != std::errc() || end != line_.data() + pos_)
      return parse_error(std::string(what) + " is too large", number_, start, line_);
    return value;
  }

  // RFC 1939 asks for a single space; runs of spaces are accepted from lenient servers.
  Result<void> spaces() {
    if (pos_ >= line_.size() || line_[pos_] != ' ') return fail("expected a space");
    while (pos_ < line_.size() && line_[pos_] == ' ') ++pos_;
    return ok();
  }

  bool at_end() const { return pos_ == line_.size(); }
  std::size_t pos() const { return pos_; }
  std::string_view rest() const { return line_.substr(pos_); }
  Error fail(std::string_view what) const { return fail_at(what, pos_); }
  Error fail_at(std::string_view what, std::size_t pos) const {
    return parse_error(what, number_, pos, line_);
  }

 private:
  std::string_view line_;
  std::size_t number_;
  std::size_t pos_ = 0;
};

Result<std::uint32_t> message_number(Cursor& cursor) {
  auto start = cursor.pos();
  auto n = cursor.number<std::uint32_t>("a message number");
  // RFC 1939 section 3: message numbers start at 1.
  if (n && *n == 0) return cursor.fail_at("message number 0", start);
  return n;
}

template <typename Entry>
Result<void> check_unique_numbers(const std::vector<Entry>& entries) {
  std::vector<std::pair<std::uint32_t, std::size_t>> numbers;
  numbers.reserve(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) numbers.emplace_back(entries[i].number, i);
  std::sort(numbers.begin(), numbers.end());
  for (std::size_t i = 1; i < numbers.size(); ++i) {
    if (numbers[i].first == numbers[i - 1].first) {
      auto n = std::to_string(numbers[i].first);
      return parse_error("message " + n + " is listed twice",
                         std::max(numbers[i].second, numbers[i - 1].second) + 2, 0, n);
    }
  }
  return ok();
}

}  // namespace

bool is_valid_unique_id(std::string_view uid) {
  return !uid.empty() && uid.size() <= kMaxUniqueId &&
         std::all_of(uid.begin(), uid.end(), [](char c) { return c >= 0x21 && c <= 0x7e; });
}

Result<MaildropStat> parse_stat(std::string_view text) {
  Cursor cursor(text, 1);
  auto messages = cursor.number<std::uint32_t>("the message count");
  if (!messages) return std::move(messages).error();
  if (auto s = cursor.spaces(); !s) return std::move(s).error();
  auto octets = cursor.number<std::uint64_t>("the maildrop size");
  if (!octets) return std::move(octets).error();
  if (!cursor.at_end() && cursor.rest().front() != ' ')
    return cursor.fail("unexpected text after the maildrop size");
  return MaildropStat{*messages, *octets};
}

Result<ListEntry> parse_list_entry(std::string_view text, std::size_t line_number) {
  Cursor cursor(text, line_number);
  auto number = message_number(cursor);
  if (!number) return std::move(number).error();
  if (auto s = cursor.spaces(); !s) return std::move(s).error();
  auto octets = cursor.number<std::uint64_t>("the message size");
  if (!octets) return std::move(octets).error();
  if (!cursor.at_end() && cursor.rest().front() != ' ')
    return cursor.fail("unexpected text after the message size");
  return ListEntry{*number, *octets};
}

Result<UidEntry> parse_uidl_entry(std::string_view text, std::size_t line_number) {
  Cursor cursor(text, line_number);
  auto number = message_number(cursor);
  if (!number) return std::move(number).error();
  if (auto s = cursor.spaces(); !s) return std::move(s).error();
  auto uid = cursor.rest();
  // Trailing spaces are a server's formatting slip, not part of the id.
  while (!uid.empty() && uid.back() == ' ') uid.remove_suffix(1);
  if (!is_valid_unique_id(uid)) {
    return parse_error("a unique-id must be 1-70 characters from 0x21 to 0x7E", line_number,
                       cursor.pos(), text);
  }
  return UidEntry{*number, std::string(uid)};
}

Result<std::vector<ListEntry>> parse_list(const std::vector<std::string>& lines) {
  std::vector<ListEntry> out;
  out.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto entry = parse_list_entry(lines[i], i + 2);
    if (!entry) return std::move(entry).error();
    out.push_back(*entry);
  }
  if (auto unique = check_unique_numbers(out); !unique) return std::move(unique).error();
  return out;
}

Result<std::vector<UidEntry>> parse_uidl(const std::vector<std::string>& lines) {
  std::vector<UidEntry> out;
  out.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto entry = parse_uidl_entry(lines[i], i + 2);
    if (!entry) return std::move(entry).error();
    out.push_back(std::move(*entry));
  }
  if (auto unique = check_unique_numbers(out); !unique) return std::move(unique).error();
  return out;
}

}  // namespace mailassist::pop3
