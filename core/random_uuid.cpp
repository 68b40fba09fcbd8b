#include "core/random_uuid.hpp"

#include <array>
#include <cstdint>
#include <random>

namespace mailassist {

std::string random_uuid() {
  // std::random_device reads the operating system's generator (getrandom on Linux,
  // BCryptGenRandom / rand_s on Windows), so two runs never repeat a sequence. It is
  // created per call: UUIDs are made a few at a time, never in a loop that matters.
  std::random_device device;
  std::array<std::uint8_t, 16> bytes{};
  for (std::size_t i = 0; i < bytes.size(); i += 4) {
    auto word = static_cast<std::uint32_t>(device());
    for (std::size_t j = 0; j < 4; ++j) bytes[i + j] = static_cast<std::uint8_t>(word >> (8 * j));
  }
  bytes[6] = static_cast<std::uint8_t>((bytes[6] & 0x0F) | 0x40);  // version 4
  bytes[8] = static_cast<std::uint8_t>((bytes[8] & 0x3F) | 0x80);  // variant 10xx

  constexpr char kHex[] = "0123456789ABCDEF";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += kHex[bytes[i] >> 4];
    text += kHex[bytes[i] & 0x0F];
  }
  return text;
}

}  // namespace mailassist
