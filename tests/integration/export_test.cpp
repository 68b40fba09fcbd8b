// `mailassist export`: what it writes is read back by other readers — here our detection,
// through the CLI, from a directory holding only the exported file.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_runner.hpp"

namespace mailassist::testing {
namespace {

TEST(Export, ThunderbirdFileIsFoundAgainByDetection) {
  auto dir = std::filesystem::path(::testing::TempDir()) / "export-roundtrip";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto gmail = std::filesystem::path(MAILASSIST_PROVIDERS_DIR) / "gmail.com.xml";
  auto written = dir / "example.test.xml";
  auto run = run_cli({"export", "thunderbird", "alice@example.test", "--config", gmail.string(),
                      "-o", written.string()},
                     std::nullopt);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();

  auto found = run_cli(
      {"detect", "alice@example.test", "--offline", "--providers-dir", dir.string(), "--json"},
      std::nullopt);
  ASSERT_EQ(found.exit_code(), 0) << found.trace();
  ASSERT_TRUE(found.json) << found.trace();
  const auto& best = (*found.json)["configs"][0];
  ASSERT_EQ(best["incoming"].size(), 2u) << found.trace();
  EXPECT_EQ(best["incoming"][0]["host"], "imap.gmail.com");
  EXPECT_EQ(best["incoming"][0]["port"], 993);
  EXPECT_EQ(best["incoming"][0]["security"], "tls");
  EXPECT_EQ(best["outgoing"][1]["security"], "starttls");
  EXPECT_EQ(best["incoming"][0]["username"], "alice@example.test");
}

TEST(Export, AnUnknownFormatIsAUsageError) {
  auto run = run_cli({"export", "pdf", "alice@example.test"}, std::nullopt);
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
}

}  // namespace
}  // namespace mailassist::testing
