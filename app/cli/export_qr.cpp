#include "app/cli/export_qr.hpp"

#include "app/cli/export_output.hpp"
#include "app/cli/global_options.hpp"
#include "app/cli/platform/terminal.hpp"
#include "exporters/qr_code.hpp"
#include "exporters/qr_png.hpp"
#include "exporters/thunderbird_qr_payload.hpp"

namespace mailassist::cli {

int export_qr(const autoconfig::AccountConfig& settings, const QrExport& request) {
  const bool to_stdout = writes_to_stdout(request.output);
  const std::string extension = to_stdout ? "" : output_extension(request.output);
  if (!to_stdout && extension != ".png" && extension != ".svg")
    return export_failure(kExitUsage,
                          "-o " + request.output + ": the QR code is written as .png or .svg");

  auto payload =
      exporters::write_thunderbird_qr_payload(settings, {request.email, "", request.password});
  if (!payload) return export_failure(kExitFailed, payload.error().message);
  auto code = exporters::encode_qr(*payload);
  if (!code) return export_failure(kExitFailed, code.error().message);

  std::string bytes;
  if (extension == ".png") {
    auto png = exporters::qr_png(*code);
    if (!png) return export_failure(kExitFailed, png.error().message);
    bytes = std::move(*png);
  } else if (to_stdout && platform::stdout_is_terminal()) {
    bytes = exporters::qr_terminal(*code) +
            "Scan with Thunderbird for Android: Add account > Import settings > Scan QR code.\n";
  } else {
    bytes = exporters::qr_svg(*code);
  }
  if (request.password)
    export_failure(kExitOk,
                   "warning: the QR code holds the password; anyone who sees it can read it");
  return write_export(request.output, bytes, request.password.has_value()) ? kExitOk : kExitFailed;
}

}  // namespace mailassist::cli
