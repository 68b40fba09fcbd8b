// `mailassist migrate pop3://...`: a maildrop on the test Dovecot's POP3 (pop3s and STLS)
// uploaded to another user's IMAP INBOX. What the server holds is read back with doveadm;
// what the POP3 side looks like is read over POP3 itself with a bare line client (STAT,
// UIDL), and Dovecot's own log says how many DELEs each POP3 session carried out.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <regex>
#include <thread>

#include <unistd.h>

#include "cli_runner.hpp"
#include "dedicated_users.hpp"
#include "line_client.hpp"

namespace mailassist::testing {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;

constexpr const char* kSource = "pop3-source@localhost";
constexpr const char* kTarget = "pop3-target@localhost";

struct SourceMessage {
  std::string text;
  std::string subject;  // "Subject: ..." line, unique
  std::int64_t date;    // the Date header's instant
};

// Dates are distinct and far apart, so the target's INTERNALDATE shows which one it took.
std::vector<SourceMessage> maildrop() {
  std::vector<SourceMessage> out;
  auto message = [&](int day, const std::string& id, const std::string& body) {
    std::string text = "From: Ani <ani@example.com>\r\nTo: Budi <budi@example.com>\r\n";
    text += "Date: Tue, " + std::to_string(day) + " Mar 2022 10:00:00 +0200\r\n";
    if (!id.empty()) text += "Message-ID: <" + id + ">\r\n";
    const std::string subject = "Subject: message of day " + std::to_string(day);
    text += subject + "\r\n\r\n" + body;
    // 2022-03-01 08:00:00 UTC, plus whole days.
    out.push_back({text, subject, 1646121600 + (day - 1) * 86400});
  };
  message(1, "plain@example.com", "Hello.\r\n");
  // Dot-stuffed on the wire (RFC 1939 section 3): the dots must come back unstuffed.
  message(2, "dots@example.com", ".\r\n..two dots\r\n.leading dot\r\nend\r\n");
  message(3, "same@example.com", "First of two with one Message-ID.\r\n");
  message(4, "same@example.com", "Second of two with one Message-ID, a longer body.\r\n");
  message(5, "", "No Message-ID at all.\r\n");
  std::string large;
  for (int i = 0; i < 8000; ++i) large += "line " + std::to_string(i) + " of a larger message\r\n";
  message(6, "large@example.com", large);  // about 250 KB: more than one reader buffer
  return out;
}

// STAT and UIDL over POP3 itself, on the fixture's plaintext address (no QUIT: the
// session never reaches the UPDATE state, RFC 1939 section 6).
std::string stat_and_uidl() {
  const auto& env = DovecotEnvironment::get();
  const auto& user = dedicated_user(kSource);
  LineClient pop(env.host(HostKind::no_tls), env.port(Protocol::pop3, Security::none));
  std::string out;
  auto expect_ok = [&] {
    auto line = pop.read_line();
    EXPECT_TRUE(line && line->rfind("+OK", 0) == 0) << line.value_or("(closed)");
    return line.value_or("");
  };
  expect_ok();  // greeting
  pop.send("USER " + user.email + "\r\n");
  expect_ok();
  pop.send("PASS " + user.password + "\r\n");
  expect_ok();
  pop.send("STAT\r\n");
  out += expect_ok() + "\n";
  pop.send("UIDL\r\n");
  expect_ok();
  for (;;) {
    auto line = pop.read_line();
    if (!line || *line == ".") break;
    out += *line + "\n";
  }
  return out;
}

class Pop3SourceTest : public ::testing::TestWithParam<Security> {
 protected:
  Pop3SourceTest() : mail_("pop3-source-tests", {kSource, kTarget}) {}

  void SetUp() override {
    messages_ = maildrop();
    for (const auto& m : messages_) save_message(dedicated_user(kSource), "INBOX", m.text);
    state_ = std::filesystem::temp_directory_path() /
             ("pop3-source-state-" + std::to_string(::getpid()) + "-" +
              std::to_string(static_cast<int>(GetParam())));
    std::filesystem::remove_all(state_);
  }
  void TearDown() override { std::filesystem::remove_all(state_); }

  // pop3://pop3-source%40localhost@localhost:PORT/SEC (the certificate names localhost).
  std::string source_url(Security security) const {
    const auto& env = DovecotEnvironment::get();
    return "pop3://pop3-source%40localhost@" + env.valid_hostname + ":" +
           std::to_string(env.port(Protocol::pop3, security)) +
           (security == Security::tls ? "/tls" : "/starttls");
  }

