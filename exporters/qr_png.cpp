#include "exporters/qr_png.hpp"

#include <csetjmp>
#include <vector>

#include <png.h>

namespace mailassist::exporters {

namespace {

void append_to_string(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void nothing_to_flush(png_structp) {}

// libpng reports errors by longjmp to the setjmp below. Everything with a destructor is
// made by the caller before this runs, so the jump skips no destructor (the C++ rule for
// longjmp); this function holds only plain pointers and integers.
bool write_png(png_structp png, png_infop info, std::string* out,
               const std::vector<png_bytep>* rows, png_uint_32 side) {
  if (setjmp(png_jmpbuf(png))) return false;
  png_set_write_fn(png, out, append_to_string, nothing_to_flush);
  png_set_IHDR(png, info, side, side, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  png_write_image(png, const_cast<png_bytepp>(rows->data()));
  png_write_end(png, nullptr);
  return true;
}

}  // namespace

Result<std::string> qr_png(const QrCode& code, int module_pixels) {
  const int side = (code.width() + 2 * kQuietZone) * module_pixels;
  const auto row_bytes = static_cast<std::size_t>((side + 7) / 8);
  // 1 bit per pixel, most significant bit first; in greyscale 1 is white, 0 is black.
  std::vector<std::vector<png_byte>> pixels(static_cast<std::size_t>(side),
                                            std::vector<png_byte>(row_bytes, 0xff));
  for (int py = 0; py < side; ++py) {
    auto& row = pixels[static_cast<std::size_t>(py)];
    for (int px = 0; px < side; ++px) {
      if (!code.dark(px / module_pixels - kQuietZone, py / module_pixels - kQuietZone)) continue;
      auto byte = static_cast<std::size_t>(px / 8);
      row[byte] = static_cast<png_byte>(row[byte] & ~(0x80u >> (px % 8)));
    }
  }
  std::vector<png_bytep> rows;
  rows.reserve(pixels.size());
  for (auto& row : pixels) rows.push_back(row.data());

  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  if (!png) return make_error(ErrorKind::io_error, "libpng could not start");
  png_infop info = png_create_info_struct(png);
  std::string out;
  bool written = info && write_png(png, info, &out, &rows, static_cast<png_uint_32>(side));
  png_destroy_write_struct(&png, info ? &info : nullptr);
  if (!written) return make_error(ErrorKind::io_error, "libpng could not write the QR code");
  return out;
}

}  // namespace mailassist::exporters
