// `mailassist migrate` end to end: a generated Thunderbird profile uploaded to the test
// Dovecot, the server then read back with doveadm (an oracle that shares no code with us).
// The migration tests all use the fixture user bob, one test at a time (a file lock), with
// bob's mail directory removed before each test.
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "cut_proxy.hpp"
#include "migrate_fixture.hpp"

namespace mailassist::testing {
namespace {

TEST_F(MigrateTest, EveryLiveMessageArrivesOnceWithFlagsDateAndBytesSourceUnchanged) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {});
  auto before = digest_tree(corpus_.profile);
  auto run = migrate();
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  const auto& t = totals(run);
  EXPECT_EQ(t.at("uploaded"), corpus_.live());
  EXPECT_EQ(t.at("already_there"), 0);
  EXPECT_EQ(t.at("skipped_deleted"), 1);
  EXPECT_EQ(t.at("failed"), 0);
  EXPECT_EQ(t.at("messages"), corpus_.messages.size());
  EXPECT_TRUE(run.json->at("verified"));
  // Every folder's buckets add up to its messages.
  for (const auto& f : run.json->at("folders")) {
    EXPECT_EQ(f.at("messages").get<int>(),
              f.at("uploaded").get<int>() + f.at("already_there").get<int>() +
                  f.at("skipped_deleted").get<int>() + static_cast<int>(f.at("failed").size()))
        << f.dump();
  }
  expect_server_holds_exactly(corpus_);
  EXPECT_EQ(digest_tree(corpus_.profile), before) << "the source was changed";
}

TEST_F(MigrateTest, SecondRunUploadsNothingAndNeitherDoesOneWithoutTheJournal) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {});
  ASSERT_EQ(migrate().exit_code(), 0);
  auto again = migrate({"--connections", "3"});
  ASSERT_EQ(again.exit_code(), 0) << again.trace();
  EXPECT_EQ(totals(again).at("uploaded"), 0);
  EXPECT_EQ(totals(again).at("already_there"), corpus_.live());

  fs::remove_all(state_);  // the journal is lost: the server check alone must hold
  auto without = migrate();
  ASSERT_EQ(without.exit_code(), 0) << without.trace();
  EXPECT_EQ(totals(without).at("uploaded"), 0) << without.trace();
  EXPECT_EQ(totals(without).at("already_there"), corpus_.live());
  expect_server_holds_exactly(corpus_);
}

TEST_F(MigrateTest, MailboxDeletedAndCreatedAgainOnTheServerIsFilledAgainDespiteTheJournal) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {});
  ASSERT_EQ(migrate().exit_code(), 0);
  // Someone deletes Sent on the server and creates it again: a new UIDVALIDITY.
  const auto& env = DovecotEnvironment::get();
  for (const char* verb : {"delete", "create"}) {
    auto done =
        run_process({kDoveadm, "-c", env.config.string(), "mailbox", verb, "-u", kUser, "Sent"}, "",
                    std::chrono::seconds(30));
    ASSERT_EQ(done.exit_code, 0) << describe(done);
  }
  auto again = migrate();
  ASSERT_EQ(again.exit_code(), 0) << again.trace();
  EXPECT_EQ(totals(again).at("uploaded"), 1) << again.trace();  // the one message of Sent
  EXPECT_EQ(totals(again).at("already_there"), corpus_.live() - 1);
  EXPECT_TRUE(again.json->at("verified"));
  expect_server_holds_exactly(corpus_);
}

TEST_F(MigrateTest, DryRunShowsThePlanAndWritesNothing) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {});
  auto run = migrate({"--dry-run"});
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_TRUE(run.json->at("dry_run"));
  EXPECT_EQ(run.json->at("totals").at("to_upload"), corpus_.live());
  std::map<std::string, std::string> targets;
  for (const auto& f : run.json->at("folders")) targets[f.at("source")] = f.at("target");
  EXPECT_EQ(targets["Inbox"], "INBOX");
  EXPECT_EQ(targets["Kerja & Proyek/Tokó"], "Kerja & Proyek/Tokó");
  EXPECT_EQ(targets["Arsip"], "Archive");
  EXPECT_EQ(targets["Arsip/2019"], "Archive/2019");
  EXPECT_TRUE(server_messages().empty());
  EXPECT_FALSE(fs::exists(state_));
  auto boxes = run_process(
      {kDoveadm, "-c", DovecotEnvironment::get().config.string(), "mailbox", "list", "-u", kUser},
      "", std::chrono::seconds(30));
  EXPECT_EQ(boxes.out.find("Kerja"), std::string::npos) << boxes.out;
}

