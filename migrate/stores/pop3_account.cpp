#include "migrate/stores/pop3_account.hpp"

#include <mutex>

#include "migrate/stores/pop3_store.hpp"
#include "net/connect.hpp"

namespace mailassist::migrate {
namespace {

std::string where(const Pop3Account& account) {
  return "POP3 " + account.username + " on " + account.host + ":" + std::to_string(account.port);
}

// One logged-in session: greeting and CAPA (RFC 2449 section 5), STLS where asked (RFC 2595
// section 4: CAPA again afterwards, bytes read before it discarded, both inside
// Pop3Client), then USER/PASS or SASL under the shared plaintext rule.
Result<std::unique_ptr<pop3::Pop3Client>> open_session(const Pop3Account& account, Trace& trace,
                                                       Deadline deadline) {
  net::ConnectOptions options;
  options.tls = account.tls;
  options.resolver = account.resolver;
  options.encryption =
      account.security == Pop3Security::tls ? net::Encryption::implicit_tls : net::Encryption::none;
  auto stream = net::connect({account.host, account.port}, options, deadline);
  if (!stream) return std::move(stream).error();
  auto client = std::make_unique<pop3::Pop3Client>(std::move(*stream), trace);
  if (auto r = client->greet(deadline); !r) return std::move(r).error();
  if (account.security == Pop3Security::starttls) {
    if (auto r = client->start_tls(deadline); !r) return std::move(r).error();
  }
  sasl::Credentials credentials;
  credentials.username = account.username;
  credentials.password = account.password;
  credentials.host = account.host;
  credentials.port = account.port;
  protocols::LoginPolicy policy;
  policy.allow_plaintext = account.allow_plaintext;
  if (auto r = client->login(credentials, policy, deadline); !r) return std::move(r).error();
  return client;
}

// Hands out the session opened by open_pop3_account_store() first, then fresh ones. The
// Trace is shared by every session (it is thread-safe) and lives as long as the store's
// connector, which outlives every session (pop3_store.hpp).
class Pop3Sessions {
 public:
  explicit Pop3Sessions(Pop3Account account) : account_(std::move(account)) {
    trace_ = account_.trace ? std::make_unique<Trace>(account_.trace) : std::make_unique<Trace>();
    trace_->set_label("pop3 " + account_.host + ":" + std::to_string(account_.port));
    trace_->add_secret(account_.password);
  }

  Result<std::unique_ptr<pop3::Pop3Client>> connect(Deadline deadline) {
    {
      std::lock_guard lock(mutex_);
      if (first_) return std::move(first_);
    }
    auto client = open_session(account_, *trace_, deadline);
    if (!client) {
      auto error = std::move(client).error();
      return make_error(error.kind, where(account_) + ": " + error.message);
    }
    return client;
  }

  Result<void> open_first() {
    auto client = connect(Deadline::after(account_.timeout));
    if (!client) return std::move(client).error();
    std::lock_guard lock(mutex_);
    first_ = std::move(*client);
    return ok();
  }

 private:
  Pop3Account account_;
  std::unique_ptr<Trace> trace_;
  std::mutex mutex_;
  std::unique_ptr<pop3::Pop3Client> first_;
};

}  // namespace

std::string describe_pop3_account(const Pop3Account& account) {
  return "POP3 " + account.username + " on " + account.host;
}

Result<std::unique_ptr<MailStore>> open_pop3_account_store(Pop3Account account) {
  Pop3StoreOptions options;
  options.description = describe_pop3_account(account);
  options.command_timeout = account.timeout;
  auto sessions = std::make_shared<Pop3Sessions>(std::move(account));
  if (auto first = sessions->open_first(); !first) return std::move(first).error();
  return make_pop3_store([sessions](Deadline deadline) { return sessions->connect(deadline); },
                         options);
}

}  // namespace mailassist::migrate
