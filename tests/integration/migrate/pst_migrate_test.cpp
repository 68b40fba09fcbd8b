// `mailassist migrate FILE.pst` end to end: a PST written by tests/tools/make_pst.py,
// read through libpst, uploaded to the test Dovecot and read back with doveadm. Shares
// the fixture user bob with migrate_test.cpp, so it takes the same lock.
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "cli_runner.hpp"
#include "dovecot_environment.hpp"

namespace mailassist::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kUser = "bob@localhost";
constexpr const char* kDoveadm = "/usr/bin/doveadm";

// (source folder, Message-ID, sorted flags, internal date as Unix time): the corpus of
// make_pst.py.
using Expected = std::tuple<std::string, std::string, std::vector<std::string>, std::int64_t>;
const std::vector<Expected>& expected() {
  static const std::vector<Expected> messages{
      {"Inbox", "<laporan-q3@contoh.co.id>", {"\\Flagged", "\\Seen"}, 1793672102},
      {"Inbox", "<rapat-besok@contoh.co.id>", {"\\Answered"}, 1793840405},
      {"Sent Items", "<re-rapat@example.net>", {"$Forwarded", "\\Seen"}, 1793845800},
      {"Deleted Items", "", {"\\Seen"}, 1793361600},
      {"Kerja & Proyek/Tokó", "<pesanan-1234@buku.example>", {}, 1793800809},
  };
  return messages;
}

class PstMigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& env = DovecotEnvironment::get();
    setenv("TZ", "UTC", 1);
    lock_ = ::open((env.dir / "migrate-tests.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    ASSERT_GE(lock_, 0);
    ASSERT_EQ(::flock(lock_, LOCK_EX), 0);
    fs::remove_all(env.dir / "mail" / kUser);
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("pst-migrate-test-" + std::to_string(rd()));
    fs::create_directories(dir_);
    pst_ = dir_ / "outlook.pst";
    std::string command =
        std::string("python3 '") + MAILASSIST_MAKE_PST + "' '" + pst_.string() + "'";
    ASSERT_EQ(std::system(command.c_str()), 0) << command;
  }
  void TearDown() override {
    fs::remove_all(dir_);
    if (lock_ >= 0) ::close(lock_);
  }

  CliRun migrate() {
    const auto& env = DovecotEnvironment::get();
    std::vector<std::string> args{"migrate",
                                  pst_.string(),
                                  "--imap",
                                  env.endpoint(HostKind::valid, Protocol::imap, Security::tls),
                                  "--username",
                                  kUser,
                                  "--password-stdin",
                                  "--ca-file",
                                  env.ca_file.string(),
                                  "--state",
                                  (dir_ / "state").string(),
                                  "--timeout",
                                  "20",
                                  "--json"};
    return run_cli(args, env.user(kUser).password, std::chrono::seconds(120));
  }

  // (mailbox, Message-ID, flags, date) of everything bob's server holds.
  static std::multiset<std::tuple<std::string, std::string, std::vector<std::string>, std::int64_t>>
  server_messages() {
    const auto& env = DovecotEnvironment::get();
    auto result = run_process({kDoveadm, "-c", env.config.string(), "-f", "json", "fetch", "-u",
                               kUser, "mailbox flags date.received.unixtime hdr.message-id", "all"},
                              "", std::chrono::seconds(60));
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    std::multiset<std::tuple<std::string, std::string, std::vector<std::string>, std::int64_t>> out;
    for (const auto& m : json::parse(result.out.empty() ? "[]" : result.out)) {
      std::vector<std::string> flags;
      std::string text = m.at("flags");
      for (std::size_t start = 0; start < text.size();) {
        auto space = text.find(' ', start);
        if (space == std::string::npos) space = text.size();
        auto flag = text.substr(start, space - start);
        if (!flag.empty() && flag != "\\Recent") flags.push_back(flag);
        start = space + 1;
      }
      std::sort(flags.begin(), flags.end());
      out.insert({m.at("mailbox"), m.value("hdr.message-id", ""), flags,
                  std::stoll(m.at("date.received.unixtime").get<std::string>())});
    }
    return out;
  }

  int lock_ = -1;
  fs::path dir_;
  fs::path pst_;
};

TEST_F(PstMigrateTest, EveryMessageArrivesOnceWithFlagsAndDateAndARerunUploadsNothing) {
  auto run = migrate();
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  const auto& totals = run.json->at("totals");
  EXPECT_EQ(totals.at("messages"), expected().size());
  EXPECT_EQ(totals.at("uploaded"), expected().size());
  EXPECT_EQ(totals.at("failed"), 0);
  EXPECT_TRUE(run.json->at("verified"));

  // Where each source folder went: the inbox to INBOX, the rest by role or name.
  std::map<std::string, std::string> target;
  for (const auto& f : run.json->at("folders")) target[f.at("source")] = f.at("target");
  EXPECT_EQ(target["Inbox"], "INBOX");
  ASSERT_TRUE(target.contains("Kerja & Proyek/Tokó")) << run.json->dump(2);
  EXPECT_NE(target["Kerja & Proyek/Tokó"].find("Tokó"), std::string::npos);

  std::multiset<std::tuple<std::string, std::string, std::vector<std::string>, std::int64_t>> want;
  for (const auto& [folder, id, flags, date] : expected())
    want.insert({target[folder], id, flags, date});
  EXPECT_EQ(server_messages(), want) << run.json->dump(2);

  auto again = migrate();
  ASSERT_EQ(again.exit_code(), 0) << again.trace();
  EXPECT_EQ(again.json->at("totals").at("uploaded"), 0) << again.trace();
  EXPECT_EQ(again.json->at("totals").at("already_there"), expected().size());

  fs::remove_all(dir_ / "state");  // without the journal, the server check alone holds
  auto without = migrate();
  ASSERT_EQ(without.exit_code(), 0) << without.trace();
  EXPECT_EQ(without.json->at("totals").at("uploaded"), 0) << without.trace();
  EXPECT_EQ(server_messages(), want);
}

}  // namespace
}  // namespace mailassist::testing
