#pragma once
// Prints an HTML page to an A4 PDF with a converter that is already installed: headless
// Chromium (--print-to-pdf) or wkhtmltopdf. MailAssist does not lay out PDF itself.
#include <filesystem>
#include <string>

#include "core/result.hpp"

namespace mailassist::cli {

// invalid_input naming the converters looked for when none is installed; io_error when the
// converter failed or made no PDF.
Result<void> print_html_to_pdf(const std::string& html, const std::filesystem::path& pdf,
                               double timeout_seconds);

}  // namespace mailassist::cli
