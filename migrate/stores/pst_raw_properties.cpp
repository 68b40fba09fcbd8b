#include "migrate/stores/pst_raw_properties.hpp"

namespace mailassist::migrate {
namespace {

std::optional<std::uint32_t> u16(std::string_view b, std::size_t at) {
  if (at > b.size() || b.size() - at < 2) return std::nullopt;
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8;
}

std::optional<std::uint32_t> u32(std::string_view b, std::size_t at) {
  auto lo = u16(b, at);
  auto hi = u16(b, at + 2);
  if (!lo || !hi) return std::nullopt;
  return *lo | *hi << 16;
}

}  // namespace

std::optional<std::string_view> pst_heap_item(std::string_view block, std::uint32_t hid) {
  if ((hid & 0x1F) != 0 || (hid >> 16) != 0) return std::nullopt;
  std::uint32_t index = (hid >> 5) & 0x7FF;
  auto page_map = u16(block, 0);
  if (!page_map || index == 0) return std::nullopt;
  auto count = u16(block, *page_map);
  if (!count || index > *count) return std::nullopt;
  auto from = u16(block, *page_map + 4 + (index - 1) * 2);
  auto to = u16(block, *page_map + 4 + index * 2);
  if (!from || !to || *from > *to || *to > block.size()) return std::nullopt;
  return block.substr(*from, *to - *from);
}

std::optional<std::uint32_t> pc_inline_property(std::string_view block, std::uint16_t id) {
  // HNHDR: ibHnpm(2) bSig(1)=0xEC bClientSig(1)=0xBC hidUserRoot(4).
  if (block.size() < 8 || static_cast<unsigned char>(block[2]) != 0xEC ||
      static_cast<unsigned char>(block[3]) != 0xBC)
    return std::nullopt;
  auto root = u32(block, 4);
  if (!root) return std::nullopt;
  auto header = pst_heap_item(block, *root);
  // BTHHEADER: bType 0xB5, cbKey 2, cbEnt 6, bIdxLevels 0 (one leaf), hidRoot.
  if (!header || header->size() < 8 || static_cast<unsigned char>((*header)[0]) != 0xB5 ||
      (*header)[1] != 2 || (*header)[2] != 6 || (*header)[3] != 0)
    return std::nullopt;
  auto records_hid = u32(*header, 4);
  if (!records_hid || *records_hid == 0) return std::nullopt;
  auto records = pst_heap_item(block, *records_hid);
  if (!records) return std::nullopt;
  for (std::size_t at = 0; at + 8 <= records->size(); at += 8) {
    if (u16(*records, at) != id) continue;
    auto type = u16(*records, at + 2);
    if (type != 0x0003 && type != 0x000B) return std::nullopt;
    auto value = u32(*records, at + 4);
    if (value && *type == 0x000B) return *value & 0xFF;  // a boolean is one byte
    return value;
  }
  return std::nullopt;
}

}  // namespace mailassist::migrate
