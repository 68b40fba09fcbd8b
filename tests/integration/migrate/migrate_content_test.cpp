// "Already there" means the same bytes: two different messages sharing Message-ID, size
// and date both arrive, a server message with the same key but other bytes does not stand
// in for a source message, and a run without its journal uploads nothing twice. Also
// measures (prints, never asserts) how fast a re-run is with and without the journal.
#include <gtest/gtest.h>

#include <fstream>

#include "migrate_fixture.hpp"

namespace mailassist::testing {
namespace {

// The same From_ date, Message-ID and size; only the body's letters differ.
std::string twin(char letter) {
  return "From - Mon Jan 15 10:00:00 2024\nMessage-ID: <twin@example.test>\nSubject: twin\n"
         "\nbody " +
         std::string(8, letter) + "\n\n";
}

class MigrateContentTest : public MigrateTest {
 protected:
  fs::path mbox(const std::string& dir, const std::string& content) {
    auto path = dir_ / dir / "Twins";
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
    return path;
  }
  CliRun migrate_file(const fs::path& source, const fs::path& state) {
    state_ = state;
    return run_cli(args(source.string()), DovecotEnvironment::get().user(kUser).password,
                   std::chrono::seconds(170));
  }
  // The bodies of the server's copies of the twin, sorted.
  static std::vector<std::string> twin_bodies() {
    std::vector<std::string> out;
    for (const auto& m : server_messages()) {
      EXPECT_EQ(m.mailbox, "Twins");
      auto at = m.text.find("body ");
      out.push_back(at == std::string::npos ? m.text : m.text.substr(at, 13));
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

TEST_F(MigrateContentTest, SameMessageIdSizeAndDateWithOtherBytesIsNotAlreadyThere) {
  // The server already holds A (uploaded by another run with its own journal).
  auto first = migrate_file(mbox("a", twin('A')), dir_ / "state-a");
  ASSERT_EQ(first.exit_code(), 0) << first.trace();
  ASSERT_EQ(twin_bodies(), (std::vector<std::string>{"body AAAAAAAA"}));

  // B comes first in this source: it must not take A's server copy; A is there.
  auto both = mbox("b", twin('B') + twin('A'));
  auto run = migrate_file(both, dir_ / "state-b");
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(totals(run).at("uploaded"), 1) << run.trace();
  EXPECT_EQ(totals(run).at("already_there"), 1);
  EXPECT_TRUE(run.json->at("verified"));
  EXPECT_EQ(twin_bodies(), (std::vector<std::string>{"body AAAAAAAA", "body BBBBBBBB"}));

  // The journal is lost: the content check alone finds both.
  fs::remove_all(dir_ / "state-b");
  auto again = migrate_file(both, dir_ / "state-b");
  ASSERT_EQ(again.exit_code(), 0) << again.trace();
  EXPECT_EQ(totals(again).at("uploaded"), 0) << again.trace();
  EXPECT_EQ(totals(again).at("already_there"), 2);
  EXPECT_EQ(twin_bodies(), (std::vector<std::string>{"body AAAAAAAA", "body BBBBBBBB"}));
}

TEST_F(MigrateContentTest, TwinsAndAnExactCopyAllArriveOnceAndARerunWithoutJournalAddsNothing) {
  // Two copies of A in the source need two on the server; B once.
  auto source = mbox("c", twin('A') + twin('B') + twin('A'));
  auto run = migrate_file(source, dir_ / "state-c");
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(totals(run).at("uploaded"), 3) << run.trace();
  fs::remove_all(dir_ / "state-c");
  auto again = migrate_file(source, dir_ / "state-c");
  ASSERT_EQ(again.exit_code(), 0) << again.trace();
  EXPECT_EQ(totals(again).at("uploaded"), 0) << again.trace();
  EXPECT_EQ(totals(again).at("already_there"), 3);
  EXPECT_EQ(twin_bodies(),
            (std::vector<std::string>{"body AAAAAAAA", "body AAAAAAAA", "body BBBBBBBB"}));
}

TEST_F(MigrateContentTest, RerunWithAndWithoutJournalUploadsNothingAndPrintsItsRate) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {3000, false, 0});
  ASSERT_EQ(migrate().exit_code(), 0);
  auto rate = [&](const char* what) {
    auto start = std::chrono::steady_clock::now();
    auto run = migrate();
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_EQ(run.exit_code(), 0) << run.trace();
    EXPECT_EQ(totals(run).at("uploaded"), 0) << what;
    EXPECT_EQ(totals(run).at("already_there"), corpus_.live()) << what;
    std::cerr << "re-run " << what << ": " << corpus_.live() << " messages in " << seconds << " s, "
              << static_cast<int>(static_cast<double>(corpus_.live()) / seconds) << " msgs/s\n";
  };
  rate("with the journal");
  fs::remove_all(state_);
  rate("without the journal");
  expect_server_holds_exactly(corpus_);
}

}  // namespace
}  // namespace mailassist::testing
