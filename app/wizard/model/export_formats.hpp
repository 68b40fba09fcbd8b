#pragma once
// The Finish page's "save settings for..." list: every format the exporters write, with
// the file name it is saved under. Writing is a library call; the page only picks formats
// and a folder.
#include <filesystem>
#include <string>
#include <vector>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"

namespace mailassist::wizard {

enum class ExportFormat {
  thunderbird,
  outlook_prf,
  apple_profile,
  autodiscover,
  phone_qr,
  setup_sheet
};

inline constexpr ExportFormat kExportFormats[] = {
    ExportFormat::thunderbird,  ExportFormat::outlook_prf, ExportFormat::apple_profile,
    ExportFormat::autodiscover, ExportFormat::phone_qr,    ExportFormat::setup_sheet};

// "config-v1.1.xml", "outlook.prf", ... (the CLI's `export` FORMAT names in the comments).
std::string export_file_name(ExportFormat format, const std::string& email);

struct ExportRequest {
  autoconfig::AccountConfig config;
  std::string email;
  std::string display_name;
  bool indonesian = false;  // the setup sheet's language follows the wizard's
};

struct SavedExport {
  ExportFormat format;
  std::filesystem::path path;
  std::vector<std::string> warnings;
};

// Writes one format into `directory` (created if missing). The files hold no password.
Result<SavedExport> save_export(ExportFormat format, const ExportRequest& request,
                                const std::filesystem::path& directory);

}  // namespace mailassist::wizard