TEST_F(MigrateTest, ThunderbirdSourceIsTheDefaultProfile) {
  // HOME points at a made-up home whose ~/.thunderbird/profiles.ini names the profile.
  auto home = dir_ / "home";
  corpus_ = write_thunderbird_corpus(home / ".thunderbird", {});
  std::ofstream(home / ".thunderbird" / "profiles.ini")
      << "[General]\nStartWithLastProfile=1\n\n[Profile0]\nName=default\nIsRelative=1\n"
         "Path=abcd1234.default\nDefault=1\n";
  const char* saved = std::getenv("HOME");
  std::string saved_home = saved ? saved : "";
  setenv("HOME", home.c_str(), 1);
  auto run = run_cli(args("thunderbird") + std::vector<std::string>{"--dry-run"},
                     DovecotEnvironment::get().user(kUser).password);
  setenv("HOME", saved_home.c_str(), 1);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(run.json->at("totals").at("to_upload"), corpus_.live());
  EXPECT_NE(run.json->at("source").get<std::string>().find("abcd1234.default"), std::string::npos);
}

TEST_F(MigrateTest, IncludeExcludeAndMap) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {});
  auto run = migrate({"--include", "Kerja*", "--exclude", "*Tokó", "--map", "Kerja & Proyek=Work"});
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  auto server = server_messages();
  ASSERT_EQ(server.size(), 1u);
  EXPECT_EQ(server[0].mailbox, "Work");
  EXPECT_EQ(server[0].message_id, "<k1@example.test>");

  // Without the map the folder has another target: the journal's entry for "Work" does
  // not make it "already there".
  auto unmapped = migrate({"--include", "Kerja*", "--exclude", "*Tokó"});
  ASSERT_EQ(unmapped.exit_code(), 0) << unmapped.trace();
  EXPECT_EQ(totals(unmapped).at("uploaded"), 1) << unmapped.trace();
  std::set<std::string> boxes;
  for (const auto& m : server_messages()) boxes.insert(m.mailbox);
  EXPECT_EQ(boxes, (std::set<std::string>{"Work", "Kerja & Proyek"}));
}

TEST_F(MigrateTest, KillNineMidRunThenRerunGivesExactlyOneCopyOfEach) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {3000, false, 0});
  kill_nine_then_rerun({});
}

TEST_F(MigrateTest, KillNineWhileOneFolderIsSplitOverThreeConnectionsThenRerun) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {3000, false, 0});
  kill_nine_then_rerun({"--connections", "3"});
}

TEST_F(MigrateTest, InterruptStopsBetweenMessagesCountsEveryMessageAndARerunFinishes) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {3000, false, 0});
  auto password_file = dir_ / "password";
  std::ofstream(password_file) << DovecotEnvironment::get().user(kUser).password << "\n";
  auto output = dir_ / "out.json";
  std::string command = "exec";
  for (const auto& a : std::vector<std::string>{cli_path()} + args(corpus_.profile.string()))
    command += " '" + a + "'";
  command += " < '" + password_file.string() + "' > '" + output.string() + "' 2>/dev/null";
  {
    ChildProcess child({"/bin/sh", "-c", command});
    auto journal = state_ / "journal";
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    while (std::chrono::steady_clock::now() < until &&
           !(fs::exists(journal) && fs::file_size(journal) > 20000)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(child.pid(), SIGINT);  // Ctrl-C
    ASSERT_TRUE(child.wait_exit(std::chrono::seconds(60)));
  }
  std::ifstream in(output);
  auto report = json::parse(in);
  ASSERT_TRUE(report.at("cancelled")) << report.dump(2);
  const auto& t = report.at("totals");
  EXPECT_EQ(t.at("messages"), corpus_.messages.size()) << "every message is counted";
  EXPECT_EQ(t.at("uploaded").get<std::size_t>() + t.at("already_there").get<std::size_t>() +
                t.at("skipped_deleted").get<std::size_t>() + t.at("failed").get<std::size_t>(),
            corpus_.messages.size());
  EXPECT_GT(t.at("failed").get<std::size_t>(), 0u) << "stopped too late to prove anything";
  // Every batch sent before the stop was waited for: the server holds what was counted.
  EXPECT_EQ(server_messages().size(), t.at("uploaded").get<std::size_t>());
  auto rerun = migrate();
  ASSERT_EQ(rerun.exit_code(), 0) << rerun.trace();
  expect_server_holds_exactly(corpus_);
}

