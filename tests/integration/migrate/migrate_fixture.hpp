#pragma once
// The migration tests' fixture: bob's mailbox tree removed before each test (one test at a
// time, a file lock), the CLI's arguments, and the server read back with doveadm (an
// oracle that shares no code with us).
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "cli_runner.hpp"
#include "corpus.hpp"
#include "dovecot_environment.hpp"
#include "migrate/migration.hpp"
#include "net/tls_context.hpp"

namespace mailassist::testing {

namespace fs = std::filesystem;
using nlohmann::json;

inline constexpr const char* kUser = "bob@localhost";
inline constexpr const char* kDoveadm = "/usr/bin/doveadm";  // run_process() does not search PATH

struct ServerMessage {
  std::string mailbox;
  std::string message_id;
  std::uint64_t size = 0;
  std::vector<std::string> flags;
  std::int64_t date = 0;
  std::string text;
};

// The fixture's Dovecot as run_migration() takes it (the library, as the wizard calls it).
inline migrate::ImapTarget library_target() {
  const auto& env = DovecotEnvironment::get();
  migrate::ImapTarget target;
  target.host = env.host(HostKind::valid);
  target.port = env.port(Protocol::imap, Security::tls);
  target.username = kUser;
  target.password = env.user(kUser).password;
  auto tls = net::TlsContext::create({env.ca_file.string(), false});
  EXPECT_TRUE(tls) << tls.error().message;
  if (tls) target.tls = *tls;
  target.timeout = std::chrono::seconds(20);
  return target;
}

class MigrateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& env = DovecotEnvironment::get();
    setenv("TZ", "UTC", 1);
    lock_ = ::open((env.dir / "migrate-tests.lock").c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    ASSERT_GE(lock_, 0);
    ASSERT_EQ(::flock(lock_, LOCK_EX), 0);
    // A fresh mailbox tree for bob: Dovecot creates it again at the next login.
    fs::remove_all(env.dir / "mail" / kUser);
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("migrate-test-" + std::to_string(rd()));
    fs::create_directories(dir_);
    state_ = dir_ / "state";
  }
  void TearDown() override {
    fs::remove_all(dir_);
    if (lock_ >= 0) ::close(lock_);
  }

  std::vector<std::string> args(const std::string& source, const std::string& endpoint = "") {
    const auto& env = DovecotEnvironment::get();
    return {
        "migrate",
        source,
        "--imap",
        endpoint.empty() ? env.endpoint(HostKind::valid, Protocol::imap, Security::tls) : endpoint,
        "--username",
        kUser,
        "--password-stdin",
        "--ca-file",
        env.ca_file.string(),
        "--state",
        state_.string(),
        "--timeout",
        "20",
        "--json"};
  }
  CliRun migrate(std::vector<std::string> extra = {}, const std::string& endpoint = "") {
    auto a = args(corpus_.profile.string(), endpoint) + extra;
    return run_cli(a, DovecotEnvironment::get().user(kUser).password, std::chrono::seconds(170));
  }

  static std::vector<ServerMessage> server_messages() {
    const auto& env = DovecotEnvironment::get();
    auto result =
        run_process({kDoveadm, "-c", env.config.string(), "-f", "json", "fetch", "-u", kUser,
                     "mailbox flags date.received.unixtime size.virtual "
                     "hdr.message-id text",
                     "all"},
                    "", std::chrono::seconds(60));
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    std::vector<ServerMessage> out;
    auto doc = json::parse(result.out.empty() ? "[]" : result.out);
    for (const auto& m : doc) {
      ServerMessage s;
      s.mailbox = m.at("mailbox");
      s.message_id = m.value("hdr.message-id", "");
      s.size = std::stoull(m.at("size.virtual").get<std::string>());
      s.date = std::stoll(m.at("date.received.unixtime").get<std::string>());
      std::string flags = m.at("flags");
      for (std::size_t start = 0; start < flags.size();) {
        auto space = flags.find(' ', start);
        if (space == std::string::npos) space = flags.size();
        auto flag = flags.substr(start, space - start);
        if (!flag.empty() && flag != "\\Recent") s.flags.push_back(flag);
        start = space + 1;
      }
      std::sort(s.flags.begin(), s.flags.end());
      s.text = m.at("text");
      out.push_back(std::move(s));
    }
    return out;
  }

