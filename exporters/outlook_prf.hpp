#pragma once
// An Outlook profile file (PRF) for `outlook.exe /importprf FILE`: one POP3 or IMAP account
// with its SMTP server, in the seven-section layout of the Office Resource Kit (sources in
// outlook_prf.cpp). The file holds no password; Outlook asks for it on first use.
//
// A PRF has only on/off for incoming TLS (POP3UseSSL / IMAPUseSSL: TLS from the first
// byte), so an incoming server that offers only STARTTLS cannot be written as it is; the
// writer then prefers an implicit-TLS server of the same protocol, else fails closed and
// says so in a warning (see outlook_prf.cpp).
#include <string_view>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"
#include "exporters/exported_text.hpp"

namespace mailassist::exporters {

// The account for `email`: the first incoming server decides POP3 or IMAP, the first
// outgoing server is the SMTP server; username templates are expanded for `email`.
// invalid_input when there is no POP3/IMAP or no SMTP server (Outlook needs both).
Result<ExportedText> write_outlook_prf(const autoconfig::AccountConfig& config,
                                       std::string_view email);

}  // namespace mailassist::exporters
