#include "exporters/outlook_prf.hpp"

#include <cstdint>
#include <sstream>

namespace mailassist::exporters {

// The layout and key names follow the Microsoft Office Resource Kit: "Outlook Deployment
// Options: Customizing a PRF File" (2004, Outlook 2002/2003; the format is unchanged up to
// Outlook 2016/2019/365, which still run /importprf) and the sample Outlook.prf of
// Microsoft KB Q259957 "Sample Outlook.prf File with Internet E-mail Service". Sections:
//   1 [General]                 profile defaults
//   2 [Service List]            the MAPI services of the profile
//   3 [Internet Account List]   AccountN=I_Mail (POP3) or IMAP_I_Mail (IMAP)
//   4 [ServiceN]                values for each service
//   5 [AccountN]                values for each internet account
//   6 [<service name>]          which MAPI property each service key sets (fixed)
//   7 [I_Mail], [IMAP_I_Mail]   which account property each account key sets (fixed)
// Values of the account properties are those of Outlook's Account Management API
// (learn.microsoft.com, office/client-developer/outlook/auxiliary/
// constants-account-management-api): PROP_SMTP_SECURE_CONNECTION (0x020A) ENCRYPT_CONN_
// NO_SECURITY 0, _SSL 1, _TLS 2 (STARTTLS), _AUTO 3; PROP_SMTP_AUTH_METHOD (0x0208)
// SMTP_AUTH_SAME_AS_POP 0, SMTP_AUTH_USER_PASS 1; PROP_POP_LEAVE_ON_SERVER (0x1000)
// LEAVE_ON_SERVER 0x1 | REMOVE_AFTER 0x2, days in the high 16 bits (SET_REMOVE_AFTER_DAYS).

namespace {

using autoconfig::Protocol;
using autoconfig::Security;
using autoconfig::ServerConfig;

constexpr std::uint32_t kLeaveOnServer = 0x1;
constexpr std::uint32_t kRemoveAfterDays = 0x2;

// Section 7 as the Resource Kit prints it: the account keys and the properties they set.
constexpr const char* kPop3Mapping = R"([I_Mail]
AccountType=POP3
AccountName=PT_UNICODE,0x0002
DisplayName=PT_UNICODE,0x000B
EmailAddress=PT_UNICODE,0x000C
POP3Server=PT_UNICODE,0x0100
POP3UserName=PT_UNICODE,0x0101
POP3UseSPA=PT_LONG,0x0108
Organization=PT_UNICODE,0x0107
ReplyEmailAddress=PT_UNICODE,0x0103
POP3Port=PT_LONG,0x0104
POP3UseSSL=PT_LONG,0x0105
SMTPServer=PT_UNICODE,0x0200
SMTPUseAuth=PT_LONG,0x0203
SMTPAuthMethod=PT_LONG,0x0208
SMTPUserName=PT_UNICODE,0x0204
SMTPUseSPA=PT_LONG,0x0207
ConnectionType=PT_LONG,0x000F
ConnectionOID=PT_UNICODE,0x0010
SMTPPort=PT_LONG,0x0201
SMTPSecureConnection=PT_LONG,0x020A
ServerTimeOut=PT_LONG,0x0209
LeaveOnServer=PT_LONG,0x1000
)";

constexpr const char* kImapMapping = R"([IMAP_I_Mail]
AccountType=IMAP
AccountName=PT_UNICODE,0x0002
DisplayName=PT_UNICODE,0x000B
EmailAddress=PT_UNICODE,0x000C
IMAPServer=PT_UNICODE,0x0100
IMAPUserName=PT_UNICODE,0x0101
IMAPUseSPA=PT_LONG,0x0108
Organization=PT_UNICODE,0x0107
ReplyEmailAddress=PT_UNICODE,0x0103
IMAPPort=PT_LONG,0x0104
IMAPUseSSL=PT_LONG,0x0105
SMTPServer=PT_UNICODE,0x0200
SMTPUseAuth=PT_LONG,0x0203
SMTPAuthMethod=PT_LONG,0x0208
SMTPUserName=PT_UNICODE,0x0204
SMTPUseSPA=PT_LONG,0x0207
ConnectionType=PT_LONG,0x000F
ConnectionOID=PT_UNICODE,0x0010
SMTPPort=PT_LONG,0x0201
SMTPSecureConnection=PT_LONG,0x020A
ServerTimeOut=PT_LONG,0x0209
CheckNewImap=PT_LONG,0x1100
RootFolder=PT_UNICODE,0x1101
)";

