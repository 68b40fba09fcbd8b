#include "migrate/stores/message_date.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

namespace mailassist::migrate {
namespace {

std::string formatted(const std::optional<imap::InternalDate>& date) {
  return date ? imap::format_internal_date(*date) : "none";
}

// Zone-less From_ dates are local time: pin the zone so the expectations hold anywhere.
class MessageDate : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tz = std::getenv("TZ");
    saved_ = tz ? std::optional<std::string>(tz) : std::nullopt;
    setenv("TZ", "UTC-7", 1);  // POSIX sign: seven hours east of UTC, like Jakarta
    tzset();
  }
  void TearDown() override {
    if (saved_) {
      setenv("TZ", saved_->c_str(), 1);
    } else {
      unsetenv("TZ");
    }
    tzset();
  }
  std::optional<std::string> saved_;
};

TEST_F(MessageDate, ReadsRfc5322Dates) {
  EXPECT_EQ(formatted(parse_rfc5322_date("Thu, 26 Nov 2026 22:33:05 +0700")),
            "26-Nov-2026 22:33:05 +0700");
  EXPECT_EQ(formatted(parse_rfc5322_date("1 Jan 2020 00:00 -0500")), "01-Jan-2020 00:00:00 -0500");
  EXPECT_EQ(formatted(parse_rfc5322_date("  Mon,\r\n 2 Mar 2015 10:11:12 +0000 (UTC)")),
            "02-Mar-2015 10:11:12 +0000");
}

TEST_F(MessageDate, ReadsTheObsoleteForms) {
  // RFC 5322 section 4.3: two- and three-digit years, zone names, comments anywhere.
  EXPECT_EQ(formatted(parse_rfc5322_date("Fri, 13 Feb 99 23:31:30 EST")),
            "13-Feb-1999 23:31:30 -0500");
  EXPECT_EQ(formatted(parse_rfc5322_date("5 Jun 04 08:00:00 GMT")), "05-Jun-2004 08:00:00 +0000");
  EXPECT_EQ(formatted(parse_rfc5322_date("5 Jun 104 08:00:00 PDT")), "05-Jun-2004 08:00:00 -0700");
  EXPECT_EQ(formatted(parse_rfc5322_date("Tue (comment), 7 (x) Jul 2009 01:02:03 Q")),
            "07-Jul-2009 01:02:03 +0000");
  EXPECT_EQ(formatted(parse_rfc5322_date("7 Jul 2009 01:02:03")), "07-Jul-2009 01:02:03 +0000");
}

TEST_F(MessageDate, RefusesWhatIsNotADate) {
  EXPECT_FALSE(parse_rfc5322_date(""));
  EXPECT_FALSE(parse_rfc5322_date("yesterday"));
  EXPECT_FALSE(parse_rfc5322_date("31 Feb 2020 10:00:00 +0000"));
  EXPECT_FALSE(parse_rfc5322_date("1 Jan 2020 25:00:00 +0000"));
  EXPECT_FALSE(parse_rfc5322_date("1 Foo 2020 10:00:00 +0000"));
}

TEST_F(MessageDate, ReadsFromLineDatesWithAndWithoutZone) {
  EXPECT_EQ(formatted(parse_from_line_date("From ani@example.com Thu Nov 26 22:33:05 2026")),
            "26-Nov-2026 22:33:05 +0700");  // local time (TZ pinned above)
  EXPECT_EQ(formatted(parse_from_line_date("From - Mon Jan  5 08:09:10 2015")),
            "05-Jan-2015 08:09:10 +0700");
  EXPECT_EQ(formatted(parse_from_line_date("From a@b Thu Nov 26 22:33:05 2026 -0500")),
            "26-Nov-2026 22:33:05 -0500");
  EXPECT_EQ(formatted(parse_from_line_date("From a@b Thu Nov 26 22:33:05 +0100 2026")),
            "26-Nov-2026 22:33:05 +0100");
  EXPECT_EQ(formatted(parse_from_line_date("From a@b Thu Nov 26 22:33:05 PST 2026")),
            "26-Nov-2026 22:33:05 -0800");
}

TEST_F(MessageDate, TellsFromLinesFromBodyText) {
  EXPECT_TRUE(is_from_line("From MAILER-DAEMON Fri Jul  8 12:08:34 2011"));
  EXPECT_TRUE(is_from_line("From  Fri Jul  8 12:08:34 2011"));
  EXPECT_FALSE(is_from_line("From here on, we meet on Mondays"));
  EXPECT_FALSE(is_from_line("From Mon Jan 5 we meet at 10:00 daily"));
  EXPECT_FALSE(is_from_line("From a@b Thu Nov 26 2026"));
  EXPECT_FALSE(is_from_line(">From a@b Thu Nov 26 22:33:05 2026"));
  EXPECT_FALSE(is_from_line("from a@b Thu Nov 26 22:33:05 2026"));
}

}  // namespace
}  // namespace mailassist::migrate
