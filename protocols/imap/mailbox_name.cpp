#include "protocols/imap/mailbox_name.hpp"

#include <cstdint>
#include <optional>

namespace mailassist::imap {

namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

int base64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+') return 62;
  if (c == ',') return 63;
  return -1;
}

bool is_direct(char32_t c) {
  return c >= 0x20 && c <= 0x7e;
}

// One code point from `s` at `i` (advanced past it), or nullopt for invalid UTF-8.
std::optional<char32_t> next_code_point(std::string_view s, std::size_t& i) {
  auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, cp = lead & 0x1Fu, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, cp = lead & 0x0Fu, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, cp = lead & 0x07u, min = 0x10000;
  } else {
    return std::nullopt;
  }
  if (s.size() - i < length) return std::nullopt;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  // Overlong forms, UTF-16 surrogates and values beyond Unicode are not UTF-8 (RFC 3629).
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += length;
  return cp;
}

void append_utf8(std::string& out, char32_t cp) {
  auto put = [&](char32_t v) { out += static_cast<char>(static_cast<unsigned char>(v)); };
  if (cp < 0x80) {
    put(cp);
  } else if (cp < 0x800) {
    put(0xC0 | (cp >> 6));
    put(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    put(0xE0 | (cp >> 12));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  } else {
    put(0xF0 | (cp >> 18));
    put(0x80 | ((cp >> 12) & 0x3F));
    put(0x80 | ((cp >> 6) & 0x3F));
    put(0x80 | (cp & 0x3F));
  }
}

// Modified base64 of UTF-16BE code units, without padding (RFC 3501 section 5.1.3).
void append_shifted(std::string& out, const std::u16string& units) {
  std::uint32_t bits = 0;
  int nbits = 0;
  out += '&';
  for (char16_t u : units) {
    bits = (bits << 16) | u;
    nbits += 16;
    while (nbits >= 6) {
      nbits -= 6;
      out += kAlphabet[(bits >> nbits) & 0x3F];
    }
    bits &= (1u << nbits) - 1;
  }
  if (nbits > 0) out += kAlphabet[(bits << (6 - nbits)) & 0x3F];
  out += '-';
}

Error decode_error(std::size_t at, std::string_view what) {
  return make_error(ErrorKind::protocol_error, "mailbox name is not valid modified UTF-7 at byte " +
                                                   std::to_string(at) + ": " + std::string(what));
}

}  // namespace

bool is_valid_utf8(std::string_view bytes) {
  for (std::size_t i = 0; i < bytes.size();)
    if (!next_code_point(bytes, i)) return false;
  return true;
}

Result<std::string> encode_mailbox_name(std::string_view utf8) {
  std::string out;
  std::u16string pending;  // code units of the current shifted run
  for (std::size_t i = 0; i < utf8.size();) {
    std::size_t at = i;
    auto cp = next_code_point(utf8, i);
    if (!cp) {
      return make_error(ErrorKind::invalid_input,
                        "mailbox name is not valid UTF-8 at byte " + std::to_string(at));
    }
    if (is_direct(*cp)) {
      if (!pending.empty()) {
        append_shifted(out, pending);
        pending.clear();
      }
      out += *cp == '&' ? std::string("&-") : std::string(1, static_cast<char>(*cp));
    } else if (*cp < 0x10000) {
      pending += static_cast<char16_t>(*cp);
    } else {
      char32_t v = *cp - 0x10000;
      pending += static_cast<char16_t>(0xD800 + (v >> 10));
      pending += static_cast<char16_t>(0xDC00 + (v & 0x3FF));
    }
  }
  if (!pending.empty()) append_shifted(out, pending);
  return out;
}

Result<std::string> decode_mailbox_name(std::string_view mutf7) {
  std::string out;
  for (std::size_t i = 0; i < mutf7.size();) {
    char c = mutf7[i];
    if (!is_direct(static_cast<unsigned char>(c)))
      return decode_error(i, "byte outside printable ASCII");
    if (c != '&') {
      out += c;
      ++i;
      continue;
    }
    std::size_t start = i++;
    if (i < mutf7.size() && mutf7[i] == '-') {
      out += '&';
      ++i;
      continue;
    }
    std::uint32_t bits = 0;
    int nbits = 0;
    char16_t high = 0;  // a pending high surrogate
    bool any = false;
    for (;;) {
      if (i == mutf7.size()) return decode_error(start, "'&' without a closing '-'");
      char d = mutf7[i++];
      if (d == '-') break;
      int v = base64_value(d);
      if (v < 0) return decode_error(i - 1, "not a modified base64 character");
      bits = ((bits << 6) | static_cast<std::uint32_t>(v)) & 0x3FFFFF;
      nbits += 6;
      if (nbits < 16) continue;
      nbits -= 16;
      auto unit = static_cast<char16_t>((bits >> nbits) & 0xFFFF);
      any = true;
      if (high != 0) {
        if (unit < 0xDC00 || unit > 0xDFFF) return decode_error(i - 1, "unpaired surrogate");
        append_utf8(out, 0x10000 + ((static_cast<char32_t>(high) - 0xD800) << 10) +
                             (static_cast<char32_t>(unit) - 0xDC00));
        high = 0;
      } else if (unit >= 0xD800 && unit <= 0xDBFF) {
        high = unit;
      } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
        return decode_error(i - 1, "unpaired surrogate");
      } else if (is_direct(unit)) {
        // RFC 3501 5.1.3: printable ASCII must represent itself; an encoded form would let
        // two wire names mean one mailbox.
        return decode_error(i - 1, "printable ASCII inside a shifted sequence");
      } else {
        append_utf8(out, unit);
      }
    }
    // Leftover bits are padding: fewer than 6 of them, all zero.
    if (!any || high != 0 || nbits >= 6 || (bits & ((1u << nbits) - 1)) != 0) {
      return decode_error(start, "incomplete shifted sequence");
    }
  }
  return out;
}

}  // namespace mailassist::imap
