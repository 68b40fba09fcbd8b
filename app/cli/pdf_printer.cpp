#include "app/cli/pdf_printer.hpp"

#include <array>
#include <fstream>
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

std::filesystem::path temporary_html() {
  std::random_device random;
  return std::filesystem::temp_directory_path() /
         ("mailassist-sheet-" + std::to_string(random()) + ".html");
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
  std::vector<std::string> command;
  auto page = temporary_html();
  auto target = std::filesystem::absolute(pdf);
  for (const char* name : kChromiums) {
    if (auto program = platform::find_program(name)) {
      command = chromium_command(*program, page, target);
      break;
    }
  }
  if (command.empty()) {
    if (auto program = platform::find_program("wkhtmltopdf"))
      command = {program->string(), "--quiet", "--page-size", "A4", page.string(), target.string()};
  }
  if (command.empty())
    return make_error(ErrorKind::invalid_input,
                      "no HTML to PDF converter is installed (looked for chromium, "
                      "chromium-browser, google-chrome and wkhtmltopdf); write the sheet as "
                      ".html and print it from a browser");

  {
    std::ofstream out(page, std::ios::binary);
    out << html;
    if (!out) return make_error(ErrorKind::io_error, "cannot write " + page.string());
  }
  std::error_code ignored;
  std::filesystem::remove(target, ignored);
  auto status = platform::run_program(command, timeout_seconds);
  std::filesystem::remove(page, ignored);
  if (!status || *status != 0 || !looks_like_pdf(target))
    return make_error(
        ErrorKind::io_error,
        command.front() + " did not print " + target.string() +
            (status ? " (exit status " + std::to_string(*status) + ")" : " (it did not finish)"));
  return {};
}

}  // namespace mailassist::cli
