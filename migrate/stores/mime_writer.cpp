#include "migrate/stores/mime_writer.hpp"

#include <array>
#include <cstdint>
#include <cstdio>

#include "core/ascii.hpp"
#include "core/base64.hpp"

namespace mailassist::migrate {
namespace {

constexpr std::size_t kEncodedWordMax = 75;  // RFC 2047 section 2
constexpr std::string_view kWordStart = "=?UTF-8?B?";
constexpr std::string_view kWordEnd = "?=";

bool is_printable_ascii(std::string_view text) {
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u > 0x7E) return false;
  }
  return true;
}

// Length of the UTF-8 sequence starting with `lead`; 1 for a stray byte, so that bad
// input is still cut somewhere and never loops.
std::size_t utf8_length(unsigned char lead) {
  if (lead >= 0xF0 && lead < 0xF8) return 4;
  if (lead >= 0xE0) return lead < 0xF0 ? 3 : 1;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Encoded-words of at most 75 characters, each holding whole UTF-8 characters
// (RFC 2047 section 5: a multi-octet character may not be split across words).
std::vector<std::string> encoded_words(std::string_view utf8) {
  // 75 - 12 characters of framing leave 63 of base64: 45 bytes of text.
  constexpr std::size_t kMaxBytes = (kEncodedWordMax - kWordStart.size() - kWordEnd.size()) / 4 * 3;
  std::vector<std::string> words;
  std::size_t start = 0;
  while (start < utf8.size()) {
    std::size_t end = start;
    while (end < utf8.size()) {
      std::size_t n = utf8_length(static_cast<unsigned char>(utf8[end]));
      if (end + n > utf8.size()) n = utf8.size() - end;
      if (end + n - start > kMaxBytes) break;
      end += n;
    }
    if (end == start) end = start + 1;
    words.push_back(std::string(kWordStart) + base64_encode(utf8.substr(start, end - start)) +
                    std::string(kWordEnd));
    start = end;
  }
  return words;
}

std::string join_folded(const std::vector<std::string>& words) {
  std::string out;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i) out += "\r\n ";  // folding white space between words is not displayed
    out += words[i];
  }
  return out;
}

// A line break or control character inside a value would end or corrupt the field.
std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) out += (c == '\r' || c == '\n' || c == '\t' || c == '\0') ? ' ' : c;
  return out;
}

// The seed's letters and digits (at most 40): boundaries are tokens (RFC 2046 5.1.1).
std::string boundary_token(std::string_view seed) {
  std::string out;
  for (char c : seed) {
    bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    if (alnum && out.size() < 40) out += c;
  }
  return out;
}

bool needs_base64(std::string_view text) {
  std::size_t line = 0;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      line = 0;
      continue;
    }
    if (u >= 0x80 || (u < 0x20 && c != '\r' && c != '\t') || ++line > 998) return true;
  }
  return false;
}

void append_text_part(std::string& out, std::string_view subtype, std::string_view charset,
                      std::string_view text) {
  out += "Content-Type: text/";
  out += subtype;
  out += mime_parameter("charset", charset);
  out += "\r\n";
  if (needs_base64(text)) {
    out += "Content-Transfer-Encoding: base64\r\n\r\n";
    out += base64_lines(text);
  } else {
    out += "Content-Transfer-Encoding: 7bit\r\n\r\n";
    out += to_crlf(text);
    if (!out.ends_with("\r\n")) out += "\r\n";
  }
}

void append_body(std::string& out, const MimeMessage& m, const std::string& boundary) {
  if (m.plain && m.html) {
    out += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n";
    append_text_part(out, "plain", m.charset, *m.plain);
    out += "--" + boundary + "\r\n";
    append_text_part(out, "html", m.charset, *m.html);
    out += "--" + boundary + "--\r\n";
  } else if (m.html) {
    append_text_part(out, "html", m.charset, *m.html);
  } else {
    append_text_part(out, "plain", m.charset, m.plain ? *m.plain : std::string());
  }
}

void append_attached_message(std::string& out, const MimeAttachment& a) {
  bool eight_bit = false;
  for (char c : a.data) eight_bit = eight_bit || static_cast<unsigned char>(c) >= 0x80;
  out += "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: ";
  out += eight_bit ? "8bit" : "7bit";
  out += "\r\nContent-Disposition: attachment";
  if (!a.filename.empty()) out += ";\r\n" + mime_parameter("filename", a.filename).substr(1);
  out += "\r\n\r\n";
  out += a.data;
  if (!out.ends_with("\r\n")) out += "\r\n";
}

void append_attachment(std::string& out, const MimeAttachment& a) {
  if (a.is_message) return append_attached_message(out, a);
  std::string type = a.mime_type;
  // Only a type/subtype token pair may go into Content-Type as it is.
  bool valid = type.find('/') != std::string::npos && is_printable_ascii(type);
  for (char c : type) valid = valid && c != ' ' && c != ';' && c != '"';
  if (!valid) type = "application/octet-stream";
  out += "Content-Type: " + to_lower_ascii(type);
  if (!a.filename.empty()) out += ";\r\n" + mime_parameter("name", a.filename).substr(1);
  out += "\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment";
  if (!a.filename.empty()) out += ";\r\n" + mime_parameter("filename", a.filename).substr(1);
  out += "\r\n";
  if (!a.content_id.empty()) out += "Content-ID: <" + one_line(a.content_id) + ">\r\n";
  out += "\r\n";
  out += base64_lines(a.data);
}

}  // namespace

std::string encode_header_text(std::string_view utf8, std::size_t field_length) {
  std::string text = one_line(utf8);
  // RFC 5322 section 2.1.1: a line may not exceed 998 characters; encoded-words are
  // folded, so only plain text needs the check.
  if (is_printable_ascii(text) && text.size() + field_length <= 998) return text;
  return join_folded(encoded_words(text));
}

