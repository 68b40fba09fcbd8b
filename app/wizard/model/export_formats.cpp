#include "app/wizard/model/export_formats.hpp"

#include <cctype>
#include <fstream>

#include "exporters/autodiscover_writer.hpp"
#include "exporters/client_config_writer.hpp"
#include "exporters/mobileconfig.hpp"
#include "exporters/outlook_prf.hpp"
#include "exporters/qr_code.hpp"
#include "exporters/qr_png.hpp"
#include "exporters/setup_sheet.hpp"
#include "exporters/thunderbird_qr_payload.hpp"

namespace mailassist::wizard {

namespace {

// The address made safe as part of a file name: only letters, digits, '.', '-', '_', '@'.
std::string file_stem(const std::string& email) {
  std::string out;
  for (char ch : email) {
    auto c = static_cast<unsigned char>(ch);
    out += (std::isalnum(c) || ch == '.' || ch == '-' || ch == '_' || ch == '@') ? ch : '_';
  }
  return out.empty() ? "account" : out;
}

Result<exporters::ExportedText> write(ExportFormat format, const ExportRequest& request) {
  using namespace exporters;
  switch (format) {
    case ExportFormat::thunderbird:
      return ExportedText{write_client_config(request.config, autoconfig::domain_of(request.email)),
                          {}};
    case ExportFormat::outlook_prf: return write_outlook_prf(request.config, request.email);
    case ExportFormat::apple_profile: {
      MobileconfigOptions options;
      options.email = request.email;
      return write_mobileconfig(request.config, options);
    }
    case ExportFormat::autodiscover: return write_autodiscover(request.config, request.email);
    case ExportFormat::phone_qr: {
      QrPayloadOptions options;
      options.email = request.email;
      options.sender_name = request.display_name;
      auto payload = write_thunderbird_qr_payload(request.config, options);
      if (!payload) return std::move(payload).error();
      auto code = encode_qr(*payload);
      if (!code) return std::move(code).error();
      auto png = qr_png(*code);
      if (!png) return std::move(png).error();
      return ExportedText{std::move(*png), {}};
    }
    case ExportFormat::setup_sheet: {
      SetupSheetOptions options;
      options.email = request.email;
      options.language = request.indonesian ? SheetLanguage::id : SheetLanguage::en;
      return write_setup_sheet(request.config, options);
    }
  }
  return make_error(ErrorKind::internal, "unknown export format");
}

}  // namespace

std::string export_file_name(ExportFormat format, const std::string& email) {
  auto stem = file_stem(email);
  switch (format) {
    case ExportFormat::thunderbird: return stem + "-config-v1.1.xml";    // thunderbird
    case ExportFormat::outlook_prf: return stem + ".prf";                // outlook-prf
    case ExportFormat::apple_profile: return stem + ".mobileconfig";     // mobileconfig
    case ExportFormat::autodiscover: return stem + "-autodiscover.xml";  // autodiscover
    case ExportFormat::phone_qr: return stem + "-qr.png";                // qr
    case ExportFormat::setup_sheet: return stem + "-setup-sheet.html";   // setup-sheet
  }
  return stem;
}

Result<SavedExport> save_export(ExportFormat format, const ExportRequest& request,
                                const std::filesystem::path& directory) {
  auto text = write(format, request);
  if (!text) return std::move(text).error();
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  if (error)
    return make_error(ErrorKind::io_error,
                      "cannot create " + directory.string() + ": " + error.message());
  auto path = directory / export_file_name(format, request.email);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text->text.data(), static_cast<std::streamsize>(text->text.size()));
  out.close();
  if (!out) return make_error(ErrorKind::io_error, "cannot write " + path.string());
  return SavedExport{format, path, std::move(text->warnings)};
}

}  // namespace mailassist::wizard
