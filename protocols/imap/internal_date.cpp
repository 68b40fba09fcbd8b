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

}  // namespace mailassist::imap
