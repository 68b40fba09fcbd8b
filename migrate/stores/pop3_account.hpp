#pragma once
// The POP3 maildrop `mailassist migrate pop3://USER@HOST...` reads: how to reach it and
// log in, and the read-only store over it (pop3_store.hpp).
//
// Each session is made the way every other connection of ours is: net::connect (through
// the resolver given, so --dns-server applies), implicit TLS (RFC 8314 section 3.3, port
// 995) or STLS (RFC 2595 section 4, port 110) with certificates and the host name
// verified against the TLS context (--ca-file), CAPA (RFC 2449), then the login by
// MailSession::login(), whose plaintext rule is the same as for IMAP: no password over an
// unencrypted connection unless allow_plaintext. STLS that the server does not offer is
// an error, never a fall back to plaintext.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/trace.hpp"
#include "migrate/stores/mail_store.hpp"
#include "net/resolver.hpp"
#include "net/tls_context.hpp"

namespace mailassist::migrate {

enum class Pop3Security { tls, starttls, none };

struct Pop3Account {
  std::string host;
  std::uint16_t port = 995;
  Pop3Security security = Pop3Security::tls;
  std::string username;
  std::string password;
  bool allow_plaintext = false;                // send the password over an unencrypted connection
  std::shared_ptr<const net::TlsContext> tls;  // required unless security is none
  std::shared_ptr<net::Resolver> resolver;     // null: the system's DNS servers
  std::chrono::milliseconds timeout{std::chrono::seconds(60)};  // connect+login, UIDL
  Trace::Sink trace;                                            // -v; null = none
};

// "POP3 USER on HOST": the store's description, which the journal keys records by. Port and
// security are left out so that switching between pop3s and STLS still finds the
// journal of an earlier run.
std::string describe_pop3_account(const Pop3Account& account);

// The read-only store over the maildrop (one folder, Inbox; never DELE). The first session
// is opened here, so that an unreachable server, a certificate problem or a wrong password
// (ErrorKind::auth_failed) is this call's error, named "POP3 USER on HOST:PORT: ...", before
// anything else happens; the store then reuses that session.
Result<std::unique_ptr<MailStore>> open_pop3_account_store(Pop3Account account);

}  // namespace mailassist::migrate