// A PRF is an INI file: a value ends at the line end, and a line starting with '[' opens a
// section. Settings can come from a web page, so nothing in a value may start a new line.
std::string ini_value(std::string_view text) {
  std::string out;
  for (char c : text) out += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? ' ' : c;
  return out;
}

bool uses(const ServerConfig& server, std::string_view auth) {
  return !server.auth.empty() && server.auth.front() == auth;
}

// The incoming server to write: the first one, but for a STARTTLS server an implicit-TLS
// server of the same protocol, which a PRF can express, is taken instead.
const ServerConfig& pick_incoming(const autoconfig::AccountConfig& config) {
  const ServerConfig& first = config.incoming.front();
  if (first.security != Security::starttls) return first;
  for (const auto& other : config.incoming)
    if (other.protocol == first.protocol && other.security == Security::tls) return other;
  return first;
}

int smtp_secure_connection(Security security) {
  switch (security) {
    case Security::none: return 0;      // ENCRYPT_CONN_NO_SECURITY
    case Security::tls: return 1;       // ENCRYPT_CONN_SSL
    case Security::starttls: return 2;  // ENCRYPT_CONN_TLS
  }
  return 1;
}

std::uint32_t leave_on_server(const autoconfig::Pop3Options& pop3) {
  if (!pop3.leave_on_server) return 0;
  std::uint32_t value = kLeaveOnServer;
  if (pop3.days_to_leave > 0) {
    auto days =
        static_cast<std::uint32_t>(pop3.days_to_leave > 0xFFFF ? 0xFFFF : pop3.days_to_leave);
    value |= kRemoveAfterDays | (days << 16);
  }
  return value;
}

}  // namespace

