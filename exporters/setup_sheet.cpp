#include "exporters/setup_sheet.hpp"

#include <algorithm>
#include <sstream>
#include <vector>

#include "exporters/qr_code.hpp"
#include "exporters/thunderbird_qr_payload.hpp"

namespace mailassist::exporters {

namespace {

using autoconfig::Protocol;
using autoconfig::Security;
using autoconfig::ServerConfig;

// A4 is 210 mm wide; 12 mm margins leave 186 mm, which is also the page width on screen.
// System fonts only (DejaVu and Liberation on Linux, Arial elsewhere): nothing is fetched.
constexpr std::string_view kStyle = R"(@page { size: A4; margin: 12mm; }
* { box-sizing: border-box; }
html { font: 9.5pt/1.3 "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
       color: #111; background: #fff; }
body { margin: 0; }
.sheet { max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
header { display: flex; gap: 8mm; justify-content: space-between; align-items: flex-start;
         border-bottom: 2px solid #1f4e79; padding-bottom: 3mm; }
h1 { font-size: 13pt; font-weight: normal; color: #1f4e79; margin: 0; }
.address { font-size: 16pt; font-weight: bold; margin: 1mm 0 2mm; overflow-wrap: anywhere; }
.provider, .intro { margin: 0 0 1.5mm; }
.qr { flex: 0 0 42mm; margin: 0; text-align: center; }
.qr svg { display: block; width: 34mm; height: 34mm; margin: 0 auto; }
.qr figcaption, .qr-missing { font-size: 8.5pt; color: #444; }
table { width: 100%; border-collapse: collapse; margin: 4mm 0 1mm; }
th, td { border: 1px solid #9aa9b8; padding: 1.2mm 2.5mm; text-align: left; vertical-align: top;
         overflow-wrap: anywhere; }
th { width: 36%; background: #eef3f8; }
.host { font-family: "DejaVu Sans Mono", "Liberation Mono", Consolas, monospace;
        font-weight: bold; font-size: 11pt; }
.channel { display: block; }
h2 { font-size: 11.5pt; color: #1f4e79; margin: 4mm 0 1.5mm; }
h3 { font-size: 10pt; margin: 0 0 0.5mm; }
.steps { display: grid; grid-template-columns: 1fr 1fr; gap: 2.5mm 6mm; }
.steps p, ul { margin: 0; font-size: 9pt; }
ul { padding-left: 5mm; }
li { margin-bottom: 1mm; overflow-wrap: anywhere; }
p.help { margin: 1.5mm 0 0.5mm; font-size: 9pt; }
ul.help { font-size: 8pt; line-height: 1.25; color: #333; }
ul.help li { margin: 0; }
footer { margin-top: 4mm; font-size: 8pt; color: #666; }
@media print { .sheet { padding: 0; max-width: none; } })";

// One row of the table: a server name, with each way to reach it (security and port), as
// the seed writes "smtp.gmail.com Requires SSL: Yes ... Port of SSL: 465 Port for
// TLS/STARTTLS: 587" in one cell.
struct ServerRow {
  Protocol protocol;
  std::string host;
  std::vector<const ServerConfig*> channels;
  bool authenticated = false;
};

std::vector<ServerRow> rows_of(const std::vector<ServerConfig>& servers) {
  std::vector<ServerRow> rows;
  for (const auto& server : servers) {
    auto row = std::find_if(rows.begin(), rows.end(), [&](const ServerRow& r) {
      return r.protocol == server.protocol && r.host == server.host;
    });
    if (row == rows.end())
      row = rows.insert(rows.end(), ServerRow{server.protocol, server.host, {}, false});
    row->channels.push_back(&server);
    bool none = server.auth.size() == 1 && server.auth.front() == "none";
    row->authenticated = row->authenticated || !none;
  }
  return rows;
}

std::string_view protocol_label(Protocol protocol) {
  switch (protocol) {
    case Protocol::imap: return "IMAP";
    case Protocol::pop3: return "POP3";
    case Protocol::smtp: return "SMTP";
  }
  return "IMAP";
}

std::string_view security_label(const SheetText& t, Security security) {
  switch (security) {
    case Security::tls: return t.security_tls;
    case Security::starttls: return t.security_starttls;
    case Security::none: return t.security_none;
  }
  return t.security_tls;
}

void write_row(std::ostream& out, const SheetText& t, std::string_view label,
               const ServerRow& row) {
  out << "<tr><th scope=\"row\">" << label << " (" << protocol_label(row.protocol)
      << ")</th><td><span class=\"host\">" << html_escape(row.host) << "</span>";
  for (const auto* channel : row.channels) {
    out << "<span class=\"channel\">" << t.security << ": " << security_label(t, channel->security)
        << " &#183; " << t.port << ": " << channel->port << "</span>";
  }
  if (row.protocol == Protocol::smtp && row.authenticated)
    out << "<span class=\"channel\">" << t.requires_authentication << ": " << t.yes << "</span>";
  out << "</td></tr>\n";
}

void write_plain_row(std::ostream& out, std::string_view label, const std::string& value_html) {
  out << "<tr><th scope=\"row\">" << label << "</th><td>" << value_html << "</td></tr>\n";
}

// The usernames, once when every server uses the same one (the usual case), else per
// protocol.
std::string usernames_html(const autoconfig::AccountConfig& config, const std::string& email) {
  std::vector<std::pair<Protocol, std::string>> names;
  for (const auto* servers : {&config.incoming, &config.outgoing}) {
    for (const auto& server : *servers) {
      auto name = autoconfig::expand_username(server.username, email);
      bool seen = std::any_of(names.begin(), names.end(), [&](const auto& n) {
        return n.first == server.protocol && n.second == name;
      });
      if (!seen) names.emplace_back(server.protocol, name);
    }
  }
  bool all_same = std::all_of(names.begin(), names.end(),
                              [&](const auto& n) { return n.second == names.front().second; });
  if (names.empty()) return html_escape(email);
  if (all_same) return "<span class=\"host\">" + html_escape(names.front().second) + "</span>";
  std::string html;
  for (const auto& [protocol, name] : names) {
    html += "<span class=\"channel\">" + std::string(protocol_label(protocol)) +
            ": <span class=\"host\">" + html_escape(name) + "</span></span>";
  }
  return html;
}

bool any_server(const autoconfig::AccountConfig& config, auto predicate) {
  return std::any_of(config.incoming.begin(), config.incoming.end(), predicate) ||
         std::any_of(config.outgoing.begin(), config.outgoing.end(), predicate);
}

bool is_web_address(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

// The QR code as inline SVG, or the reason there is none.
struct QrFigure {
  std::string svg;
  std::string missing_reason;
};

QrFigure qr_figure(const autoconfig::AccountConfig& config, const std::string& email) {
  // Never a password on paper: the app asks for it after the scan.
  auto payload = write_thunderbird_qr_payload(config, {email, "", std::nullopt});
  if (!payload) return {"", payload.error().message};
  auto code = encode_qr(*payload);
  if (!code) return {"", code.error().message};
  return {qr_svg(*code), ""};
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
          out += "\xEF\xBF\xBD";  // U+FFFD
        } else {
          out += c;
        }
    }
  }
  return out;
}

Result<ExportedText> write_setup_sheet(const autoconfig::AccountConfig& config,
                                       const SetupSheetOptions& options) {
  if (config.incoming.empty() && config.outgoing.empty())
    return make_error(ErrorKind::invalid_input, "the settings have no server to print");
  const SheetText& t = sheet_text(options.language);
  const std::string email = html_escape(options.email);
  ExportedText result;
  std::ostringstream out;

  out << "<!DOCTYPE html>\n<html lang=\"" << t.lang << "\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<title>" << t.title << ' ' << email << "</title>\n<style>\n"
      << kStyle << "\n</style>\n</head>\n<body>\n<main class=\"sheet\">\n<header>\n<div>\n"
      << "<h1>" << t.title << "</h1>\n<p class=\"address\">" << email << "</p>\n";
  if (!config.display_name.empty())
    out << "<p class=\"provider\">" << t.provider << ": <strong>"
        << html_escape(config.display_name) << "</strong></p>\n";
  out << "<p class=\"intro\">" << t.intro << "</p>\n</div>\n";

  auto qr = qr_figure(config, options.email);
  if (!qr.svg.empty()) {
    out << "<figure class=\"qr\">" << qr.svg << "<figcaption>" << t.qr_caption
        << "</figcaption></figure>\n";
  } else {
    out << "<p class=\"qr-missing\">" << t.qr_missing << html_escape(qr.missing_reason) << "</p>\n";
    result.warnings.push_back("the sheet has no QR code: " + qr.missing_reason);
  }
  out << "</header>\n\n<table>\n";
  for (const auto& row : rows_of(config.incoming)) write_row(out, t, t.incoming_server, row);
  for (const auto& row : rows_of(config.outgoing)) write_row(out, t, t.outgoing_server, row);
  write_plain_row(out, t.timeout, std::string(t.timeout_value));
  write_plain_row(out, t.full_name, std::string(t.full_name_value));
  write_plain_row(out, t.username, usernames_html(config, options.email));
  write_plain_row(out, t.password, std::string(t.password_value));
  out << "</table>\n\n<h2>" << t.steps_heading << "</h2>\n<div class=\"steps\">\n"
      << "<section><h3>Outlook</h3><p>" << t.outlook_steps << "</p></section>\n"
      << "<section><h3>Thunderbird</h3><p>" << t.thunderbird_steps << "</p></section>\n"
      << "<section><h3>" << t.apple_heading << "</h3><p>" << t.apple_steps << "</p></section>\n"
      << "<section><h3>" << t.phone_heading << "</h3><p>" << t.phone_steps << "</p></section>\n"
      << "</div>\n";

  std::vector<std::string_view> notes;
  auto offers = [](std::string_view word) {
    return [word](const ServerConfig& s) {
      return std::find(s.auth.begin(), s.auth.end(), word) != s.auth.end();
    };
  };
  if (any_server(config, offers("OAuth2"))) notes.push_back(t.note_oauth);
  if (any_server(config, [](const ServerConfig& s) { return s.security == Security::none; }))
    notes.push_back(t.note_unencrypted);
  auto is = [](Protocol p) { return [p](const ServerConfig& s) { return s.protocol == p; }; };
  if (any_server(config, is(Protocol::imap)) && any_server(config, is(Protocol::pop3)))
    notes.push_back(t.note_pop3_or_imap);
  if (!notes.empty() || !config.help_pages.empty()) {
    out << "\n<h2>" << t.notes_heading << "</h2>\n";
    if (!notes.empty()) {
      out << "<ul>\n";
      for (auto note : notes) out << "<li>" << note << "</li>\n";
      out << "</ul>\n";
    }
  }
  // The provider's own pages (from its clientConfig <documentation>), with the address
  // printed: on paper a link is only its text.
  if (!config.help_pages.empty()) {
    out << "<p class=\"help\">" << t.more_help << ":</p>\n<ul class=\"help\">\n";
    for (const auto& page : config.help_pages) {
      const std::string url = html_escape(page.url);
      out << "<li>" << html_escape(page.description) << ": ";
      // Only web addresses become links (the reader keeps only those; this is the last gate).
      if (is_web_address(page.url)) {
        out << "<a href=\"" << url << "\">" << url << "</a>";
      } else {
        out << url;
      }
      out << "</li>\n";
    }
    out << "</ul>\n";
  }
  out << "\n<footer>" << t.footer << "</footer>\n</main>\n</body>\n</html>\n";
  result.text = out.str();
  return result;
}

}  // namespace mailassist::exporters
