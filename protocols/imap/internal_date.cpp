#include "protocols/imap/internal_date.hpp"

#include <algorithm>
#include <array>
#include <cstdio>

namespace mailassist::imap {

std::string format_internal_date(const InternalDate& date) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto local = date.time + date.utc_offset;
  auto day = floor<days>(local);
  year_month_day ymd(day);
  hh_mm_ss<seconds> clock(local - day);
  long offset = date.utc_offset.count();
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  // RFC 3501 zone is four digits (+HHMM); no real zone is anywhere near the limit.
  offset = std::min(offset, 99L * 60 + 59);
  // Sized for the widest values the types allow, so no output can be truncated.
  std::array<char, 128> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%02u-%s-%04d %02ld:%02ld:%02ld %c%02ld%02ld",
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<long>(clock.hours().count()),
                static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()), sign, offset / 60, offset % 60);
  return buffer.data();
}

namespace {

constexpr std::array<std::string_view, 12> kMonthNames{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return std::nullopt;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<InternalDate> parse_internal_date(std::string_view text) {
  using namespace std::chrono;
  // date-time = DQUOTE date-day-fixed "-" date-month "-" date-year SP time SP zone DQUOTE
  // (RFC 9051 section 9): exactly 26 characters inside the quotes.
  if (text.size() != 26) return std::nullopt;
  std::string padded(text);
  if (padded[0] == ' ') padded[0] = '0';
  std::string_view t = padded;
  auto day = digits(t, 0, 2);
  auto year_value = digits(t, 7, 4);
  auto hour = digits(t, 12, 2);
  auto minute = digits(t, 15, 2);
  auto second = digits(t, 18, 2);
  auto zone_h = digits(t, 22, 2);
  auto zone_m = digits(t, 24, 2);
  if (!day || !year_value || !hour || !minute || !second || !zone_h || !zone_m) return std::nullopt;
  if (t[2] != '-' || t[6] != '-' || t[11] != ' ' || t[14] != ':' || t[17] != ':' || t[20] != ' ' ||
      (t[21] != '+' && t[21] != '-')) {
    return std::nullopt;
  }
  unsigned month = 0;
  for (unsigned i = 0; i < kMonthNames.size(); ++i) {
    std::string_view name = kMonthNames[i];
    bool same = true;
    for (std::size_t k = 0; k < 3; ++k) {
      char a = t[3 + k], b = name[k];
      if ((a | 0x20) != (b | 0x20)) same = false;
    }
    if (same) month = i + 1;
  }
  year_month_day ymd{year{*year_value}, std::chrono::month{month},
                     std::chrono::day{static_cast<unsigned>(*day)}};
  if (month == 0 || !ymd.ok() || *hour > 23 || *minute > 59 || *second > 60 || *zone_m > 59) {
    return std::nullopt;
  }
  minutes offset{*zone_h * 60 + *zone_m};
  if (t[21] == '-') offset = -offset;
  auto local = sys_days(ymd) + hours{*hour} + minutes{*minute} + seconds{std::min(*second, 59)};
  return InternalDate{local - offset, offset};
}

}  // namespace mailassist::imap
