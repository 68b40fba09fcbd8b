// Pausing a migration through the library (as the wizard does): the run holds at a safe
// point with the server holding exactly what the journal confirmed, survives the server
// dropping the idle connection meanwhile, and after resume ends with every message once.
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <thread>

#include "migrate/stores/open_store.hpp"
#include "migrate_fixture.hpp"

namespace mailassist::testing {
namespace {

// Records of the journal: one line each (journal.hpp); it started empty.
std::size_t journal_records(const fs::path& state) {
  std::ifstream in(state / "journal");
  std::size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

// Pauses the gate once `after` messages are done; tells the test when the run holds.
class PausingProgress final : public Progress {
 public:
  PausingProgress(PauseGate gate, std::uint64_t after) : gate_(std::move(gate)), after_(after) {}
  void report(const ProgressUpdate& update) override {
    std::lock_guard lock(mutex_);
    if (!paused_once_ && update.done >= after_) {
      paused_once_ = true;
      gate_.pause();
    }
    if (update.paused) ++holds_;
    if (!update.paused && holds_ > 0) resumed_after_hold_ = true;
    changed_.notify_all();
  }
  // Waits (bounded, so a broken run fails instead of hanging) until the run holds.
  bool wait_until_held() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(150), [&] { return holds_ > 0; });
  }
  bool resumed_after_hold() {
    std::lock_guard lock(mutex_);
    return resumed_after_hold_;
  }

 private:
  PauseGate gate_;
  std::uint64_t after_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool paused_once_ = false;
  int holds_ = 0;
  bool resumed_after_hold_ = false;
};

class MigratePauseTest : public MigrateTest {
 protected:
  void SetUp() override {
    MigrateTest::SetUp();
    corpus_ = write_thunderbird_corpus(dir_ / "tb", {400, false, 0});
    auto store = migrate::open_store(corpus_.profile);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    target_ = library_target();
    target_.trace = [logins = logins_](std::string_view line) {
      if (line.find(" C: ") != std::string_view::npos &&
          (line.find(" LOGIN ") != std::string_view::npos ||
           line.find(" AUTHENTICATE ") != std::string_view::npos))
        ++*logins;
    };
    options_.state_dir = state_;
    auto plan = migrate::plan_migration(*store_, target_, options_, cancel_);
    ASSERT_TRUE(plan) << plan.error().message;
    plan_ = std::move(*plan);
  }

  // Logins seen in the trace: each is a new connection.
  int logins() const { return logins_->load(); }

  std::shared_ptr<std::atomic<int>> logins_ = std::make_shared<std::atomic<int>>(0);
  std::unique_ptr<migrate::MailStore> store_;
  migrate::ImapTarget target_;
  migrate::MigrationOptions options_;
  migrate::MigrationPlan plan_;
  CancelToken cancel_;
};

TEST_F(MigratePauseTest, PausedRunHoldsAtJournaledStateSurvivesADroppedConnectionAndResumes) {
  PausingProgress progress(options_.pause, 100);
  std::optional<Result<migrate::MigrationReport>> report;
  std::thread runner([&] {
    report = migrate::run_migration(*store_, plan_, target_, options_, cancel_, progress);
  });
  ASSERT_TRUE(progress.wait_until_held());
  // Held: every batch sent was confirmed and journaled, nothing else is on its way.
  auto journaled = journal_records(state_);
  EXPECT_GE(journaled, 100u);
  EXPECT_LT(journaled, corpus_.live()) << "paused too late to prove anything";
  EXPECT_EQ(server_messages().size(), journaled);
  const int logins_while_held = logins();
  // The server drops the idle connection (as its autologout timer would).
  auto kicked =
      run_process({kDoveadm, "-c", DovecotEnvironment::get().config.string(), "kick", kUser}, "",
                  std::chrono::seconds(30));
  EXPECT_EQ(kicked.exit_code, 0) << describe(kicked);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(server_messages().size(), journaled) << "something was sent while paused";
  EXPECT_EQ(journal_records(state_), journaled);
  options_.pause.resume();
  runner.join();
  ASSERT_TRUE(report && *report) << (report ? report->error().message : "no report");
  const auto& r = **report;
  EXPECT_TRUE(progress.resumed_after_hold());
  // A new connection after the kick, and the final check's.
  EXPECT_GE(logins(), logins_while_held + 2) << "the dropped connection was not replaced";
  EXPECT_FALSE(r.cancelled);
  EXPECT_EQ(r.totals.failed, 0u);
  EXPECT_EQ(r.totals.uploaded, corpus_.live());
  EXPECT_EQ(r.totals.already_there, 0u);
  EXPECT_TRUE(r.verified);
  expect_server_holds_exactly(corpus_);
}

TEST_F(MigratePauseTest, CancelWhilePausedEndsTheRunWithEveryMessageCounted) {
  PausingProgress progress(options_.pause, 50);
  std::optional<Result<migrate::MigrationReport>> report;
  std::thread runner([&] {
    report = migrate::run_migration(*store_, plan_, target_, options_, cancel_, progress);
  });
  ASSERT_TRUE(progress.wait_until_held());
  cancel_.cancel();
  options_.pause.wake();
  runner.join();
  ASSERT_TRUE(report && *report) << (report ? report->error().message : "no report");
  const auto& t = (*report)->totals;
  EXPECT_TRUE((*report)->cancelled);
  EXPECT_EQ(t.messages, corpus_.messages.size());
  EXPECT_EQ(t.uploaded + t.already_there + t.skipped_deleted + t.failed, t.messages);
  EXPECT_GT(t.failed, 0u);
  EXPECT_EQ(server_messages().size(), t.uploaded);
  EXPECT_EQ(journal_records(state_), t.uploaded);
}

}  // namespace
}  // namespace mailassist::testing