Result<ExportedText> write_outlook_prf(const autoconfig::AccountConfig& config,
                                       std::string_view email) {
  if (config.incoming.empty())
    return make_error(ErrorKind::invalid_input,
                      "an Outlook profile needs a POP3 or IMAP server; the settings have none");
  if (config.outgoing.empty())
    return make_error(ErrorKind::invalid_input,
                      "an Outlook profile needs an SMTP server; the settings have none");
  ExportedText result;
  // Outlook reads a PRF in the Windows code page, not UTF-8: say so rather than let a name
  // arrive garbled.
  auto non_ascii = [](std::string_view text) {
    for (char c : text)
      if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
  };
  if (non_ascii(config.display_name) || non_ascii(email)) {
    result.warnings.push_back(
        "the PRF is written in UTF-8 but Outlook reads it in the Windows code page: check the "
        "account name and address after importing");
  }
  const ServerConfig& incoming = pick_incoming(config);
  const ServerConfig& smtp = config.outgoing.front();
  const bool imap = incoming.protocol == Protocol::imap;
  const std::string prefix = imap ? "IMAP" : "POP3";
  const std::string address = ini_value(email);
  const std::string login = ini_value(autoconfig::expand_username(incoming.username, email));
  const std::string smtp_login = ini_value(autoconfig::expand_username(smtp.username, email));
  const std::string name =
      ini_value(config.display_name.empty() ? std::string(email) : config.display_name);

  std::ostringstream out;
  out << "; Outlook profile for " << address << ", written by MailAssist.\r\n"
      << "; Import with: outlook.exe /importprf FILE.prf (Outlook 2007 and later).\r\n"
      << "; No password is in this file: Outlook asks for it when it first connects.\r\n";
  if (incoming.security == Security::starttls) {
    // The PRF's incoming flag is TLS on or off, both from the first byte. Writing "off"
    // would let Outlook send the password in the clear before anyone switches on
    // STARTTLS, so the flag is on: the first connection fails without a password sent.
    out << "; " << prefix << " is offered here only with STARTTLS, which a PRF cannot\r\n"
        << "; express: " << prefix << "UseSSL=1 (TLS from the first byte) fails on port "
        << incoming.port << " before any password is sent. After importing, set the\r\n"
        << "; incoming encryption to STARTTLS ('TLS' in Outlook's account dialog).\r\n";
    result.warnings.push_back(
        "the " + std::string(autoconfig::to_string(incoming.protocol)) + " server " +
        incoming.host + ":" + std::to_string(incoming.port) +
        " is offered only with STARTTLS, which an Outlook PRF cannot express; the profile "
        "asks for TLS from the first byte, so Outlook's first connection fails without "
        "sending the password: after importing, set the incoming encryption to STARTTLS "
        "('TLS') in Outlook's account settings");
  }
  if (uses(incoming, "OAuth2") || uses(smtp, "OAuth2")) {
    result.warnings.push_back(
        "the provider wants OAuth2, which a PRF cannot set up: the account is written with a "
        "password login (Outlook may need an app password, or the account added by hand)");
  }
  if (incoming.security == Security::none || smtp.security == Security::none) {
    result.warnings.push_back(
        "the settings include a server without any encryption: Outlook "
        "will send the password in the clear to it");
  }

  out << "\r\n; Section 1 - Profile defaults\r\n"
      << "[General]\r\n"
      << "Custom=1\r\n"
      << "ProfileName=" << address << "\r\n"
      << "DefaultProfile=Yes\r\n"
      // Append: an existing profile of this name gets the account added, never replaced.
      << "OverwriteProfile=Append\r\n"
      << "ModifyDefaultProfileIfPresent=FALSE\r\n"
      << "\r\n; Section 2 - Services in the profile\r\n"
      << "[Service List]\r\n"
      << "Service1=Outlook Address Book\r\n"
      << "\r\n; Section 3 - Internet accounts (I_Mail = POP3, IMAP_I_Mail = IMAP)\r\n"
      << "[Internet Account List]\r\n"
      << "Account1=" << (imap ? "IMAP_I_Mail" : "I_Mail") << "\r\n"
      << "\r\n; Section 4 - Values for each service\r\n"
      << "[Service1]\r\n"
      << "OverwriteExistingService=No\r\n"
      << "UniqueService=Yes\r\n"
      << "\r\n; Section 5 - Values for each internet account\r\n"
      << "[Account1]\r\n"
      << "AccountName=" << name
      << "\r\n"
      // The sender's name in sent mail: unknown here, so the address until the user edits it.
      << "DisplayName=" << address << "\r\n"
      << "EmailAddress=" << address << "\r\n"
      << prefix << "Server=" << ini_value(incoming.host) << "\r\n"
      << prefix << "UserName=" << login << "\r\n"
      << prefix << "Port=" << incoming.port << "\r\n"
      << prefix << "UseSSL=" << (incoming.security == Security::none ? 0 : 1) << "\r\n"
      << prefix << "UseSPA=" << (uses(incoming, "NTLM") ? 1 : 0) << "\r\n";
  if (!imap) out << "LeaveOnServer=" << leave_on_server(config.pop3) << "\r\n";
  out << "SMTPServer=" << ini_value(smtp.host) << "\r\n"
      << "SMTPPort=" << smtp.port << "\r\n"
      << "SMTPSecureConnection=" << smtp_secure_connection(smtp.security) << "\r\n";
  if (uses(smtp, "none")) {
    out << "SMTPUseAuth=0\r\n";
  } else {
    out << "SMTPUseAuth=1\r\n"
        << "SMTPUseSPA=" << (uses(smtp, "NTLM") ? 1 : 0) << "\r\n";
    if (smtp_login == login) {
      out << "SMTPAuthMethod=0\r\n";  // the incoming server's user name and password
    } else {
      out << "SMTPAuthMethod=1\r\n"
          << "SMTPUserName=" << smtp_login << "\r\n";
    }
  }

  out << "\r\n; Section 6 - Mapping for profile properties. DO NOT MODIFY.\r\n"
      << "[Outlook Address Book]\r\n"
      << "ServiceName=CONTAB\r\n"
      << "\r\n; Section 7 - Mapping for internet account properties. DO NOT MODIFY.\r\n";
  for (const char* mapping : {kPop3Mapping, kImapMapping}) {
    for (std::string_view rest = mapping; !rest.empty();) {
      auto end = rest.find('\n');
      out << rest.substr(0, end) << "\r\n";
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
    out << "\r\n";
  }
  result.text = out.str();
  return result;
}

}  // namespace mailassist::exporters
