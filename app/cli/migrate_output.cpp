#include "app/cli/migrate_output.hpp"

#include <cstdio>
#include <iomanip>

namespace mailassist::cli {

namespace {

std::string folder_label(const std::string& source) {
  return source.empty() ? "(root)" : source;
}

std::string duration(double seconds) {
  auto s = static_cast<long long>(seconds);
  char buffer[32];
  if (s >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", s / 3600, (s / 60) % 60);
  } else {
    std::snprintf(buffer, sizeof buffer, "%lldm%02llds", s / 60, s % 60);
  }
  return buffer;
}

}  // namespace

std::string human_bytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KB", "MB", "GB", "TB"};
  auto value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1000 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, unit == 0 ? "%.0f %s" : "%.1f %s", value, kUnits[unit]);
  return buffer;
}

void print_plan(std::ostream& out, const migrate::MigrationPlan& plan, bool dry_run) {
  out << (dry_run ? "Plan (dry run: nothing is written)\n" : "Plan\n");
  out << "  from: " << plan.source << '\n';
  out << "  to:   " << plan.target << '\n';
  if (plan.append_limit) {
    out << "  the server accepts messages up to " << human_bytes(*plan.append_limit)
        << " (APPENDLIMIT)\n";
  }
  for (const auto& f : plan.folders) {
    out << "  " << folder_label(f.source_path) << " -> " << f.target
        << (f.target_exists ? "" : " (new)") << ": " << f.messages << " messages, "
        << human_bytes(f.bytes);
    if (f.deleted) out << ", " << f.deleted << " deleted (not uploaded)";
    out << '\n';
    for (const auto& note : f.notes) out << "      note: " << note << '\n';
  }
  for (const auto& e : plan.excluded) out << "  excluded: " << e << '\n';
  for (const auto& p : plan.problems)
    out << "  problem: " << p.location << ": " << p.message << '\n';
  out << "  total: " << plan.messages << " messages, " << human_bytes(plan.bytes) << " in "
      << plan.folders.size() << " folders\n";
}

void print_report(std::ostream& out, const migrate::MigrationReport& report) {
  out << "Report\n";
  for (const auto& f : report.folders) {
    out << "  " << folder_label(f.source) << " -> " << f.target << ": " << f.messages
        << " messages: " << f.uploaded << " uploaded, " << f.already_there << " already there, "
        << f.skipped_deleted << " deleted (skipped), " << f.failed.size() << " failed\n";
    // The terminal gets the first few; --json lists every one.
    constexpr std::size_t kShown = 20;
    for (std::size_t i = 0; i < f.failed.size() && i < kShown; ++i)
      out << "      failed: " << f.failed[i].message << ": " << f.failed[i].reason << '\n';
    if (f.failed.size() > kShown)
      out << "      ... and " << f.failed.size() - kShown << " more failed (--json lists all)\n";
    for (const auto& problem : f.problems) out << "      problem: " << problem << '\n';
  }
  const auto& t = report.totals;
  out << "  total: " << t.messages << " messages: " << t.uploaded << " uploaded ("
      << human_bytes(t.bytes_uploaded) << "), " << t.already_there << " already there, "
      << t.skipped_deleted << " deleted (skipped), " << t.failed << " failed\n";
  if (report.cancelled) out << "  cancelled: run the same command again to finish\n";
  out << "  verified on the server: " << (report.verified ? "yes" : "no") << '\n';
}

nlohmann::json plan_json(const migrate::MigrationPlan& plan) {
  nlohmann::json folders = nlohmann::json::array();
  for (const auto& f : plan.folders) {
    folders.push_back({{"source", f.source_path},
                       {"target", f.target},
                       {"target_exists", f.target_exists},
                       {"messages", f.messages + f.deleted},
                       {"to_upload", f.messages},
                       {"bytes", f.bytes},
                       {"uploaded", 0},
                       {"already_there", 0},
                       {"skipped_deleted", f.deleted},
                       {"failed", nlohmann::json::array()},
                       {"notes", f.notes}});
  }
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : plan.problems)
    problems.push_back({{"location", p.location}, {"message", p.message}});
  nlohmann::json doc = {{"dry_run", true},
                        {"source", plan.source},
                        {"target", plan.target},
                        {"folders", folders},
                        {"excluded", plan.excluded},
                        {"problems", problems},
                        {"totals",
                         {{"messages", plan.messages + plan.deleted},
                          {"to_upload", plan.messages},
                          {"bytes", plan.bytes},
                          {"uploaded", 0},
                          {"already_there", 0},
                          {"skipped_deleted", plan.deleted},
                          {"failed", 0}}},
                        {"verified", false}};
  doc["append_limit"] =
      plan.append_limit ? nlohmann::json(*plan.append_limit) : nlohmann::json(nullptr);
  return doc;
}

nlohmann::json report_json(const migrate::MigrationPlan& plan,
                           const migrate::MigrationReport& report) {
  nlohmann::json folders = nlohmann::json::array();
  for (const auto& f : report.folders) {
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& m : f.failed) failed.push_back({{"message", m.message}, {"reason", m.reason}});
    folders.push_back({{"source", f.source},
                       {"target", f.target},
                       {"messages", f.messages},
                       {"uploaded", f.uploaded},
                       {"already_there", f.already_there},
                       {"skipped_deleted", f.skipped_deleted},
                       {"failed", failed},
                       {"problems", f.problems}});
  }
  const auto& t = report.totals;
  return {{"dry_run", false},
          {"source", plan.source},
          {"target", plan.target},
          {"folders", folders},
          {"totals",
           {{"messages", t.messages},
            {"uploaded", t.uploaded},
            {"already_there", t.already_there},
            {"skipped_deleted", t.skipped_deleted},
            {"failed", t.failed},
            {"bytes_uploaded", t.bytes_uploaded}}},
          {"cancelled", report.cancelled},
          {"verified", report.verified}};
}

ProgressLine::ProgressLine(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

void ProgressLine::report(const ProgressUpdate& update) {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  auto every = terminal_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000);
  bool last = update.total > 0 && update.done >= update.total;
  if (now - last_ < every && !last) return;
  last_ = now;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double rate = seconds > 0 ? static_cast<double>(update.bytes_done) / seconds : 0;
  double messages_rate = seconds > 0 ? static_cast<double>(update.done) / seconds : 0;
  std::string line = update.stage + ": " + std::to_string(update.done) + "/" +
                     std::to_string(update.total) + " messages, " + human_bytes(update.bytes_done) +
                     "/" + human_bytes(update.bytes_total);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, ", %.0f msg/s, %s/s", messages_rate,
                human_bytes(static_cast<std::uint64_t>(rate)).c_str());
  line += buffer;
  if (rate > 0 && update.bytes_total > update.bytes_done) {
    line += ", " + duration(static_cast<double>(update.bytes_total - update.bytes_done) / rate) +
            " left";
  }
  if (terminal_) {
    out_ << "\r\033[K" << line << std::flush;
  } else {
    out_ << line << '\n' << std::flush;
  }
  printed_ = true;
}

void ProgressLine::finish() {
  std::lock_guard lock(mutex_);
  if (terminal_ && printed_) out_ << '\n' << std::flush;
}

}  // namespace mailassist::cli
