// The QR symbol and its renderings: each rendering is read back into modules and compared
// with the symbol libqrencode made (zbarimg decodes the files in the integration suite).
#include "exporters/qr_code.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <regex>

#include "exporters/qr_png.hpp"

namespace mailassist::exporters {
namespace {

const std::string kPayload =
    R"([1,[1,1],[0,"imap.example.test",993,3,1,"alice@example.test"],)"
    R"([[[0,"smtp.example.test",465,3,1,"alice@example.test"],["alice@example.test",""]]]])";

QrCode encoded(const std::string& data = kPayload) {
  auto code = encode_qr(data);
  EXPECT_TRUE(code) << code.error().message;
  return code ? *code : QrCode(0, {});
}

TEST(QrCode, IsTheSmallestSymbolThatHoldsThePayload) {
  auto code = encoded();
  // 145 bytes in byte mode at level M need version 8 (49 x 49 modules, up to 152 bytes);
  // version 7 holds 122 (ISO/IEC 18004 table 7).
  ASSERT_EQ(kPayload.size(), 145u);
  EXPECT_EQ(code.width(), 49);
  // Finder pattern in the top-left corner: a dark 7x7 ring around a light ring.
  EXPECT_TRUE(code.dark(0, 0));
  EXPECT_TRUE(code.dark(6, 6));
  EXPECT_FALSE(code.dark(1, 1));
  EXPECT_TRUE(code.dark(3, 3));
  EXPECT_FALSE(code.dark(-1, 0));  // the quiet zone
  EXPECT_FALSE(code.dark(code.width(), 0));
}

TEST(QrCode, TooMuchDataIsAnError) {
  auto code = encode_qr(std::string(3000, 'x'));
  ASSERT_FALSE(code);
  EXPECT_EQ(code.error().kind, ErrorKind::invalid_input);
}

TEST(QrCode, TerminalRenderingHasEveryModule) {
  auto code = encoded();
  std::string text = qr_terminal(code);
  // Read the half blocks back: each line holds two rows, from a margin of 2 modules.
  constexpr int kMargin = 2;
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  const int side = code.width() + 2 * kMargin;
  ASSERT_EQ(static_cast<int>(lines.size()), (side + 1) / 2);
  for (int line = 0; line < static_cast<int>(lines.size()); ++line) {
    std::string row = lines[static_cast<std::size_t>(line)];
    const std::string begin = "\x1b[30;107m", end = "\x1b[0m";
    ASSERT_EQ(row.rfind(begin, 0), 0u);
    ASSERT_EQ(row.substr(row.size() - end.size()), end);
    row = row.substr(begin.size(), row.size() - begin.size() - end.size());
    int x = -kMargin;
    for (std::size_t i = 0; i < row.size(); ++x) {
      bool top = false, bottom = false;
      if (row[i] == ' ') {
        i += 1;
      } else {
        std::string glyph = row.substr(i, 3);
        top = glyph == "\u2588" || glyph == "\u2580";
        bottom = glyph == "\u2588" || glyph == "\u2584";
        ASSERT_TRUE(top || bottom) << "line " << line;
        i += 3;
      }
      int y = 2 * line - kMargin;
      EXPECT_EQ(top, code.dark(x, y)) << x << "," << y;
      EXPECT_EQ(bottom, code.dark(x, y + 1)) << x << "," << y + 1;
    }
    EXPECT_EQ(x, code.width() + kMargin);
  }
}

TEST(QrCode, SvgPathCoversExactlyTheDarkModules) {
  auto code = encoded();
  std::string svg = qr_svg(code, 8);
  const int side = code.width() + 2 * kQuietZone;
  EXPECT_NE(svg.find("viewBox=\"0 0 " + std::to_string(side) + " " + std::to_string(side)),
            std::string::npos);
  std::vector<bool> painted(static_cast<std::size_t>(side * side));
  std::regex run(R"(M(\d+) (\d+)h(\d+)v1h-(\d+)z)");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator();
       ++it) {
    int x = std::stoi((*it)[1]), y = std::stoi((*it)[2]), n = std::stoi((*it)[3]);
    EXPECT_EQ(n, std::stoi((*it)[4]));
    for (int i = 0; i < n; ++i) painted[static_cast<std::size_t>(y * side + x + i)] = true;
  }
  for (int y = 0; y < side; ++y)
    for (int x = 0; x < side; ++x)
      EXPECT_EQ(painted[static_cast<std::size_t>(y * side + x)],
                code.dark(x - kQuietZone, y - kQuietZone))
          << x << "," << y;
}

std::uint32_t big_endian(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < 4; ++i)
    value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

TEST(QrCode, PngIsOneBitGreyWithTheQuietZone) {
  auto code = encoded();
  auto png = qr_png(code, 6);
  ASSERT_TRUE(png) << png.error().message;
  ASSERT_GT(png->size(), 33u);
  EXPECT_EQ(png->substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png->substr(12, 4), "IHDR");
  const auto side = static_cast<std::uint32_t>((code.width() + 2 * kQuietZone) * 6);
  EXPECT_EQ(big_endian(*png, 16), side);  // width
  EXPECT_EQ(big_endian(*png, 20), side);  // height
  EXPECT_EQ((*png)[24], 1);               // bit depth
  EXPECT_EQ((*png)[25], 0);               // greyscale
  EXPECT_EQ(png->substr(png->size() - 8, 4), "IEND");
}

}  // namespace
}  // namespace mailassist::exporters
