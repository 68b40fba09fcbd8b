#include "migrate/stores/pst_recipient_table.hpp"

#include "core/ascii.hpp"
#include "migrate/stores/pst_raw_properties.hpp"

namespace mailassist::migrate {
namespace {

constexpr std::uint32_t kTagRecipientType = 0x0C150003;  // PT_LONG
constexpr std::uint32_t kTagDisplayName = 0x3001001F;    // PT_UNICODE
constexpr std::uint32_t kTagAddressType = 0x3002001F;
constexpr std::uint32_t kTagEmailAddress = 0x3003001F;
constexpr std::uint32_t kTagSmtpAddress = 0x39FE001F;
constexpr std::size_t kMaxRows = 4096;

std::uint64_t le(std::string_view b, std::size_t at, std::size_t n) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < n; ++i)
    v |= static_cast<std::uint64_t>(static_cast<unsigned char>(b[at + i])) << (8 * i);
  return v;
}

bool fits(std::string_view b, std::size_t at, std::size_t n) {
  return at <= b.size() && b.size() - at >= n;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// UTF-16LE without terminator; a lone surrogate becomes U+FFFD.
std::string utf8_of_utf16le(std::string_view bytes) {
  std::string out;
  for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
    auto unit = static_cast<std::uint32_t>(le(bytes, i, 2));
    if (unit >= 0xD800 && unit < 0xDC00 && i + 3 < bytes.size()) {
      auto low = static_cast<std::uint32_t>(le(bytes, i + 2, 2));
      if (low >= 0xDC00 && low < 0xE000) {
        append_utf8(out, 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00));
        i += 2;
        continue;
      }
    }
    append_utf8(out, (unit >= 0xD800 && unit < 0xE000) ? 0xFFFD : unit);
  }
  return out;
}

struct Column {
  std::uint32_t tag = 0;
  std::size_t offset = 0;
  std::size_t size = 0;
  std::size_t bit = 0;
};

}  // namespace

std::optional<std::uint64_t> subnode_data_block(std::string_view slblock, std::uint64_t nid) {
  // SLBLOCK: btype 0x02, cLevel 0, cEnt, dwPadding, then SLENTRY (nid, bidData, bidSub).
  if (!fits(slblock, 0, 8) || slblock[0] != 0x02 || slblock[1] != 0x00) return std::nullopt;
  std::size_t count = le(slblock, 2, 2);
  for (std::size_t i = 0; i < count && fits(slblock, 8 + i * 24, 24); ++i)
    if ((le(slblock, 8 + i * 24, 8) & 0xFFFFFFFF) == nid) return le(slblock, 16 + i * 24, 8);
  return std::nullopt;
}

std::vector<PstRecipient> read_recipient_table(std::string_view block) {
  std::vector<PstRecipient> out;
  // HNHDR with bClientSig 0x7C (a Table Context), then TCINFO at hidUserRoot.
  if (!fits(block, 0, 8) || static_cast<unsigned char>(block[2]) != 0xEC || block[3] != 0x7C)
    return out;
  auto info = pst_heap_item(block, static_cast<std::uint32_t>(le(block, 4, 4)));
  if (!info || info->size() < 22 || (*info)[0] != 0x7C) return out;
  std::size_t columns = static_cast<unsigned char>((*info)[1]);
  std::size_t bitmap_at = le(*info, 6, 2);  // TCI_1b: the cell existence bitmap follows
  std::size_t row_size = le(*info, 8, 2);   // TCI_bm
  auto rows_hnid = static_cast<std::uint32_t>(le(*info, 14, 4));
  if (row_size == 0 || bitmap_at > row_size || info->size() < 22 + columns * 8) return out;
  std::vector<Column> wanted;
  for (std::size_t c = 0; c < columns; ++c) {
    Column col{static_cast<std::uint32_t>(le(*info, 22 + c * 8, 4)), le(*info, 26 + c * 8, 2),
               static_cast<unsigned char>((*info)[28 + c * 8]),
               static_cast<unsigned char>((*info)[29 + c * 8])};
    bool known = col.tag == kTagRecipientType || col.tag == kTagDisplayName ||
                 col.tag == kTagAddressType || col.tag == kTagEmailAddress ||
                 col.tag == kTagSmtpAddress;
    if (known && col.size == 4 && col.offset + 4 <= bitmap_at && bitmap_at + col.bit / 8 < row_size)
      wanted.push_back(col);
  }
  if (rows_hnid == 0 || (rows_hnid & 0x1F) != 0) return out;  // none, or in a subnode
  auto rows = pst_heap_item(block, rows_hnid);
  if (!rows) return out;
  for (std::size_t r = 0; r < rows->size() / row_size && r < kMaxRows; ++r) {
    std::string_view row = rows->substr(r * row_size, row_size);
    PstRecipient recipient;
    std::string address_type, email, smtp;
    for (const auto& col : wanted) {
      if (!(static_cast<unsigned char>(row[bitmap_at + col.bit / 8]) & (0x80 >> (col.bit % 8))))
        continue;  // the cell does not exist in this row
      auto value = static_cast<std::uint32_t>(le(row, col.offset, 4));
      if (col.tag == kTagRecipientType) {
        recipient.type = static_cast<int>(value & 0xFF);
        continue;
      }
      auto text = pst_heap_item(block, value);
      if (!text) continue;
      std::string utf8 = utf8_of_utf16le(*text);
      if (col.tag == kTagDisplayName) recipient.name = std::move(utf8);
      if (col.tag == kTagAddressType) address_type = std::move(utf8);
      if (col.tag == kTagEmailAddress) email = std::move(utf8);
      if (col.tag == kTagSmtpAddress) smtp = std::move(utf8);
    }
    recipient.address = !smtp.empty() ? smtp : iequals(address_type, "SMTP") ? email : "";
    out.push_back(std::move(recipient));
  }
  return out;
}

}  // namespace mailassist::migrate