TEST_F(MigrateTest, ConnectionsCutMidAppendLoseAndDuplicateNothing) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {400, false, 0});
  const auto& env = DovecotEnvironment::get();
  // The first two connections die after 60 KB from the client: inside the APPENDs.
  CutProxy proxy(env.host(HostKind::valid), env.port(Protocol::imap, Security::tls), 60000, 2);
  auto run = migrate({}, env.host(HostKind::valid) + ":" + std::to_string(proxy.port()) + "/tls");
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_GE(proxy.cuts_done(), 1);
  EXPECT_EQ(totals(run).at("failed"), 0);
  EXPECT_EQ(totals(run).at("uploaded").get<std::size_t>() +
                totals(run).at("already_there").get<std::size_t>(),
            corpus_.live());
  expect_server_holds_exactly(corpus_);
}

TEST_F(MigrateTest, MoreCutsThanAttemptsStillFinishWhenEachAttemptGetsFurther) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {900, false, 0});
  const auto& env = DovecotEnvironment::get();
  // Nine connections in a row die after 60 KB (about 130 messages) each: more than the
  // six attempts a folder gets, but every attempt gets further than the one before.
  CutProxy proxy(env.host(HostKind::valid), env.port(Protocol::imap, Security::tls), 60000, 9);
  auto run = migrate({}, env.host(HostKind::valid) + ":" + std::to_string(proxy.port()) + "/tls");
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_GE(proxy.cuts_done(), 7);
  EXPECT_EQ(totals(run).at("failed"), 0);
  EXPECT_EQ(totals(run).at("uploaded").get<std::size_t>(), corpus_.live());
  expect_server_holds_exactly(corpus_);
}

TEST_F(MigrateTest, ConnectionsCutWhileOneFolderIsSplitLoseAndDuplicateNothing) {
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {900, false, 0});
  const auto& env = DovecotEnvironment::get();
  // The first four connections (the plan's, then the three uploading ranges of Bulk) die
  // after 60 KB from the client.
  CutProxy proxy(env.host(HostKind::valid), env.port(Protocol::imap, Security::tls), 60000, 4);
  auto run = migrate({"--connections", "3"},
                     env.host(HostKind::valid) + ":" + std::to_string(proxy.port()) + "/tls");
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_GE(proxy.cuts_done(), 2);
  EXPECT_EQ(totals(run).at("failed"), 0);
  // The mailboxes were empty: whatever a range found again after its cut, it had sent.
  EXPECT_EQ(totals(run).at("uploaded").get<std::size_t>(), corpus_.live()) << run.trace();
  EXPECT_TRUE(run.json->at("verified"));
  expect_server_holds_exactly(corpus_);
}

