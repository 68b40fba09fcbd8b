#include "autoconfig/session_factory.hpp"

#include "protocols/imap/client.hpp"
#include "protocols/pop3/pop3_client.hpp"
#include "protocols/smtp/smtp_client.hpp"

namespace mailassist::autoconfig {

std::unique_ptr<protocols::MailSession> open_session(Protocol protocol,
                                                     std::unique_ptr<net::Stream> stream,
                                                     Trace& trace) {
  switch (protocol) {
    case Protocol::imap: return std::make_unique<imap::ImapClient>(std::move(stream), trace);
    case Protocol::pop3: return std::make_unique<pop3::Pop3Client>(std::move(stream), trace);
    case Protocol::smtp: return std::make_unique<smtp::SmtpClient>(std::move(stream), trace);
  }
  return nullptr;
}

}  // namespace mailassist::autoconfig
