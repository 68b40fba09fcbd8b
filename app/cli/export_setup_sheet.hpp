#pragma once
// `mailassist export setup-sheet`: the printable HTML page, or a PDF of it when -o ends in
// .pdf and a converter is installed.
#include <string>

#include "autoconfig/account_config.hpp"

namespace mailassist::cli {

struct SetupSheetExport {
  std::string email;
  std::string output;    // empty or "-": standard output
  std::string language;  // "en", "id"; empty: from LC_ALL, LC_MESSAGES, LANG
  double timeout_seconds = 60;
};

// The exit code; messages are printed on stderr.
int export_setup_sheet(const autoconfig::AccountConfig& settings, const SetupSheetExport& request);

}  // namespace mailassist::cli
