// `--connections 3` on one large folder: its messages are split into ranges uploaded on
// three connections at once (folder_split.hpp); every message still arrives once with its
// flags and date, the report's counts are exact, and re-runs upload nothing.
#include <gtest/gtest.h>

#include <mutex>
#include <set>

#include "migrate/stores/open_store.hpp"
#include "migrate_fixture.hpp"

namespace mailassist::testing {
namespace {

class MigrateSplitTest : public MigrateTest {
 protected:
  Result<migrate::MigrationReport> run(unsigned connections) {
    auto store = migrate::open_store(corpus_.profile);
    EXPECT_TRUE(store);
    auto target = library_target();
    // Which connections sent APPENDs (the trace's label is "imap#N host:port").
    target.trace = [this](std::string_view line) {
      if (line.find(" C: ") == std::string_view::npos ||
          line.find(" APPEND ") == std::string_view::npos)
        return;
      std::lock_guard lock(mutex_);
      appenders_.insert(std::string(line.substr(0, line.find(' '))));
    };
    migrate::MigrationOptions options;
    options.state_dir = state_;
    options.connections = connections;
    CancelToken cancel;
    auto plan = migrate::plan_migration(**store, target, options, cancel);
    EXPECT_TRUE(plan);
    NullProgress progress;
    return migrate::run_migration(**store, *plan, target, options, cancel, progress);
  }

  std::mutex mutex_;
  std::set<std::string> appenders_;
};

TEST_F(MigrateSplitTest, OneFolderOverThreeConnectionsArrivesOnceAndRerunsUploadNothing) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {900, false, 0});
  auto first = run(3);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(appenders_.size(), 3u) << "the Bulk folder was not split";
  EXPECT_EQ(first->totals.uploaded, corpus_.live());
  EXPECT_EQ(first->totals.already_there, 0u);
  EXPECT_EQ(first->totals.failed, 0u);
  EXPECT_EQ(first->totals.messages, corpus_.messages.size());
  EXPECT_TRUE(first->verified);
  for (const auto& f : first->folders) {
    EXPECT_EQ(f.messages, f.uploaded + f.already_there + f.skipped_deleted + f.failed.size())
        << f.source;
    if (f.source == "Bulk") {
      EXPECT_EQ(f.uploaded, 900u);
    }
  }
  expect_server_holds_exactly(corpus_);

  appenders_.clear();
  auto again = run(3);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->totals.uploaded, 0u);
  EXPECT_EQ(again->totals.already_there, corpus_.live());
  EXPECT_TRUE(appenders_.empty());

  fs::remove_all(state_);  // without the journal: the content check finds them all
  auto without = run(3);
  ASSERT_TRUE(without) << without.error().message;
  EXPECT_EQ(without->totals.uploaded, 0u);
  EXPECT_EQ(without->totals.already_there, corpus_.live());
  expect_server_holds_exactly(corpus_);
}

}  // namespace
}  // namespace mailassist::testing
