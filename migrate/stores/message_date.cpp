#include "migrate/stores/message_date.hpp"

#include <array>
#include <cctype>
#include <string>
#include <system_error>
#include <vector>

#include "core/ascii.hpp"

namespace mailassist::migrate {
namespace {

using namespace std::chrono;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

std::optional<int> number(std::string_view text, std::size_t min_digits, std::size_t max_digits) {
  if (text.size() < min_digits || text.size() > max_digits) return std::nullopt;
  int value = 0;
  for (char c : text) {
    if (!is_digit(c)) return std::nullopt;
    value = value * 10 + (c - '0');
  }
  return value;
}

// Words split on spaces, tabs and commas, with RFC 5322 comments (nested parentheses,
// section 3.2.2) left out.
std::vector<std::string_view> words(std::string_view text) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = std::string_view::npos;
  for (std::size_t i = 0; i <= text.size() && out.size() < 16; ++i) {
    char c = i < text.size() ? text[i] : ' ';
    bool separator = c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n' || c == '(' ||
                     c == ')' || depth > 0;
    if (c == '(') ++depth;
    if (c == ')' && depth > 0) --depth;
    if (c == '\\' && depth > 0) ++i;  // quoted-pair inside a comment
    if (separator) {
      if (start != std::string_view::npos) out.push_back(text.substr(start, i - start));
      start = std::string_view::npos;
    } else if (start == std::string_view::npos) {
      start = i;
    }
  }
  return out;
}

std::optional<unsigned> month_number(std::string_view name) {
  static constexpr std::array<std::string_view, 12> kMonths{
      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
  if (name.size() < 3) return std::nullopt;
  for (unsigned i = 0; i < kMonths.size(); ++i)
    if (iequals(name.substr(0, 3), kMonths[i])) return i + 1;
  return std::nullopt;
}

bool is_weekday(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kDays{"mon", "tue", "wed", "thu",
                                                         "fri", "sat", "sun"};
  if (name.size() < 3) return false;
  for (auto d : kDays)
    if (iequals(name.substr(0, 3), d)) return true;
  return false;
}

struct ClockTime {
  int hour = 0, minute = 0, second = 0;
};

std::optional<ClockTime> clock_time(std::string_view text) {
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto h = number(text.substr(0, colon), 1, 2);
  auto rest = text.substr(colon + 1);
  auto colon2 = rest.find(':');
  auto m = number(rest.substr(0, colon2), 2, 2);
  std::optional<int> s = 0;
  if (colon2 != std::string_view::npos) s = number(rest.substr(colon2 + 1), 2, 2);
  // Second 60 is a leap second (RFC 5322 section 3.3); it is kept as :59 of that minute.
  if (!h || !m || !s || *h > 23 || *m > 59 || *s > 60) return std::nullopt;
  return ClockTime{*h, *m, std::min(*s, 59)};
}

// "+0700", "-0500", or a zone name (RFC 5322 section 4.3). nullopt: not a zone at all.
std::optional<minutes> zone_offset(std::string_view text) {
  if (text.size() == 5 && (text[0] == '+' || text[0] == '-')) {
    auto hh = number(text.substr(1, 2), 2, 2);
    auto mm = number(text.substr(3, 2), 2, 2);
    if (!hh || !mm || *mm > 59) return std::nullopt;
    minutes offset = hours(*hh) + minutes(*mm);
    return text[0] == '-' ? -offset : offset;
  }
  struct Named {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Named, 19> kNames{{{"UT", 0},
                                                 {"UTC", 0},
                                                 {"GMT", 0},
                                                 {"Z", 0},
                                                 {"EST", -5},
                                                 {"EDT", -4},
                                                 {"CST", -6},
                                                 {"CDT", -5},
                                                 {"MST", -7},
                                                 {"MDT", -6},
                                                 {"PST", -8},
                                                 {"PDT", -7},
                                                 {"WIB", 7},
                                                 {"WITA", 8},
                                                 {"WIT", 9},
                                                 {"CET", 1},
                                                 {"CEST", 2},
                                                 {"BST", 1},
                                                 {"JST", 9}}};
  for (const auto& n : kNames)
    if (iequals(text, n.name)) return hours(n.hours);
  // Other alphabetic zones, military letters included, are unknown: section 4.3 says to
  // treat them as "-0000", i.e. UTC with no local zone known.
  if (!text.empty() && text.size() <= 5) {
    for (char c : text)
      if (!is_alpha(c)) return std::nullopt;
    return minutes(0);
  }
  return std::nullopt;
}

std::optional<imap::InternalDate> make_date(int y, unsigned mon, int d, ClockTime t,
                                            minutes offset) {
  year_month_day ymd{year(y), month(mon), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 1900 || y > 9999) return std::nullopt;
  auto local = sys_days(ymd) + hours(t.hour) + minutes(t.minute) + seconds(t.second);
  return imap::InternalDate{local - offset, offset};
}

}  // namespace

std::optional<imap::InternalDate> parse_rfc5322_date(std::string_view value) {
  auto w = words(value);
  std::size_t i = 0;
  if (i < w.size() && is_weekday(w[i]) && !month_number(w[i])) ++i;
  if (i + 4 > w.size()) return std::nullopt;
  auto d = number(w[i], 1, 2);
  auto mon = month_number(w[i + 1]);
  auto y = number(w[i + 2], 2, 4);
  auto t = clock_time(w[i + 3]);
  if (!d || !mon || !y || !t) return std::nullopt;
  // Obsolete years (section 4.3): two digits are 19xx from 50 on, else 20xx; three digits
  // are added to 1900.
  int full_year = *y;
  if (w[i + 2].size() == 2) full_year += *y < 50 ? 2000 : 1900;
  if (w[i + 2].size() == 3) full_year += 1900;
  minutes offset{0};
  if (i + 4 < w.size()) {
    auto z = zone_offset(w[i + 4]);
    if (z) offset = *z;
  }
  return make_date(full_year, *mon, *d, *t, offset);
}

std::optional<imap::InternalDate> parse_from_line_date(std::string_view line) {
  if (!line.starts_with("From ")) return std::nullopt;
  auto w = words(line.substr(5));
  // The sender is one word (RFC 4155 section 2), or missing in some writers' output; the
  // date starts at the first weekday name after it.
  for (std::size_t i = 0; i < w.size() && i < 2; ++i) {
    if (!is_weekday(w[i]) || w[i].size() != 3) continue;
    if (i + 5 > w.size()) return std::nullopt;
    auto mon = month_number(w[i + 1]);
    auto d = number(w[i + 2], 1, 2);
    auto t = clock_time(w[i + 3]);
    if (!mon || w[i + 1].size() != 3 || !d || !t) continue;
    std::optional<minutes> zone;
    std::size_t k = i + 4;
    auto y = number(w[k], 4, 4);
    if (!y) {
      zone = zone_offset(w[k]);  // "... 22:33:05 +0700 2026" or "... WIB 2026"
      if (!zone || k + 1 >= w.size()) continue;
      y = number(w[++k], 4, 4);
      if (!y) continue;
    } else if (k + 1 < w.size()) {
      zone = zone_offset(w[k + 1]);  // "... 22:33:05 2026 +0700"
    }
    if (zone) return make_date(*y, *mon, *d, *t, *zone);
    year_month_day ymd{year(*y), month(*mon), day(static_cast<unsigned>(*d))};
    if (!ymd.ok()) continue;
    return from_local_time(*y, *mon, static_cast<unsigned>(*d), t->hour, t->minute, t->second);
  }
  // Some writers (exports from web mail) put an RFC 5322 date after the sender instead.
  auto rest = line.substr(5);
  auto space = rest.find(' ', rest.find_first_not_of(' '));
  if (space != std::string_view::npos) return parse_rfc5322_date(rest.substr(space + 1));
  return std::nullopt;
}

bool is_from_line(std::string_view line) {
  if (!line.starts_with("From ") || line.size() > 1000) return false;
  return parse_from_line_date(line).has_value();
}

std::optional<imap::InternalDate> file_date(const std::filesystem::path& path) {
  std::error_code ec;
  auto written = std::filesystem::last_write_time(path, ec);
  if (ec) return std::nullopt;
  auto instant = time_point_cast<seconds>(file_clock::to_sys(written));
  return imap::InternalDate{instant, local_utc_offset(instant)};
}

}  // namespace mailassist::migrate
