// The printable setup sheet: the seed's rows, both languages, hostile values escaped,
// nothing fetched from elsewhere, no password. (Rendered to PNG/PDF by Chromium in the
// integration suite.)
#include "exporters/setup_sheet.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <initializer_list>
#include <vector>

namespace mailassist::exporters {
namespace {

using autoconfig::Protocol;
using autoconfig::Security;

// Gmail's settings as the seed lists them.
autoconfig::AccountConfig gmail_like() {
  autoconfig::AccountConfig c;
  c.display_name = "Gmail";
  const std::vector<std::string> auth{"OAuth2", "password-cleartext"};
  c.incoming.push_back(
      {Protocol::imap, "imap.gmail.com", 993, Security::tls, "%EMAILADDRESS%", auth});
  c.incoming.push_back(
      {Protocol::pop3, "pop.gmail.com", 995, Security::tls, "%EMAILADDRESS%", auth});
  c.outgoing.push_back(
      {Protocol::smtp, "smtp.gmail.com", 465, Security::tls, "%EMAILADDRESS%", auth});
  c.outgoing.push_back(
      {Protocol::smtp, "smtp.gmail.com", 587, Security::starttls, "%EMAILADDRESS%", auth});
  return c;
}

std::string sheet(const autoconfig::AccountConfig& c, SheetLanguage language,
                  const std::string& email = "alice@example.test") {
  auto written = write_setup_sheet(c, {email, language});
  EXPECT_TRUE(written) << written.error().message;
  return written ? written->text : std::string();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Of `parts`, those `text` lacks (missing) or has (present): one assertion names them all.
std::vector<std::string> missing(const std::string& text,
                                 std::initializer_list<const char*> parts) {
  std::vector<std::string> out;
  for (const char* part : parts)
    if (!has(text, part)) out.emplace_back(part);
  return out;
}

std::vector<std::string> present(const std::string& text,
                                 std::initializer_list<const char*> parts) {
  std::vector<std::string> out;
  for (const char* part : parts)
    if (has(text, part)) out.emplace_back(part);
  return out;
}

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

TEST(SetupSheet, HasTheSeedsRowsInEnglish) {
  auto html = sheet(gmail_like(), SheetLanguage::en);
  // One SMTP row, with both ways in, as the seed writes 465 and 587 in one cell.
  EXPECT_EQ(count(html, "Outgoing mail server (SMTP)"), 1u);
  EXPECT_THAT(
      missing(html,
              {"<html lang=\"en\">", "Incoming mail server (IMAP)", "Incoming mail server (POP3)",
               "Security: SSL/TLS &#183; Port: 465", "Security: STARTTLS &#183; Port: 587",
               "Requires authentication: Yes", "More than 1 minute (5 minutes recommended)",
               "<span class=\"host\">alice@example.test</span>", "Your password (not printed here)",
               "Outlook", "Thunderbird", "Apple Mail", "Phones",
               "app password",  // OAuth2 offered: the note on app passwords
               "<svg "}),       // the QR code, inline
      ::testing::IsEmpty());
}

TEST(SetupSheet, SpeaksIndonesian) {
  auto html = sheet(gmail_like(), SheetLanguage::id);
  EXPECT_THAT(
      missing(html,
              {"<html lang=\"id\">", "Server email masuk (IMAP)", "Server email keluar (SMTP)",
               "Lebih dari 1 menit (disarankan 5 menit)", "Keamanan: SSL/TLS &#183; Port: 993",
               "Pindai dengan Thunderbird untuk Android"}),
      ::testing::IsEmpty());
  EXPECT_FALSE(has(html, "Incoming mail server"));
}

TEST(SetupSheet, FetchesNothingAndRunsNothing) {
  auto html = sheet(gmail_like(), SheetLanguage::en);
  // The only URL is the SVG namespace name, which is never fetched.
  EXPECT_EQ(count(html, "http"), 1u);
  EXPECT_TRUE(has(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_THAT(present(html, {"<script", "<link", "<img", "src=", "url(", "@import"}),
              ::testing::IsEmpty());
}

TEST(SetupSheet, EscapesHostileSettings) {
  auto c = gmail_like();
  c.display_name = "<script>alert(1)</script>";
  c.incoming.front().host = "\"><img src=x onerror=alert(1)>";
  c.outgoing.front().username = "u'\"&<b>\x01";
  auto written = write_setup_sheet(c, {"a<b>@example.test", SheetLanguage::en});
  ASSERT_TRUE(written) << written.error().message;
  const auto& html = written->text;
  EXPECT_THAT(present(html, {"<script", "<img", "<b>"}), ::testing::IsEmpty());
  EXPECT_THAT(missing(html, {"&lt;script&gt;alert(1)&lt;/script&gt;",
                             "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
                             "u&#39;&quot;&amp;&lt;b&gt;\xEF\xBF\xBD", "a&lt;b&gt;@example.test"}),
              ::testing::IsEmpty());
  // That host cannot go into the QR code: the sheet says so instead, and so do the warnings.
  EXPECT_FALSE(has(html, "<svg "));
  EXPECT_TRUE(has(html, "No QR code: "));
  ASSERT_EQ(written->warnings.size(), 1u);
}

TEST(SetupSheet, WarnsAboutUnencryptedServers) {
  autoconfig::AccountConfig c;
  c.incoming.push_back({Protocol::imap,
                        "mail.example.test",
                        143,
                        Security::none,
                        "%EMAILLOCALPART%",
                        {"password-cleartext"}});
  c.outgoing.push_back(
      {Protocol::smtp, "mail.example.test", 25, Security::none, "%EMAILADDRESS%", {"none"}});
  auto html = sheet(c, SheetLanguage::en, "bob@example.test");
  EXPECT_TRUE(has(html, "None (not encrypted)"));
  EXPECT_TRUE(has(html, "are not encrypted"));
  EXPECT_FALSE(has(html, "Requires authentication"));  // SMTP without authentication
  EXPECT_FALSE(has(html, "app password"));
  EXPECT_FALSE(has(html, "POP3 downloads"));  // no choice between IMAP and POP3 to explain
  // Two different usernames: one per protocol.
  EXPECT_TRUE(has(html, "IMAP: <span class=\"host\">bob</span>"));
  EXPECT_TRUE(has(html, "SMTP: <span class=\"host\">bob@example.test</span>"));
}

TEST(SetupSheet, ListsTheProvidersHelpPagesAsText) {
  auto c = gmail_like();
  c.help_pages = {
      {"https://support.google.com/accounts/answer/185833", "Sign in with app passwords"},
      {"javascript:alert(1)", "<b>click</b>"}};
  auto html = sheet(c, SheetLanguage::en);
  EXPECT_TRUE(has(html, "Help from the provider"));
  EXPECT_TRUE(has(html,
                  "Sign in with app passwords: <a href=\"https://support.google.com/accounts/"
                  "answer/185833\">https://support.google.com/accounts/answer/185833</a>"));
  EXPECT_TRUE(has(html, "&lt;b&gt;click&lt;/b&gt;: javascript:alert(1)</li>"));
  EXPECT_FALSE(has(html, "href=\"javascript"));
}

TEST(SetupSheet, NeedsAServer) {
  auto written = write_setup_sheet(autoconfig::AccountConfig{}, {"a@example.test", {}});
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().kind, ErrorKind::invalid_input);
}

TEST(SetupSheetLanguage, FollowsThePosixLocaleOrder) {
  using L = SheetLanguage;
  EXPECT_EQ(sheet_language_from_locale("id_ID.UTF-8", nullptr, "en_US.UTF-8"), L::id);
  EXPECT_EQ(sheet_language_from_locale("", "id_ID", "en_US.UTF-8"), L::id);
  EXPECT_EQ(sheet_language_from_locale(nullptr, nullptr, "id_ID.UTF-8"), L::id);
  EXPECT_EQ(sheet_language_from_locale("C", nullptr, "id_ID.UTF-8"), L::en);  // LC_ALL wins
  EXPECT_EQ(sheet_language_from_locale(nullptr, nullptr, "de_DE.UTF-8"), L::en);
  EXPECT_EQ(sheet_language_from_locale(nullptr, nullptr, nullptr), L::en);
  EXPECT_EQ(parse_sheet_language("ID"), L::id);
  EXPECT_EQ(parse_sheet_language("in"), L::id);
  EXPECT_EQ(parse_sheet_language("en-GB"), L::en);
  EXPECT_EQ(parse_sheet_language("fr"), std::nullopt);
  EXPECT_EQ(parse_sheet_language(""), std::nullopt);
}

TEST(HtmlEscape, EscapesMarkupAndControlCharacters) {
  EXPECT_EQ(html_escape("a&b<c>d\"e'f"), "a&amp;b&lt;c&gt;d&quot;e&#39;f");
  EXPECT_EQ(html_escape(std::string("x\0y\x7f\tz\n", 7)), "x\xEF\xBF\xBDy\xEF\xBF\xBD\tz\n");
  EXPECT_EQ(html_escape("Surel \xC2\xB7 ok"), "Surel \xC2\xB7 ok");
}

}  // namespace
}  // namespace mailassist::exporters
