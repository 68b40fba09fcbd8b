#include "app/cli/export_setup_sheet.hpp"

#include <cstdlib>
#include <iostream>

#include "app/cli/export_output.hpp"
#include "app/cli/global_options.hpp"
#include "app/cli/pdf_printer.hpp"
#include "exporters/setup_sheet.hpp"

namespace mailassist::cli {

int export_setup_sheet(const autoconfig::AccountConfig& settings, const SetupSheetExport& request) {
  exporters::SheetLanguage language = exporters::sheet_language_from_locale(
      std::getenv("LC_ALL"), std::getenv("LC_MESSAGES"), std::getenv("LANG"));
  if (!request.language.empty()) {
    auto chosen = exporters::parse_sheet_language(request.language);
    if (!chosen)
      return export_failure(kExitUsage,
                            "--lang " + request.language + ": the sheet is in en or id");
    language = *chosen;
  }
  const bool to_stdout = writes_to_stdout(request.output);
  const std::string extension = to_stdout ? "" : output_extension(request.output);
  if (!to_stdout && extension != ".html" && extension != ".htm" && extension != ".pdf")
    return export_failure(kExitUsage,
                          "-o " + request.output + ": the setup sheet is written as .html or .pdf");

  auto sheet = exporters::write_setup_sheet(settings, {request.email, language});
  if (!sheet) return export_failure(kExitFailed, sheet.error().message);
  for (const auto& warning : sheet->warnings) std::cerr << "warning: " << warning << '\n';

  if (extension == ".pdf") {
    auto printed = print_html_to_pdf(sheet->text, request.output, request.timeout_seconds);
    if (!printed) return export_failure(kExitFailed, printed.error().message);
    return kExitOk;
  }
  return write_export(request.output, sheet->text) ? kExitOk : kExitFailed;
}

}  // namespace mailassist::cli
