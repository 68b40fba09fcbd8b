#pragma once
// A QR code as a PNG image, written by libpng (Debian libpng-dev): a 1-bit greyscale image,
// so the file is small and every pixel is exactly black or white for the scanner.
#include <string>

#include "core/result.hpp"
#include "exporters/qr_code.hpp"

namespace mailassist::exporters {

// The PNG file's bytes; each module is `module_pixels` square, the quiet zone included.
// io_error if libpng reports a failure.
Result<std::string> qr_png(const QrCode& code, int module_pixels = 8);

}  // namespace mailassist::exporters
