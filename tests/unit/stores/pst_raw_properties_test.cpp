#include "migrate/stores/pst_raw_properties.hpp"

#include <gtest/gtest.h>

#include <string>

namespace mailassist::migrate {
namespace {

// A Property Context block laid out by hand ([MS-PST] 2.3.1, 2.3.3): HNHDR, the BTH
// header (hid 0x20), the records (hid 0x40), then the page map.
std::string pc_block(const std::string& records) {
  std::string b;
  auto u16 = [&](unsigned v) {
    b += static_cast<char>(v & 0xFF);
    b += static_cast<char>(v >> 8);
  };
  auto u32 = [&](unsigned v) {
    u16(v & 0xFFFF);
    u16(v >> 16);
  };
  std::size_t header_at = 12;
  std::size_t records_at = header_at + 8;
  std::size_t end = records_at + records.size();
  u16(static_cast<unsigned>(end));  // ibHnpm
  b += '\xEC';
  b += '\xBC';
  u32(0x20);  // hidUserRoot
  u32(0);     // rgbFillLevel
  b += std::string("\xB5\x02\x06\x00", 4);
  u32(0x40);
  b += records;
  u16(2);  // cAlloc
  u16(0);  // cFree
  u16(static_cast<unsigned>(header_at));
  u16(static_cast<unsigned>(records_at));
  u16(static_cast<unsigned>(end));
  return b;
}

std::string record(unsigned id, unsigned type, unsigned value) {
  std::string r;
  for (unsigned v : {id, type}) {
    r += static_cast<char>(v & 0xFF);
    r += static_cast<char>(v >> 8);
  }
  for (int i = 0; i < 4; ++i) r += static_cast<char>((value >> (8 * i)) & 0xFF);
  return r;
}

TEST(PstRawProperties, FindsLongAndBooleanValuesInTheRecords) {
  std::string block = pc_block(record(0x0E07, 0x0003, 1) + record(0x1081, 0x0003, 104) +
                               record(0x1090, 0x0003, 2) + record(0x360A, 0x000B, 0x0101));
  EXPECT_EQ(pc_inline_property(block, kPidTagLastVerbExecuted), 104u);
  EXPECT_EQ(pc_inline_property(block, kPidTagFlagStatus), 2u);
  EXPECT_EQ(pc_inline_property(block, 0x360A), 1u);  // a boolean is its first byte
  EXPECT_EQ(pc_inline_property(block, 0x0037), std::nullopt);
}

TEST(PstRawProperties, OtherTypesAndBadBlocksGiveNothing) {
  std::string block = pc_block(record(0x1090, 0x001F, 0x60));
  EXPECT_EQ(pc_inline_property(block, kPidTagFlagStatus), std::nullopt);
  EXPECT_EQ(pc_inline_property("", kPidTagFlagStatus), std::nullopt);
  std::string good = pc_block(record(0x1090, 0x0003, 2));
  // Every truncation, and every single byte changed, is read safely.
  for (std::size_t n = 0; n < good.size(); ++n) {
    EXPECT_EQ(pc_inline_property(good.substr(0, n), kPidTagFlagStatus), std::nullopt) << n;
    for (int v : {0x00, 0x7F, 0xFF}) {
      std::string bad = good;
      bad[n] = static_cast<char>(v);
      (void)pc_inline_property(bad, kPidTagFlagStatus);
    }
  }
  std::string wrong_sig = good;
  wrong_sig[3] = '\x7C';  // a Table Context, not a Property Context
  EXPECT_EQ(pc_inline_property(wrong_sig, kPidTagFlagStatus), std::nullopt);
}

}  // namespace
}  // namespace mailassist::migrate
