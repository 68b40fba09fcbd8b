#pragma once
// A POP3 maildrop that still holds mail, as a store with one folder, "Inbox" (RFC 1939).
//
// Read-only: only UIDL and RETR are sent, never DELE (Pop3Client has no DELE at all), so
// the maildrop is left exactly as it was. A message's key is its unique-id (UIDL, RFC
// 1939 section 7), which stays the same across sessions while message numbers may not;
// a server without UIDL cannot be migrated safely (a re-run could not tell what it already
// carried) and is refused.
//
// POP3 has no flags and no arrival date: messages get no flags, and the Date header as
// their date. LIST's size is not trusted for APPEND's literal (servers count line ends
// differently), so the first scan() reads each message with RETR, streaming, to learn its
// exact CRLF size and headers, and the store remembers them for later scans (by unique-id);
// open() reads the message again.
//
// Sessions come from a connector the caller supplies (greeted, STLS done, logged in) and
// are pooled. RFC 1939 section 8 has the server lock the maildrop for a session, so a
// second login at the same time is often refused ([IN-USE], RFC 2449 section 8.1.2):
// by default there is one session, shared in turn by the scan (one RETR at a time) and
// by every reader (each RETRs its message at once, keeping the first reader_buffer bytes
// in memory and the rest in a temporary file, so the session is free again before the
// message is consumed). The Trace the sessions write to must outlive the store.
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "core/deadline.hpp"
#include "migrate/stores/mail_store.hpp"
#include "protocols/pop3/pop3_client.hpp"

namespace mailassist::migrate {

using Pop3Connector = std::function<Result<std::unique_ptr<pop3::Pop3Client>>(Deadline)>;

struct Pop3StoreOptions {
  std::string description;                             // "POP3 ani@pop.example.com"
  std::chrono::milliseconds command_timeout{60'000};   // connect+login, UIDL
  std::chrono::milliseconds message_timeout{600'000};  // one RETR, however large
  std::size_t reader_buffer = 256 * 1024;  // a reader's bytes in memory; more go to a file
  // Sessions at once. 1 for servers that lock the maildrop (RFC 1939 section 8); more only
  // for a server known to allow it.
  std::size_t max_sessions = 1;
  // RFC 1939 section 3: a server may end a session idle for 10 minutes (its autologout
  // timer), some sooner. A pooled session idle for longer than this is closed rather
  // than reused, so a long upload does not meet a dead session at its next RETR.
  std::chrono::milliseconds max_idle{60'000};
};

std::unique_ptr<MailStore> make_pop3_store(Pop3Connector connect, Pop3StoreOptions options);

}  // namespace mailassist::migrate
