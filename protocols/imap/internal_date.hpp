#pragma once
// APPEND's date-time argument (RFC 9051 section 9 "date-time", RFC 3501 section 9):
// "dd-Mon-yyyy hh:mm:ss +zzzz", the local time of the message with its UTC offset.
// Migration keeps a message's received date this way.
#include <chrono>
#include <string>

namespace mailassist::imap {

struct InternalDate {
  std::chrono::sys_seconds time;      // the instant, UTC
  std::chrono::minutes utc_offset{};  // the zone it is shown in: +07:00 for Jakarta
};

// Without the surrounding quotes, e.g. "17-Jul-1996 02:44:25 -0700". The day is always two
// digits (date-day-fixed allows "07" as well as " 7").
std::string format_internal_date(const InternalDate& date);

}  // namespace mailassist::imap
