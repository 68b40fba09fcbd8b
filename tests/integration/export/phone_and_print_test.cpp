// `mailassist export qr` and `export setup-sheet`, checked by programs that are not ours:
// zbarimg (Debian zbar-tools) scans the QR code back to the exact payload, headless
// Chromium rasterises the SVG for zbarimg, prints the sheet to PDF and renders it to PNG.
// scripts/bootstrap installs both; a machine without them skips with a message.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "cli_runner.hpp"
#include "subprocess.hpp"

namespace mailassist::testing {
namespace {

namespace fs = std::filesystem;

// Written here from the format's specification (thunderbird-android's qr-code-format.md),
// not by our writer: IMAP = 0, TLS = 3, OAuth2 = 6 (the preset's first method), the
// account name "Gmail", no password, an identity with the address and an empty name.
const std::string kGmailPayload =
    R"([1,[1,1],[0,"imap.gmail.com",993,3,6,"alice@example.test","Gmail"],)"
    R"([[[0,"smtp.gmail.com",465,3,6,"alice@example.test"],["alice@example.test",""]]]])";

fs::path work_dir() {
  auto dir = fs::path(::testing::TempDir()) / "export-phone-print";
  fs::create_directories(dir);
  return dir;
}

std::string gmail() {
  return (fs::path(MAILASSIST_PROVIDERS_DIR) / "gmail.com.xml").string();
}

std::optional<std::string> on_path(const std::vector<std::string>& names) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path != nullptr ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    for (const auto& name : names) {
      auto candidate = fs::path(dir) / name;
      if (!dir.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
  }
  return std::nullopt;
}

std::optional<std::string> zbarimg() {
  return on_path({"zbarimg"});
}
std::optional<std::string> chromium() {
  return on_path({"chromium", "chromium-browser", "google-chrome"});
}

#define REQUIRE_TOOL(tool, package)                          \
  if (!(tool))                                               \
  GTEST_SKIP() << #tool " is not installed (Debian " package \
                        "; scripts/bootstrap installs it, CI always has it)"

// What zbarimg reads in an image: "--raw" prints the decoded bytes only, one line each.
std::string scan(const std::string& zbar, const fs::path& image) {
  auto result =
      run_process({zbar, "--quiet", "--raw", image.string()}, "", std::chrono::seconds(60));
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  std::string text = result.out;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// Chromium's screenshot of a page or image at a window size, as a PNG file.
void screenshot(const std::string& browser, const fs::path& page, const fs::path& png, int width,
                int height) {
  fs::remove(png);
  auto result =
      run_process({browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                   "--screenshot=" + png.string(),
                   "--window-size=" + std::to_string(width) + "," + std::to_string(height),
                   "file://" + fs::absolute(page).string()},
                  "", std::chrono::seconds(120));
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  ASSERT_TRUE(fs::exists(png)) << describe(result);
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Width and height from a PNG's IHDR chunk (PNG specification, section 11.2.2).
std::pair<std::uint32_t, std::uint32_t> png_size(const fs::path& file) {
  std::string png = read_file(file);
  if (png.size() < 24 || png.compare(1, 3, "PNG") != 0 || png.compare(12, 4, "IHDR") != 0)
    return {0, 0};
  auto be32 = [&](std::size_t at) {
    std::uint32_t v = 0;
    for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
    return v;
  };
  return {be32(16), be32(20)};
}

// Page objects in a PDF ("/Type /Page", not "/Type /Pages"): Chromium writes them as plain
// dictionaries, outside compressed object streams.
int pdf_pages(const std::string& pdf) {
  int pages = 0;
  for (auto at = pdf.find("/Type /Page"); at != std::string::npos;
       at = pdf.find("/Type /Page", at + 1)) {
    char next = at + 11 < pdf.size() ? pdf[at + 11] : ' ';
    if (next != 's') ++pages;
  }
  return pages;
}

TEST(ExportQr, PngScansBackToTheExactPayload) {
  auto zbar = zbarimg();
  REQUIRE_TOOL(zbar, "zbar-tools");
  auto png = work_dir() / "gmail.png";
  auto run =
      run_cli({"export", "qr", "alice@example.test", "--config", gmail(), "-o", png.string()},
              std::nullopt);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(scan(*zbar, png), kGmailPayload);
}

TEST(ExportQr, SvgScansBackToTheExactPayload) {
  auto zbar = zbarimg();
  auto browser = chromium();
  REQUIRE_TOOL(zbar, "zbar-tools");
  REQUIRE_TOOL(browser, "chromium");
  auto svg = work_dir() / "gmail.svg";
  auto run =
      run_cli({"export", "qr", "alice@example.test", "--config", gmail(), "-o", svg.string()},
              std::nullopt);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  std::string text = read_file(svg);
  ASSERT_EQ(text.rfind("<svg ", 0), 0u) << text.substr(0, 100);
  auto png = work_dir() / "gmail-svg.png";
  screenshot(*browser, svg, png, 600, 600);  // the SVG says 456 x 456 pixels
  EXPECT_EQ(scan(*zbar, png), kGmailPayload);
}

TEST(ExportQr, WritesSvgWhenStandardOutputIsNotATerminal) {
  auto run = run_cli({"export", "qr", "alice@example.test", "--config", gmail()}, std::nullopt);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(run.process.out.rfind("<svg ", 0), 0u) << run.trace();
}

TEST(ExportQr, HoldsThePasswordOnlyWhenAskedAndThenTheFileIsPrivate) {
  auto zbar = zbarimg();
  REQUIRE_TOOL(zbar, "zbar-tools");
  auto png = work_dir() / "with-password.png";
  auto run = run_cli({"export", "qr", "alice@example.test", "--config", gmail(), "-o", png.string(),
                      "--include-password", "--password-stdin"},
                     std::string("app-pass-123"));
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_NE(run.process.err.find("holds the password"), std::string::npos) << run.trace();
  EXPECT_EQ(scan(*zbar, png),
            R"([1,[1,1],[0,"imap.gmail.com",993,3,6,"alice@example.test","Gmail","app-pass-123"],)"
            R"([[[0,"smtp.gmail.com",465,3,6,"alice@example.test","app-pass-123"],)"
            R"(["alice@example.test",""]]]])");
  struct stat info {};
  ASSERT_EQ(::stat(png.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
}

TEST(ExportQr, OtherFileTypesAreAUsageError) {
  auto run = run_cli({"export", "qr", "alice@example.test", "--config", gmail(), "-o",
                      (work_dir() / "code.jpg").string()},
                     std::nullopt);
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
  EXPECT_FALSE(fs::exists(work_dir() / "code.jpg"));
}

TEST(ExportQr, SettingsTheAppCannotReadAreRefused) {
  // The app adds an account only with an SMTP server; this provider publishes none.
  auto config = work_dir() / "imap-only.xml";
  std::ofstream(config) << R"(<?xml version="1.0"?>
<clientConfig version="1.1"><emailProvider id="example.test"><domain>example.test</domain>
<incomingServer type="imap"><hostname>imap.example.test</hostname><port>993</port>
<socketType>SSL</socketType><username>%EMAILADDRESS%</username>
<authentication>password-cleartext</authentication></incomingServer>
</emailProvider></clientConfig>
)";
  auto run =
      run_cli({"export", "qr", "alice@example.test", "--config", config.string()}, std::nullopt);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_NE(run.process.err.find("there is no SMTP server"), std::string::npos) << run.trace();
  EXPECT_TRUE(run.process.out.empty()) << run.trace();
}

class ExportSetupSheet : public ::testing::TestWithParam<std::string> {};

TEST_P(ExportSetupSheet, PrintsOnOneA4Page) {
  auto browser = chromium();
  REQUIRE_TOOL(browser, "chromium");
  auto pdf = work_dir() / ("sheet-" + GetParam() + ".pdf");
  auto run = run_cli({"export", "setup-sheet", "alice@example.test", "--config", gmail(), "--lang",
                      GetParam(), "-o", pdf.string()},
                     std::nullopt, std::chrono::seconds(150));
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  std::string bytes = read_file(pdf);
  ASSERT_EQ(bytes.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(pdf_pages(bytes), 1) << "the sheet no longer fits on one A4 page";
  // A4 is 595 x 842 points (210 x 297 mm).
  EXPECT_NE(bytes.find("/MediaBox [0 0 594.9"), std::string::npos);
}

TEST_P(ExportSetupSheet, RendersToAPageSizedPng) {
  auto browser = chromium();
  REQUIRE_TOOL(browser, "chromium");
  auto html = work_dir() / ("sheet-" + GetParam() + ".html");
  auto run = run_cli({"export", "setup-sheet", "alice@example.test", "--config", gmail(), "--lang",
                      GetParam(), "-o", html.string()},
                     std::nullopt);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  // A4 at 96 pixels per inch; the PNG stays in the test's directory to be looked at.
  auto png = work_dir() / ("sheet-" + GetParam() + ".png");
  screenshot(*browser, html, png, 794, 1123);
  auto [width, height] = png_size(png);
  EXPECT_EQ(width, 794u);
  EXPECT_EQ(height, 1123u);
  // A blank page compresses to a few kilobytes; text, table and QR code do not.
  EXPECT_GT(fs::file_size(png), 40'000u);
  // And the QR code on it still scans.
  if (auto zbar = zbarimg()) {
    EXPECT_EQ(scan(*zbar, png), kGmailPayload);
  }
}

INSTANTIATE_TEST_SUITE_P(Languages, ExportSetupSheet, ::testing::Values("en", "id"),
                         [](const auto& param_info) { return param_info.param; });

TEST(ExportSetupSheetLanguage, ComesFromTheEnvironmentUnlessGiven) {
  auto run_with = [](const std::string& lang, std::vector<std::string> extra) {
    std::vector<std::string> argv{"/usr/bin/env", "LC_ALL=", "LC_MESSAGES=", "LANG=" + lang,
                                  cli_path(),     "export",  "setup-sheet",  "alice@example.test",
                                  "--config",     gmail()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv, "", std::chrono::seconds(60));
  };
  auto id = run_with("id_ID.UTF-8", {});
  ASSERT_EQ(id.exit_code, 0) << describe(id);
  EXPECT_NE(id.out.find("<html lang=\"id\">"), std::string::npos);
  auto en = run_with("id_ID.UTF-8", {"--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << describe(en);
  EXPECT_NE(en.out.find("<html lang=\"en\">"), std::string::npos);
  auto other = run_with("de_DE.UTF-8", {});
  EXPECT_NE(other.out.find("<html lang=\"en\">"), std::string::npos);
  auto unknown = run_with("C", {"--lang", "fr"});
  EXPECT_EQ(unknown.exit_code, 2) << describe(unknown);
}

TEST(ExportSetupSheetFiles, PdfWithoutAConverterSaysWhatToDo) {
  auto empty = work_dir() / "no-programs";
  fs::create_directories(empty);
  auto pdf = work_dir() / "no-converter.pdf";
  auto run =
      run_process({"/usr/bin/env", "PATH=" + empty.string(), cli_path(), "export", "setup-sheet",
                   "alice@example.test", "--config", gmail(), "-o", pdf.string()},
                  "", std::chrono::seconds(60));
  EXPECT_EQ(run.exit_code, 1) << describe(run);
  EXPECT_NE(run.err.find("no HTML to PDF converter is installed"), std::string::npos)
      << describe(run);
  EXPECT_FALSE(fs::exists(pdf));
}

TEST(ExportSetupSheetFiles, OnlyHtmlOrPdf) {
  auto run = run_cli({"export", "setup-sheet", "alice@example.test", "--config", gmail(), "-o",
                      (work_dir() / "sheet.docx").string()},
                     std::nullopt);
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

}  // namespace
}  // namespace mailassist::testing
