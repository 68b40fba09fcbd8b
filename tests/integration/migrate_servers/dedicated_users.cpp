#include "dedicated_users.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "subprocess.hpp"

namespace mailassist::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kDoveadm = "/usr/bin/doveadm";  // run_process() does not search PATH

std::vector<DedicatedUser> load_users() {
  const auto& env = DovecotEnvironment::get();
  std::ifstream in(env.dir / "env.json");
  auto doc = json::parse(in);
  std::vector<DedicatedUser> out;
  for (const auto& u : doc.at("migration_users")) {
    out.push_back({u.at("email"), u.at("password"), u.at("namespace_prefix"), u.at("separator")});
  }
  return out;
}

}  // namespace

const DedicatedUser& dedicated_user(const std::string& email) {
  static const std::vector<DedicatedUser> users = load_users();
  for (const auto& u : users)
    if (u.email == email) return u;
  throw std::runtime_error("the Dovecot fixture has no migration user " + email);
}

DedicatedMail::DedicatedMail(const std::string& lock_name, const std::vector<std::string>& emails) {
  const auto& env = DovecotEnvironment::get();
  lock_ = ::open((env.dir / (lock_name + ".lock")).c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0600);
  if (lock_ < 0 || ::flock(lock_, LOCK_EX) != 0)
    throw std::runtime_error("cannot lock " + lock_name);
  // Dovecot creates the mail directory again at the next login or doveadm call.
  for (const auto& email : emails) fs::remove_all(env.dir / "mail" / email);
}

DedicatedMail::~DedicatedMail() {
  if (lock_ >= 0) ::close(lock_);
}

std::vector<std::string> doveadm(const DedicatedUser& user, std::vector<std::string> args) {
  const auto& env = DovecotEnvironment::get();
  std::vector<std::string> argv{kDoveadm, "-c", env.config.string()};
  if (!user.namespace_prefix.empty()) {
    argv.insert(argv.end(), {"-o", "namespace/inbox/prefix=" + user.namespace_prefix, "-o",
                             "namespace/inbox/separator=" + user.separator});
  }
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

void save_message(const DedicatedUser& user, const std::string& mailbox, const std::string& text) {
  auto result = run_process(doveadm(user, {"save", "-u", user.email, "-m", mailbox}), text,
                            std::chrono::seconds(30));
  ASSERT_EQ(result.exit_code, 0) << describe(result);
}

std::vector<StoredMessage> stored_messages(const DedicatedUser& user) {
  auto result = run_process(
      doveadm(user, {"-f", "json", "fetch", "-u", user.email,
                     "mailbox flags date.received.unixtime hdr.message-id text", "all"}),
      "", std::chrono::seconds(60));
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  std::vector<StoredMessage> out;
  for (const auto& m : json::parse(result.out.empty() ? "[]" : result.out)) {
    StoredMessage s;
    s.mailbox = m.at("mailbox");
    s.message_id = m.value("hdr.message-id", "");
    s.received = std::stoll(m.at("date.received.unixtime").get<std::string>());
    s.flags = m.at("flags");
    if (auto recent = s.flags.find("\\Recent"); recent != std::string::npos)
      s.flags.erase(recent, 7);
    while (!s.flags.empty() && s.flags.back() == ' ') s.flags.pop_back();
    while (!s.flags.empty() && s.flags.front() == ' ') s.flags.erase(0, 1);
    s.text = m.at("text");
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> mailbox_names(const DedicatedUser& user) {
  auto result = run_process(doveadm(user, {"mailbox", "list", "-u", user.email}), "",
                            std::chrono::seconds(30));
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < result.out.size()) {
    auto end = result.out.find('\n', start);
    if (end == std::string::npos) end = result.out.size();
    if (end > start) out.push_back(result.out.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace mailassist::testing
