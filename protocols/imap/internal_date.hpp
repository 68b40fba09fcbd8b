#pragma once
// APPEND's date-time argument (RFC 9051 section 9 "date-time", RFC 3501 section 9):
// "dd-Mon-yyyy hh:mm:ss +zzzz", the local time of the message with its UTC offset.
// Migration keeps a message's received date this way.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace mailassist::imap {

struct InternalDate {
  std::chrono::sys_seconds time;      // the instant, UTC
  std::chrono::minutes utc_offset{};  // the zone it is shown in: +07:00 for Jakarta
};

// Without the surrounding quotes, e.g. "17-Jul-1996 02:44:25 -0700". The day is always two
// digits (date-day-fixed allows "07" as well as " 7").
std::string format_internal_date(const InternalDate& date);

// The server's INTERNALDATE as FETCH returns it (without the quotes); the day may be
// " 7" or "07". nullopt for anything else, including impossible dates like 31-Feb.
std::optional<InternalDate> parse_internal_date(std::string_view text);

}  // namespace mailassist::imap
