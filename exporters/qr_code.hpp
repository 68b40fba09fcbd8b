#pragma once
// A QR code symbol (ISO/IEC 18004) made by libqrencode, and the two text renderings of it:
// SVG (for files and the setup sheet) and UTF-8 half blocks (for a terminal). The PNG
// rendering is in qr_png.hpp.
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::exporters {

class QrCode {
 public:
  QrCode(int width, std::vector<bool> dark) : width_(width), dark_(std::move(dark)) {}

  int width() const { return width_; }  // modules per side, without the quiet zone
  // Outside the symbol is the quiet zone: light.
  bool dark(int x, int y) const {
    return x >= 0 && y >= 0 && x < width_ && y < width_ &&
           dark_[static_cast<std::size_t>(y) * static_cast<std::size_t>(width_) +
                 static_cast<std::size_t>(x)];
  }

 private:
  int width_;
  std::vector<bool> dark_;
};

// The light margin around the symbol, in modules: ISO/IEC 18004 asks for 4, and scanners
// that find no margin do not find the symbol.
constexpr int kQuietZone = 4;

// `data` in 8-bit byte mode, error correction level M (15% of the symbol may be lost: a
// sheet printed a little smudged still scans), the smallest version that holds it.
// invalid_input when it does not fit in the largest symbol (version 40).
Result<QrCode> encode_qr(std::string_view data);

// A standalone SVG document, one path of unit squares, `module_size` user units each.
std::string qr_svg(const QrCode& code, int module_size = 8);

// Two rows of modules per line with U+2580/U+2584/U+2588 half and full blocks, black on
// white set by ANSI colours so that it scans on dark and light terminal themes alike.
std::string qr_terminal(const QrCode& code);

}  // namespace mailassist::exporters
