#include "exporters/qr_code.hpp"

#include <memory>
#include <sstream>

#include <qrencode.h>

namespace mailassist::exporters {

Result<QrCode> encode_qr(std::string_view data) {
  // Version 0: "the smallest that holds the data". QRcode_encodeData takes the length, so
  // the data may hold any byte.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(data.size()),
                        reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M),
      &QRcode_free);
  if (!code)
    return make_error(ErrorKind::invalid_input,
                      "the QR code cannot hold " + std::to_string(data.size()) +
                          " bytes (at most 2331 with this error correction)");
  const int width = code->width;
  std::vector<bool> dark(static_cast<std::size_t>(width) * static_cast<std::size_t>(width));
  // libqrencode: one byte per module, bit 0 set = dark; the other bits say what the
  // module is part of.
  for (std::size_t i = 0; i < dark.size(); ++i) dark[i] = (code->data[i] & 1) != 0;
  return QrCode(width, std::move(dark));
}

std::string qr_svg(const QrCode& code, int module_size) {
  const int side = code.width() + 2 * kQuietZone;
  std::ostringstream out;
  // The viewBox is in modules, so the path stays small; width/height scale it.
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << side * module_size
      << "\" height=\"" << side * module_size << "\" viewBox=\"0 0 " << side << ' ' << side
      << "\" shape-rendering=\"crispEdges\">"
      << "<rect width=\"" << side << "\" height=\"" << side << "\" fill=\"#fff\"/>"
      << "<path fill=\"#000\" d=\"";
  for (int y = 0; y < code.width(); ++y) {
    for (int x = 0; x < code.width(); ++x) {
      if (!code.dark(x, y)) continue;
      // A run of dark modules is one rectangle: fewer bytes than one square each.
      int run = 1;
      while (code.dark(x + run, y)) ++run;
      out << 'M' << x + kQuietZone << ' ' << y + kQuietZone << 'h' << run << "v1h-" << run << 'z';
      x += run - 1;
    }
  }
  out << "\"/></svg>\n";
  return out.str();
}

std::string qr_terminal(const QrCode& code) {
  // A narrower margin than kQuietZone is enough on a screen, where nothing is printed
  // next to the code; 2 keeps the terminal rendering small.
  constexpr int kMargin = 2;
  const int from = -kMargin;
  const int to = code.width() + kMargin;
  std::string out;
  for (int y = from; y < to; y += 2) {
    out += "\x1b[30;107m";  // black on bright white
    for (int x = from; x < to; ++x) {
      bool top = code.dark(x, y);
      bool bottom = y + 1 < to && code.dark(x, y + 1);
      if (top && bottom) {
        out += "\u2588";
      } else if (top) {
        out += "\u2580";
      } else if (bottom) {
        out += "\u2584";
      } else {
        out += ' ';
      }
    }
    out += "\x1b[0m\n";
  }
  return out;
}

}  // namespace mailassist::exporters