  CliRun migrate(const std::string& pop3_password, std::vector<std::string> extra = {},
                 bool trust_test_ca = true, const std::string& url = "") {
    const auto& env = DovecotEnvironment::get();
    std::vector<std::string> args{"migrate",
                                  url.empty() ? source_url(GetParam()) : url,
                                  "--imap",
                                  env.endpoint(HostKind::valid, Protocol::imap, Security::tls),
                                  "--username",
                                  kTarget,
                                  "--password-stdin",
                                  "--state",
                                  state_.string(),
                                  "--timeout",
                                  "20",
                                  "--json"};
    if (trust_test_ca) args = args + std::vector<std::string>{"--ca-file", env.ca_file.string()};
    // Line 1: the IMAP password; line 2: the POP3 password.
    return run_cli(args + extra, dedicated_user(kTarget).password + "\n" + pop3_password, 120s);
  }

  std::vector<SourceMessage> messages_;
  std::filesystem::path state_;

 private:
  DedicatedMail mail_;
};

TEST_P(Pop3SourceTest, EveryMessageArrivesOnceWithItsBytesAndDateAndTheMaildropStaysAsItWas) {
  const auto& env = DovecotEnvironment::get();
  const std::string before = stat_and_uidl();
  ASSERT_NE(before.find("+OK 6 "), std::string::npos) << before;
  const auto source_before = stored_messages(dedicated_user(kSource));
  const auto mark = env.log_mark();

  auto first = migrate(dedicated_user(kSource).password);
  ASSERT_EQ(first.exit_code(), 0) << first.trace();
  ASSERT_TRUE(first.json) << first.trace();
  EXPECT_EQ(first.json->at("totals").at("uploaded"), messages_.size()) << first.trace();
  EXPECT_TRUE(first.json->at("verified").get<bool>()) << first.trace();
  ASSERT_EQ(first.json->at("folders").size(), 1u);
  EXPECT_EQ(first.json->at("folders")[0].at("source"), "Inbox");
  EXPECT_EQ(first.json->at("folders")[0].at("target"), "INBOX");

  // Every message once, byte for byte as the maildrop holds it, dated by its Date header.
  auto stored = stored_messages(dedicated_user(kTarget));
  ASSERT_EQ(stored.size(), messages_.size());
  std::multiset<std::string> want, got;
  for (const auto& m : source_before) want.insert(m.text);
  for (const auto& m : stored) got.insert(m.text);
  EXPECT_EQ(got, want);
  for (const auto& m : stored) {
    EXPECT_EQ(m.mailbox, "INBOX");
    auto same = std::find_if(messages_.begin(), messages_.end(), [&](const SourceMessage& s) {
      return m.text.find(s.subject + "\n") != std::string::npos ||
             m.text.find(s.subject + "\r\n") != std::string::npos;
    });
    ASSERT_NE(same, messages_.end()) << m.text.substr(0, 200);
    EXPECT_EQ(m.received, same->date) << m.text.substr(0, 200);
  }

  // A second run finds everything there and uploads nothing.
  auto second = migrate(dedicated_user(kSource).password);
  ASSERT_EQ(second.exit_code(), 0) << second.trace();
  EXPECT_EQ(second.json->at("totals").at("uploaded"), 0) << second.trace();
  EXPECT_EQ(second.json->at("totals").at("already_there"), messages_.size()) << second.trace();
  EXPECT_EQ(stored_messages(dedicated_user(kTarget)).size(), messages_.size());

  // The maildrop: the same messages and unique-ids, and not one DELE in any session.
  EXPECT_EQ(stat_and_uidl(), before);
  EXPECT_EQ(stored_messages(dedicated_user(kSource)).size(), messages_.size());
  // Dovecot ends each POP3 session's log with "del=DELETED/MESSAGES"; the log is written
  // asynchronously, so the lines are waited for.
  const std::regex session_end("pop3\\(pop3-source@localhost\\).*Disconnected.*del=([0-9]+)/");
  std::vector<std::string> deleted;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  for (;;) {
    deleted.clear();
    auto log = env.read_log_since(mark);
    for (std::sregex_iterator it(log.begin(), log.end(), session_end), end; it != end; ++it)
      deleted.push_back((*it)[1]);
    // Two runs, at least one session each, plus stat_and_uidl()'s own session.
    if (deleted.size() >= 3 || std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(50ms);
  }
  ASSERT_GE(deleted.size(), 3u);
  for (const auto& d : deleted) EXPECT_EQ(d, "0");
}

// Resuming by unique-id: mail that reached the maildrop after a run is all the next run
// uploads.
TEST_P(Pop3SourceTest, MailArrivingLaterIsAllTheNextRunUploads) {
  auto first = migrate(dedicated_user(kSource).password);
  ASSERT_EQ(first.exit_code(), 0) << first.trace();
  save_message(dedicated_user(kSource), "INBOX",
               "From: Ani <ani@example.com>\r\nDate: Wed, 9 Mar 2022 10:00:00 +0200\r\n"
               "Message-ID: <later@example.com>\r\nSubject: arrived later\r\n\r\nNew.\r\n");
  auto next = migrate(dedicated_user(kSource).password);
  ASSERT_EQ(next.exit_code(), 0) << next.trace();
  EXPECT_EQ(next.json->at("totals").at("uploaded"), 1) << next.trace();
  EXPECT_EQ(next.json->at("totals").at("already_there"), messages_.size()) << next.trace();
  auto stored = stored_messages(dedicated_user(kTarget));
  EXPECT_EQ(stored.size(), messages_.size() + 1);
  EXPECT_EQ(
      std::count_if(stored.begin(), stored.end(),
                    [](const StoredMessage& m) { return m.message_id == "<later@example.com>"; }),
      1);
}

TEST_P(Pop3SourceTest, DryRunListsTheInboxWithCountAndSizeAndWritesNothing) {
  auto run = migrate(dedicated_user(kSource).password, {"--dry-run"});
  ASSERT_EQ(run.exit_code(), 0) << run.trace();
  ASSERT_TRUE(run.json) << run.trace();
  const auto& folders = run.json->at("folders");
  ASSERT_EQ(folders.size(), 1u) << run.trace();
  EXPECT_EQ(folders[0].at("source"), "Inbox");
  EXPECT_EQ(folders[0].at("target"), "INBOX");
  EXPECT_EQ(folders[0].at("messages"), messages_.size());
  std::uint64_t bytes = 0;
  for (const auto& m : messages_) bytes += m.text.size();
  EXPECT_EQ(folders[0].at("bytes"), bytes);
  EXPECT_TRUE(stored_messages(dedicated_user(kTarget)).empty());
}

TEST_P(Pop3SourceTest, AWrongPop3PasswordIsAClearErrorAndExit1) {
  auto run = migrate("not-the-password");
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_NE(run.process.err.find("POP3 pop3-source@localhost on localhost:"), std::string::npos)
      << run.trace();
  EXPECT_NE(run.process.err.find("rejected the login"), std::string::npos) << run.trace();
  EXPECT_TRUE(stored_messages(dedicated_user(kTarget)).empty());
}

TEST_P(Pop3SourceTest, AMissingSecondPasswordLineIsAUsageError) {
  const auto& env = DovecotEnvironment::get();
  auto run = run_cli({"migrate", source_url(GetParam()), "--imap",
                      env.endpoint(HostKind::valid, Protocol::imap, Security::tls), "--username",
                      kTarget, "--password-stdin", "--ca-file", env.ca_file.string()},
                     dedicated_user(kTarget).password);
  EXPECT_EQ(run.exit_code(), 2) << run.trace();
  EXPECT_NE(run.process.err.find("no line 2 (the password for pop3-source@localhost on"),
            std::string::npos)
      << run.trace();
}

// The POP3 connection follows the rules every connection follows (DESIGN.md, "TLS").
TEST_P(Pop3SourceTest, TheCertificateIsVerifiedAgainstTheCaFileGiven) {
  auto run = migrate(dedicated_user(kSource).password, {"--dry-run"}, false);
  EXPECT_EQ(run.exit_code(), 1) << run.trace();
  EXPECT_NE(run.process.err.find("POP3 pop3-source@localhost on localhost:"), std::string::npos)
      << run.trace();
  EXPECT_NE(run.process.err.find("certificate"), std::string::npos) << run.trace();
}

TEST_P(Pop3SourceTest, NoPasswordInClearUnlessAllowedAndNoFallbackFromStls) {
  const auto& env = DovecotEnvironment::get();
  const std::string no_tls = "pop3://pop3-source%40localhost@" + env.host(HostKind::no_tls) + ":" +
                             std::to_string(env.port(Protocol::pop3, Security::none));
  auto stls = migrate(dedicated_user(kSource).password, {"--dry-run"}, true, no_tls + "/starttls");
  EXPECT_EQ(stls.exit_code(), 1) << stls.trace();
  EXPECT_NE(stls.process.err.find("STLS"), std::string::npos) << stls.trace();

  auto refused = migrate(dedicated_user(kSource).password, {"--dry-run"}, true, no_tls + "/none");
  EXPECT_EQ(refused.exit_code(), 1) << refused.trace();
  EXPECT_NE(refused.process.err.find("not encrypted, so the password was not sent"),
            std::string::npos)
      << refused.trace();

  auto allowed = migrate(dedicated_user(kSource).password, {"--dry-run", "--allow-plaintext"}, true,
                         no_tls + "/none");
  EXPECT_EQ(allowed.exit_code(), 0) << allowed.trace();
}

INSTANTIATE_TEST_SUITE_P(Security, Pop3SourceTest,
                         ::testing::Values(Security::tls, Security::starttls),
                         [](const auto& param) { return std::string(to_string(param.param)); });

}  // namespace
}  // namespace mailassist::testing
