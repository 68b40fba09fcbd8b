#include "app/cli/pdf_printer.hpp"

#include <array>
#include <fstream>
#include <optional>
#include <random>

#include "app/cli/platform/program.hpp"

namespace mailassist::cli {

namespace {

// Chromium first: it lays out the page exactly as the browser the person will look at it
// in; wkhtmltopdf's older WebKit ignores some of the CSS (grid) but still prints a usable
// page.
constexpr std::array kChromiums{"chromium", "chromium-browser", "google-chrome"};

std::vector<std::string> chromium_command(const std::filesystem::path& program,
                                          const std::filesystem::path& html,
                                          const std::filesystem::path& pdf) {
  std::vector<std::string> argv{program.string(), "--headless", "--disable-gpu",
                                "--no-pdf-header-footer", "--print-to-pdf=" + pdf.string()};
  // Chromium refuses to start as root with its sandbox on. The page is our own, escaped,
  // without scripts or links to fetch.
  if (platform::running_as_root()) argv.push_back("--no-sandbox");
  argv.push_back("file://" + html.string());
  return argv;
}

// A new directory of our own for the page: creating it fails when the name exists (also as
// a planted symbolic link), so the page is never written through someone else's path.
Result<std::filesystem::path> private_directory() {
  std::random_device random;
  std::error_code error;
  auto base = std::filesystem::temp_directory_path(error);
  if (error) return make_error(ErrorKind::io_error, "no temporary directory: " + error.message());
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto dir = base / ("mailassist-sheet-" + std::to_string(random()) + std::to_string(random()));
    if (std::filesystem::create_directory(dir, error)) {
      std::filesystem::permissions(dir, std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::replace, error);
      return dir;
    }
  }
  return make_error(ErrorKind::io_error, "cannot make a temporary directory in " + base.string());
}

bool looks_like_pdf(const std::filesystem::path& pdf) {
  std::ifstream in(pdf, std::ios::binary);
  char magic[5] = {};
  in.read(magic, 5);
  return in && std::string(magic, 5) == "%PDF-";
}

}  // namespace

Result<void> print_html_to_pdf(const std::string& html, const std::filesystem::path& pdf,
                               double timeout_seconds) {
  std::optional<std::filesystem::path> chromium;
  for (const char* name : kChromiums) {
    if ((chromium = platform::find_program(name))) break;
  }
  auto wkhtmltopdf = chromium ? std::nullopt : platform::find_program("wkhtmltopdf");
  if (!chromium && !wkhtmltopdf)
    return make_error(ErrorKind::invalid_input,
                      "no HTML to PDF converter is installed (looked for chromium, "
                      "chromium-browser, google-chrome and wkhtmltopdf); write the sheet as "
                      ".html and print it from a browser");

  auto dir = private_directory();
  if (!dir) return std::move(dir).error();
  const auto page = *dir / "sheet.html";
  const auto target = std::filesystem::absolute(pdf);
  const std::vector<std::string> command =
      chromium
          ? chromium_command(*chromium, page, target)
          : std::vector<std::string>{wkhtmltopdf->string(), "--quiet",      "--page-size", "A4",
                                     page.string(),         target.string()};
  std::error_code ignored;
  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out) {
      std::filesystem::remove_all(*dir, ignored);
      return make_error(ErrorKind::io_error, "cannot write " + page.string());
    }
  }
  std::filesystem::remove(target, ignored);
  auto status = platform::run_program(command, timeout_seconds);
  std::filesystem::remove_all(*dir, ignored);
  if (!status || *status != 0 || !looks_like_pdf(target))
    return make_error(
        ErrorKind::io_error,
        command.front() + " did not print " + target.string() +
            (status ? " (exit status " + std::to_string(*status) + ")" : " (it did not finish)"));
  return {};
}

}  // namespace mailassist::cli