std::string encode_display_name(std::string_view utf8) {
  std::string text = one_line(utf8);
  if (!is_printable_ascii(text)) return join_folded(encoded_words(text));
  constexpr std::string_view kSpecials = "()<>[]:;@\\,.\"";
  if (text.find_first_of(kSpecials) == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') quoted += '\\';
    quoted += c;
  }
  return quoted + "\"";
}

std::string mime_parameter(std::string_view name, std::string_view utf8_value) {
  std::string value = one_line(utf8_value);
  std::string out = "; ";
  out += name;
  if (is_printable_ascii(value)) {
    out += "=\"";
    for (char c : value) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    return out + "\"";
  }
  // RFC 2231 section 4: charset''percent-encoded octets; attribute-char excludes
  // specials, space, '*', '\'' and '%'.
  out += "*=utf-8''";
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    bool plain = (u >= '0' && u <= '9') || (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') ||
                 c == '-' || c == '.' || c == '_' || c == '!' || c == '~' || c == '$' || c == '&' ||
                 c == '+' || c == '^' || c == '`' || c == '{' || c == '}' || c == '|' || c == '#';
    if (plain) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    }
  }
  return out;
}

std::string base64_lines(std::string_view bytes) {
  std::string out;
  constexpr std::size_t kChunk = 57;  // 57 bytes -> 76 characters
  out.reserve((bytes.size() / kChunk + 1) * 78);
  for (std::size_t at = 0; at < bytes.size(); at += kChunk) {
    out += base64_encode(bytes.substr(at, kChunk));
    out += "\r\n";
  }
  return out;
}

std::string to_crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string format_rfc5322_date(const imap::InternalDate& date) {
  using namespace std::chrono;
  static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed",
                                                    "Thu", "Fri", "Sat"};
  static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto local = date.time + date.utc_offset;
  auto day = floor<days>(local);
  year_month_day ymd(day);
  weekday wd(day);
  hh_mm_ss<seconds> clock(local - day);
  long offset = date.utc_offset.count();
  char sign = offset < 0 ? '-' : '+';
  if (offset < 0) offset = -offset;
  std::array<char, 128> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%s, %02u %s %04d %02ld:%02ld:%02ld %c%02ld%02ld",
                kDays[wd.c_encoding()], static_cast<unsigned>(ymd.day()),
                kMonths[static_cast<unsigned>(ymd.month()) - 1], static_cast<int>(ymd.year()),
                static_cast<long>(clock.hours().count()),
                static_cast<long>(clock.minutes().count()),
                static_cast<long>(clock.seconds().count()), sign, offset / 60 % 100, offset % 60);
  return buffer.data();
}

std::string strip_mime_fields(std::string_view headers) {
  std::string crlf = to_crlf(headers);
  std::string out;
  bool dropping = false;
  std::size_t at = 0;
  while (at < crlf.size()) {
    std::size_t end = crlf.find("\r\n", at);
    if (end == std::string::npos) end = crlf.size();
    std::string_view line(crlf.data() + at, end - at);
    at = end + 2;
    if (line.empty()) break;  // the blank line ends the header (RFC 5322 section 2.1)
    bool continuation = line.front() == ' ' || line.front() == '\t';
    if (!continuation) {
      dropping = istarts_with(line, "content-") || istarts_with(line, "mime-version:");
      // A line that is no field at all (no colon) would break the header: leave it out.
      if (!dropping && line.find(':') == std::string_view::npos) dropping = true;
    } else if (out.empty() && !dropping) {
      continue;  // a continuation with nothing to continue
    }
    if (dropping) continue;
    out += line;
    out += "\r\n";
  }
  return out;
}

namespace {

// Whether a part written as it is (7bit text, an attached message) holds `boundary`.
bool occurs_in_parts(const MimeMessage& m, std::string_view boundary) {
  auto in = [&](std::string_view text) { return text.find(boundary) != std::string_view::npos; };
  if ((m.plain && in(*m.plain)) || (m.html && in(*m.html))) return true;
  for (const auto& a : m.attachments) {
    if (a.is_message && in(a.data)) return true;
  }
  return false;
}

}  // namespace

std::string write_mime_message(const MimeMessage& m) {
  std::string seed = boundary_token(m.boundary_seed);
  // "=_" cannot occur in base64 (RFC 2045 section 6.7 makes it impossible in quoted-
  // printable too; our parts are never QP), but a hostile text body or attached message
  // can hold it on purpose. A boundary must not occur in what it encloses (RFC 2046
  // section 5.1.1), so it grows until it does not; deterministically, so that a re-run
  // writes the same bytes and the server check still finds the copy.
  std::string mixed = "=_mailassist_mixed_" + seed;
  std::string alternative = "=_mailassist_alt_" + seed;
  while (occurs_in_parts(m, mixed) || occurs_in_parts(m, alternative)) {
    mixed += "_x";
    alternative += "_x";
  }
  std::string out = m.header_block;
  out += "MIME-Version: 1.0\r\n";
  if (m.attachments.empty()) {
    append_body(out, m, alternative);
    return out;
  }
  out += "Content-Type: multipart/mixed;\r\n boundary=\"" + mixed + "\"\r\n\r\n";
  out += "--" + mixed + "\r\n";
  append_body(out, m, alternative);
  for (const auto& a : m.attachments) {
    out += "--" + mixed + "\r\n";
    append_attachment(out, a);
  }
  out += "--" + mixed + "--\r\n";
  return out;
}

}  // namespace mailassist::migrate
