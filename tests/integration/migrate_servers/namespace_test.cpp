// `mailassist migrate` into an account whose personal namespace is "INBOX." with "." as
// separator (RFC 2342; Courier's layout), given by the Dovecot fixture to the user
// dotted@localhost alone. The source is a small Thunderbird mail directory written here;
// the server is read back with doveadm under the same namespace settings.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>

#include <unistd.h>

#include "cli_runner.hpp"
#include "dedicated_users.hpp"

namespace mailassist::testing {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr const char* kDotted = "dotted@localhost";
constexpr const char* kPlain = "pop3-target@localhost";  // the fixture's usual namespace

// Thunderbird's layout: one mbox file per folder, subfolders in NAME.sbd/.
const std::vector<std::string> kFolders = {"Inbox", "Sent", "Work", "Work.sbd/2024", "Tokó"};

class NamespaceTest : public ::testing::Test {
 protected:
  NamespaceTest() : mail_("namespace-tests", {kDotted, kPlain}) {}

  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("namespace-test-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "mail" / "Work.sbd");
    for (const auto& path : kFolders) {
      std::ofstream out(dir_ / "mail" / fs::u8path(path), std::ios::binary);
      out << "From - Tue Mar  1 10:00:00 2022\n"
          << "From: Ani <ani@example.com>\nDate: Tue, 1 Mar 2022 10:00:00 +0200\n"
          << "Message-ID: <" << std::hash<std::string>{}(path) << "@example.com>\n"
          << "Subject: in " << path << "\n\nBody of " << path << "\n\n";
      std::ofstream(dir_ / "mail" / fs::u8path(path + ".msf"));
    }
  }
  void TearDown() override { fs::remove_all(dir_); }

  CliRun migrate(const std::string& user, std::vector<std::string> extra = {}) {
    const auto& env = DovecotEnvironment::get();
    std::vector<std::string> args{"migrate",
                                  (dir_ / "mail").string(),
                                  "--imap",
                                  env.endpoint(HostKind::valid, Protocol::imap, Security::tls),
                                  "--username",
                                  user,
                                  "--password-stdin",
                                  "--ca-file",
                                  env.ca_file.string(),
                                  "--state",
                                  (dir_ / ("state-" + user)).string(),
                                  "--timeout",
                                  "20",
                                  "--json"};
    return run_cli(args + extra, dedicated_user(user).password, 120s);
  }

  // source path -> target, from the plan or the report.
  static std::map<std::string, std::string> targets(const CliRun& run) {
    std::map<std::string, std::string> out;
    for (const auto& f : run.json->at("folders")) out[f.at("source")] = f.at("target");
    return out;
  }

  fs::path dir_;

 private:
  DedicatedMail mail_;
};

const std::map<std::string, std::string> kUnderPrefix = {
    {"Inbox", "INBOX"},                // INBOX itself
    {"Sent", "INBOX.Sent"},            // the \Sent mailbox the server listed, as it spells it
    {"Work", "INBOX.Work"},            // prefixed
    {"Work/2024", "INBOX.Work.2024"},  // nested: prefixed once, the server's separator
    {"Tokó", "INBOX.Tokó"}};           // modified UTF-7 on the wire, UTF-8 here

TEST_F(NamespaceTest, DryRunShowsTheFoldersUnderThePersonalPrefixAndWritesNothing) {
  const auto before = mailbox_names(dedicated_user(kDotted));
  auto run = migrate(kDotted, {"--dry-run"});
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  EXPECT_EQ(targets(run), kUnderPrefix) << run.trace();
  EXPECT_EQ(mailbox_names(dedicated_user(kDotted)), before);
}

TEST_F(NamespaceTest, EveryMessageArrivesInItsFolderUnderThePrefixOnce) {
  auto run = migrate(kDotted);
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  EXPECT_EQ(targets(run), kUnderPrefix) << run.trace();
  EXPECT_EQ(run.json->at("totals").at("uploaded"), kFolders.size()) << run.trace();

  auto names = mailbox_names(dedicated_user(kDotted));
  std::set<std::string> listed(names.begin(), names.end());
  for (const auto& [source, target] : kUnderPrefix) EXPECT_TRUE(listed.count(target)) << target;
  EXPECT_FALSE(listed.count("Work")) << "nothing outside the personal namespace";

  std::multiset<std::string> where;
  for (const auto& m : stored_messages(dedicated_user(kDotted))) where.insert(m.mailbox);
  std::multiset<std::string> expected;
  for (const auto& [source, target] : kUnderPrefix) expected.insert(target);
  EXPECT_EQ(where, expected);

  auto again = migrate(kDotted);
  ASSERT_EQ(again.exit_code(), 0) << again.trace();
  EXPECT_EQ(again.json->at("totals").at("uploaded"), 0) << again.trace();
  EXPECT_EQ(stored_messages(dedicated_user(kDotted)).size(), kFolders.size());
}

TEST_F(NamespaceTest, MapTargetsAreTakenLiterally) {
  auto run =
      migrate(kDotted, {"--dry-run", "--map", "Work=INBOX/Projekte", "--map", "Tokó=Elsewhere"});
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  auto mapped = targets(run);
  EXPECT_EQ(mapped["Work"], "INBOX.Projekte");
  EXPECT_EQ(mapped["Work/2024"], "INBOX.Projekte.2024");
  EXPECT_EQ(mapped["Tokó"], "Elsewhere") << "the user's words: no prefix added";
}

TEST_F(NamespaceTest, OtherUsersKeepTheFixturesUsualNamespace) {
  auto run = migrate(kPlain, {"--dry-run"});
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  auto plain = targets(run);
  EXPECT_EQ(plain["Work"], "Work");
  EXPECT_EQ(plain["Work/2024"], "Work/2024");
  EXPECT_EQ(plain["Sent"], "Sent");
}

}  // namespace
}  // namespace mailassist::testing
