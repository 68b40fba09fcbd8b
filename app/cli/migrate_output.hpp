#pragma once
// What `mailassist migrate` prints: the plan, a progress line, the per-folder report, and
// the --json document of the contract (DESIGN.md: {"folders":[{"source","target",
// "messages","uploaded","already_there","skipped_deleted","failed":[{"message","reason"}]}],
// "totals":{...},"verified":bool}).
#include <chrono>
#include <mutex>
#include <ostream>

#include <nlohmann/json.hpp>

#include "core/progress.hpp"
#include "migrate/migration.hpp"

namespace mailassist::cli {

void print_plan(std::ostream& out, const migrate::MigrationPlan& plan, bool dry_run);
void print_report(std::ostream& out, const migrate::MigrationReport& report);

// The plan as a report in which nothing happened (--dry-run --json): every folder with
// its messages, the deleted ones as skipped, and what would be uploaded.
nlohmann::json plan_json(const migrate::MigrationPlan& plan);
nlohmann::json report_json(const migrate::MigrationPlan& plan,
                           const migrate::MigrationReport& report);

// "12.3 MB", "980 B".
std::string human_bytes(std::uint64_t bytes);

// Messages, bytes, rate and time left on stderr: rewritten in place on a terminal, else a
// plain line every few seconds (logs, CI).
class ProgressLine final : public Progress {
 public:
  ProgressLine(std::ostream& out, bool terminal);
  void report(const ProgressUpdate& update) override;
  void finish();

 private:
  std::ostream& out_;
  bool terminal_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
  bool printed_ = false;
};

}  // namespace mailassist::cli
