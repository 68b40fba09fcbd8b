#pragma once
// The dates a message carries, as APPEND's internal date (RFC 9051 section 6.3.12):
//  - the mbox From_ line's asctime date (RFC 4155 section 2: "From sender Www Mmm dd
//    hh:mm:ss yyyy"), which writers put down with or without a zone: "... 2026 +0700",
//    "... +0700 2026", "... WIB 2026"; without a zone it is the writer's local time;
//  - the Date header (RFC 5322 section 3.3, and the obsolete forms of section 4.3:
//    two-digit years, zone names such as EST or GMT, military zones, comments);
//  - a file's modification time.
#include <filesystem>
#include <optional>
#include <string_view>

#include "protocols/imap/internal_date.hpp"

namespace mailassist::migrate {

// The date of an RFC 5322 Date header value; nullopt when it is not a date.
std::optional<imap::InternalDate> parse_rfc5322_date(std::string_view value);

// The date of a From_ line ("From sender@example.com Thu Nov 26 22:33:05 2026"), the whole
// line with "From " and without its line end. A date without a zone is taken as this
// machine's local time (Thunderbird writes it so); nullopt when there is no date.
std::optional<imap::InternalDate> parse_from_line_date(std::string_view line);

// True if `line` (without its line end) has the shape of a From_ line: "From ", a sender
// without spaces (or "-"), then a date parse_from_line_date accepts. Deliberately strict
// about the date, so a body line "From here on, ..." is not taken for a separator.
bool is_from_line(std::string_view line);

// A file's modification time, at this machine's UTC offset then.
std::optional<imap::InternalDate> file_date(const std::filesystem::path& path);

// A broken-down local time (no zone given) as this machine saw it: platform code, in
// local_time.cpp. nullopt if the time does not exist there.
std::optional<imap::InternalDate> from_local_time(int year, unsigned month, unsigned day, int hour,
                                                  int minute, int second);

// This machine's UTC offset at `instant`: platform code, in local_time.cpp.
std::chrono::minutes local_utc_offset(std::chrono::sys_seconds instant);

}  // namespace mailassist::migrate
