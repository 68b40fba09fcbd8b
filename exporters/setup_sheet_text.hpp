#pragma once
// Every sentence of the printable setup sheet, one table per language (English and
// Indonesian, the language of the user's seed document). The sheet is a file handed out,
// not the GUI, so it keeps its own small tables instead of the wizard's gettext catalogue.
#include <optional>
#include <string_view>

namespace mailassist::exporters {

enum class SheetLanguage { en, id };

struct SheetText {
  std::string_view lang;  // the HTML lang attribute
  std::string_view title;
  std::string_view intro;
  std::string_view provider;
  // Row labels of the settings table, laid out like the seed's table.
  std::string_view incoming_server;  // followed by " (IMAP)" / " (POP3)"
  std::string_view outgoing_server;
  std::string_view security;
  std::string_view port;
  std::string_view security_tls;
  std::string_view security_starttls;
  std::string_view security_none;
  std::string_view requires_authentication;
  std::string_view yes;
  std::string_view timeout;
  std::string_view timeout_value;
  std::string_view full_name;
  std::string_view full_name_value;
  std::string_view username;
  std::string_view password;
  std::string_view password_value;
  // Steps per client.
  std::string_view steps_heading;
  std::string_view outlook_steps;
  std::string_view thunderbird_steps;
  std::string_view apple_heading;
  std::string_view apple_steps;
  std::string_view phone_heading;
  std::string_view phone_steps;
  std::string_view qr_caption;
  std::string_view qr_missing;  // followed by the reason
  // Notes.
  std::string_view notes_heading;
  std::string_view note_oauth;
  std::string_view note_unencrypted;
  std::string_view note_pop3_or_imap;
  std::string_view more_help;  // heading of the provider's own help pages
  std::string_view footer;
};

const SheetText& sheet_text(SheetLanguage language);

// "en", "id" (also "en_GB", "id-ID"); nullopt for languages without a table.
std::optional<SheetLanguage> parse_sheet_language(std::string_view text);

// The language of a locale setting in POSIX order of precedence (LC_ALL, then LC_MESSAGES,
// then LANG; null or empty ones are skipped): Indonesian for id_ID..., else English.
SheetLanguage sheet_language_from_locale(const char* lc_all, const char* lc_messages,
                                         const char* lang);

}  // namespace mailassist::exporters
