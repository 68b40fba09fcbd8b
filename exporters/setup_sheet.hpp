#pragma once
// A printable setup sheet: one self-contained HTML page (inline CSS, the QR code inline as
// SVG, nothing fetched from anywhere) that a help desk prints or mails, laid out like the
// settings table of the user's seed document: each incoming and outgoing server with its
// port and security, the username, and "your password" instead of any password. Then short
// steps for Outlook, Thunderbird, Apple Mail and phones, and the provider's notes.
// Every value is HTML-escaped: settings come from the network and may be hostile.
#include <string>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"
#include "exporters/exported_text.hpp"
#include "exporters/setup_sheet_text.hpp"

namespace mailassist::exporters {

struct SetupSheetOptions {
  std::string email;
  SheetLanguage language = SheetLanguage::en;
};

// invalid_input when the settings have no server at all. When the QR code cannot be made
// (see write_thunderbird_qr_payload) the sheet says why in place of the code and the reason
// is also in the warnings.
Result<ExportedText> write_setup_sheet(const autoconfig::AccountConfig& config,
                                       const SetupSheetOptions& options);

// Text made safe for HTML element content and quoted attribute values. Control characters
// other than tab and line feed (not allowed in HTML) become U+FFFD.
std::string html_escape(std::string_view text);

}  // namespace mailassist::exporters
