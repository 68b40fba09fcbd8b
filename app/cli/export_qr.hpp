#pragma once
// `mailassist export qr`: the Thunderbird for Android settings QR code, as PNG or SVG by
// the extension of -o, as half blocks when standard output is a terminal, else as SVG.
#include <optional>
#include <string>

#include "autoconfig/account_config.hpp"

namespace mailassist::cli {

struct QrExport {
  std::string email;
  std::string output;  // empty or "-": standard output
  std::optional<std::string> password;
};

// The exit code; messages are printed on stderr.
int export_qr(const autoconfig::AccountConfig& settings, const QrExport& request);

}  // namespace mailassist::cli