  // The server holds exactly the corpus's live messages, each once, with flags and date.
  void expect_server_holds_exactly(const Corpus& corpus) {
    auto server = server_messages();
    std::multiset<std::tuple<std::string, std::string, std::uint64_t>> want, have;
    for (const auto& m : corpus.messages)
      if (!m.mailbox.empty()) want.insert({m.mailbox, m.message_id, m.bytes().size()});
    for (const auto& s : server) have.insert({s.mailbox, s.message_id, s.size});
    if (have != want) {
      // The sets are large: say only what differs.
      std::vector<std::tuple<std::string, std::string, std::uint64_t>> missing, extra;
      std::set_difference(want.begin(), want.end(), have.begin(), have.end(),
                          std::back_inserter(missing));
      std::set_difference(have.begin(), have.end(), want.begin(), want.end(),
                          std::back_inserter(extra));
      ADD_FAILURE() << missing.size() << " missing, " << extra.size() << " extra, e.g. "
                    << (missing.empty() ? std::get<1>(extra.front())
                                        : std::get<1>(missing.front()));
    }
    for (const auto& m : corpus.messages) {
      if (m.mailbox.empty() || m.padding > 0) continue;
      auto found = std::find_if(server.begin(), server.end(), [&](const ServerMessage& s) {
        return s.mailbox == m.mailbox && s.message_id == m.message_id && s.size == m.bytes().size();
      });
      if (found == server.end()) continue;  // reported above
      EXPECT_EQ(found->flags, m.flags()) << m.subject;
      EXPECT_EQ(found->date, m.date) << m.subject;
      std::string lf = m.bytes();
      for (auto at = lf.find("\r\n"); at != std::string::npos; at = lf.find("\r\n", at))
        lf.erase(at, 1);
      EXPECT_EQ(found->text.substr(found->text.find("X-Mozilla-Status")), lf) << m.subject;
    }
  }

  // Waits until Dovecot has no session of bob's left. A client killed with kill -9 may
  // leave the server still storing an APPEND whose bytes it had received; until that
  // session ends, the mailbox can still grow.
  static void wait_for_no_sessions() {
    const auto& env = DovecotEnvironment::get();
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < until) {
      auto who = run_process({kDoveadm, "-c", env.config.string(), "who", "-1"}, "",
                             std::chrono::seconds(30));
      if (who.exit_code == 0 && who.out.find(kUser) == std::string::npos) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "bob's sessions did not end";
  }

  // Kills the CLI (with `extra` arguments) once the journal shows a few hundred confirmed
  // messages, then re-runs it: the server must hold exactly one copy of each.
  void kill_nine_then_rerun(const std::vector<std::string>& extra) {
    auto password_file = dir_ / "password";
    std::ofstream(password_file) << DovecotEnvironment::get().user(kUser).password << "\n";
    std::string command = "exec";
    for (const auto& a :
         std::vector<std::string>{cli_path()} + args(corpus_.profile.string()) + extra)
      command += " '" + a + "'";
    command += " < '" + password_file.string() + "' > /dev/null 2>&1";
    {
      ChildProcess child({"/bin/sh", "-c", command});
      // Kill it once the journal shows a few hundred confirmed messages.
      auto journal = state_ / "journal";
      auto until = std::chrono::steady_clock::now() + std::chrono::seconds(120);
      while (std::chrono::steady_clock::now() < until &&
             !(fs::exists(journal) && fs::file_size(journal) > 40000)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      ASSERT_TRUE(fs::exists(journal));
      ::kill(child.pid(), SIGKILL);
      child.wait_exit(std::chrono::seconds(10));
    }
    wait_for_no_sessions();
    auto part = server_messages().size();
    EXPECT_GT(part, 0u);
    EXPECT_LT(part, corpus_.live()) << "killed too late to prove anything";
    auto rerun = migrate(extra);
    ASSERT_EQ(rerun.exit_code(), 0) << rerun.trace();
    EXPECT_EQ(totals(rerun).at("uploaded").get<std::size_t>() +
                  totals(rerun).at("already_there").get<std::size_t>(),
              corpus_.live());
    // What the server held before the re-run is found there, journaled or not.
    EXPECT_EQ(totals(rerun).at("already_there").get<std::size_t>(), part);
    expect_server_holds_exactly(corpus_);
  }

  static const json& totals(const CliRun& run) {
    EXPECT_TRUE(run.json) << run.trace();
    return run.json->at("totals");
  }

  int lock_ = -1;
  fs::path dir_;
  fs::path state_;
  Corpus corpus_;
};

}  // namespace mailassist::testing