TEST_F(MigrateTest, LargeMessageArrivesAndOneOverAppendLimitIsReportedByName) {
  const auto limit = DovecotEnvironment::get().append_limit;
  ASSERT_GT(limit, 30u * 1000 * 1000);
  corpus_ = write_thunderbird_corpus(dir_ / "tb", {0, true, limit});
  auto run = migrate();
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_EQ(totals(run).at("failed"), 1);
  bool named = false;
  for (const auto& f : run.json->at("folders")) {
    for (const auto& failed : f.at("failed")) {
      named = failed.at("reason").get<std::string>().find("APPENDLIMIT") != std::string::npos;
      EXPECT_NE(failed.at("message").get<std::string>().find("Besar"), std::string::npos)
          << failed.dump();
    }
  }
  EXPECT_TRUE(named) << run.trace();
#ifndef __SANITIZE_ADDRESS__
  // Streamed: far below the 30 MB message (ASan's quarantine keeps freed buffers, so its
  // builds are not measured).
  EXPECT_LT(run.process.max_rss_kb, 30 * 1024) << "memory grows with message size";
#endif
  std::cerr << "peak RSS of the CLI: " << run.process.max_rss_kb << " kB\n";
  expect_server_holds_exactly(corpus_);
}

#ifdef MAILASSIST_MAKE_PST
// An Outlook .pst written by tests/tools/make_pst.py, read through libpst: every message
// arrives once with its flags and date, in the folder its role or name says; re-runs,
// with and without the journal, upload nothing.
TEST_F(MigrateTest, OutlookPstArrivesOnceWithFlagsAndDates) {
  fs::path pst = dir_ / "outlook.pst";
  std::string make = std::string("python3 '") + MAILASSIST_MAKE_PST + "' '" + pst.string() + "'";
  ASSERT_EQ(std::system(make.c_str()), 0) << make;
  auto run_pst = [&] {
    return run_cli(args(pst.string()), DovecotEnvironment::get().user(kUser).password,
                   std::chrono::seconds(120));
  };
  auto run = run_pst();
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(totals(run).at("messages"), 7);
  EXPECT_EQ(totals(run).at("uploaded"), 7);
  EXPECT_TRUE(run.json->at("verified"));
  std::map<std::string, std::string> target;
  for (const auto& f : run.json->at("folders")) target[f.at("source")] = f.at("target");
  EXPECT_EQ(target["Inbox"], "INBOX");
  ASSERT_TRUE(target.contains("Kerja & Proyek/Tokó")) << run.json->dump(2);
  EXPECT_NE(target["Kerja & Proyek/Tokó"].find("Tokó"), std::string::npos);

  // (mailbox, Message-ID, flags, date): the corpus of make_pst.py.
  using Row = std::tuple<std::string, std::string, std::vector<std::string>, std::int64_t>;
  std::multiset<Row> want{
      {target["Inbox"], "<laporan-q3@contoh.co.id>", {"\\Flagged", "\\Seen"}, 1793672102},
      {target["Inbox"], "<rapat-besok@contoh.co.id>", {"\\Answered"}, 1793840405},
      {target["Sent Items"], "<re-rapat@example.net>", {"$Forwarded", "\\Seen"}, 1793845800},
      {target["Deleted Items"], "", {"\\Seen"}, 1793361600},
      {target["Drafts"], "", {"\\Draft", "\\Seen"}, 1793970000},
      {target["Kerja & Proyek"], "<catatan-rtf@contoh.co.id>", {"\\Seen"}, 1793588400},
      {target["Kerja & Proyek/Tokó"], "<pesanan-1234@buku.example>", {}, 1793800809}};
  auto held = [] {
    std::multiset<Row> out;
    for (const auto& s : server_messages()) out.insert({s.mailbox, s.message_id, s.flags, s.date});
    return out;
  };
  EXPECT_EQ(held(), want) << run.json->dump(2);

  auto again = run_pst();
  ASSERT_EQ(again.exit_code(), 0) << again.trace();
  EXPECT_EQ(totals(again).at("uploaded"), 0);
  EXPECT_EQ(totals(again).at("already_there"), 7);
  fs::remove_all(state_);  // without the journal, the server check alone holds
  auto without = run_pst();
  ASSERT_EQ(without.exit_code(), 0) << without.trace();
  EXPECT_EQ(totals(without).at("uploaded"), 0) << without.trace();
  EXPECT_EQ(held(), want);
}
#endif

}  // namespace
}  // namespace mailassist::testing
