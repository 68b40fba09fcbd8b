// The only place stores ask the operating system about the local time zone.
#include <ctime>

#include "migrate/stores/message_date.hpp"

namespace mailassist::migrate {

std::chrono::minutes local_utc_offset(std::chrono::sys_seconds instant) {
  std::time_t t = static_cast<std::time_t>(instant.time_since_epoch().count());
  std::tm local{};
  std::tm utc{};
#ifdef _WIN32
  if (localtime_s(&local, &t) != 0 || gmtime_s(&utc, &t) != 0) return {};
#else
  if (!localtime_r(&t, &local) || !gmtime_r(&t, &utc)) return {};
#endif
  // The difference of the two broken-down forms, read back as if both were UTC.
  auto as_seconds = [](const std::tm& tm) {
    using namespace std::chrono;
    auto midnight = sys_days(year(tm.tm_year + 1900) / month(static_cast<unsigned>(tm.tm_mon + 1)) /
                             day(static_cast<unsigned>(tm.tm_mday)));
    return midnight.time_since_epoch() + hours(tm.tm_hour) + minutes(tm.tm_min) +
           seconds(tm.tm_sec);
  };
  return std::chrono::duration_cast<std::chrono::minutes>(as_seconds(local) - as_seconds(utc));
}

std::optional<imap::InternalDate> from_local_time(int year, unsigned month, unsigned day, int hour,
                                                  int minute, int second) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = static_cast<int>(month) - 1;
  tm.tm_mday = static_cast<int>(day);
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  tm.tm_isdst = -1;  // let the zone rules decide
  std::time_t t = std::mktime(&tm);
  if (t == static_cast<std::time_t>(-1)) return std::nullopt;
  std::chrono::sys_seconds instant{std::chrono::seconds(t)};
  return imap::InternalDate{instant, local_utc_offset(instant)};
}

}  // namespace mailassist::migrate
