#pragma once
// The fixture's users reserved for these tests (env.json "migration_users", see
// tests/fixtures/dovecot), their mail read and written with doveadm: an oracle that
// shares no code with the program under test. Each test holds an exclusive lock on its
// users' mail and starts from empty mailboxes.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "dovecot_environment.hpp"

namespace mailassist::testing {

struct DedicatedUser {
  std::string email;
  std::string password;
  std::string namespace_prefix;  // "" or e.g. "INBOX." (RFC 2342 personal namespace)
  std::string separator;         // the namespace's separator when it has a prefix
};

const DedicatedUser& dedicated_user(const std::string& email);

// flock on DIR/<name>.lock while alive; empties the users' mail directories.
class DedicatedMail {
 public:
  DedicatedMail(const std::string& lock_name, const std::vector<std::string>& emails);
  ~DedicatedMail();
  DedicatedMail(const DedicatedMail&) = delete;
  DedicatedMail& operator=(const DedicatedMail&) = delete;

 private:
  int lock_ = -1;
};

struct StoredMessage {
  std::string mailbox;
  std::string message_id;
  std::int64_t received = 0;  // INTERNALDATE, Unix time
  std::string flags;          // without \Recent
  std::string text;           // the whole message as doveadm prints it
};

// doveadm with the user's namespace settings (doveadm's own userdb lookup does not see
// the passdb's userdb_ fields that a login gets).
std::vector<std::string> doveadm(const DedicatedUser& user, std::vector<std::string> args);
// `doveadm save -u USER -m MAILBOX` of one message.
void save_message(const DedicatedUser& user, const std::string& mailbox, const std::string& text);
std::vector<StoredMessage> stored_messages(const DedicatedUser& user);
std::vector<std::string> mailbox_names(const DedicatedUser& user);

}  // namespace mailassist::testing
