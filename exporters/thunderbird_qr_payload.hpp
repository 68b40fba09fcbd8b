#pragma once
// The payload of Thunderbird's "Export for Mobile" QR code, format version 1, which
// Thunderbird for Android (formerly K-9 Mail) scans to add an account. Specification:
// thunderbird/thunderbird-android, feature/migration/qrcode/qr-code-format.md ("Version 1
// (2025-02-06)"); the reader's checks: .../qrcode/payload/QrCodePayloadValidator.kt.
//
// The payload is JSON made of nested arrays (compact, because a QR code holds little):
//   [1, [SequenceNumber, SequenceEnd],
//    [IncomingProtocol, Hostname, Port, ConnectionSecurity, AuthenticationType, Username,
//     AccountName?, Password?],
//    [[[0, Hostname, Port, ConnectionSecurity, AuthenticationType, Username, Password?],
//      [EmailAddress, DisplayName]]]]
#include <optional>
#include <string>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"

namespace mailassist::exporters {

struct QrPayloadOptions {
  std::string email;
  // The sender name in the identity ("Jane Doe"); empty lets the person fill it in.
  std::string sender_name;
  // Written only when given (the format makes it optional); by default the app asks.
  std::optional<std::string> password;
};

// One account: the best incoming server (IMAP or POP3) and the best SMTP server, username
// templates expanded for options.email, the provider's display name as the account name.
// invalid_input when the settings cannot be said in this format (a non-ASCII host name or
// address, a line break in a name, no server of a kind, no authentication the app knows):
// settings come from the network, so they are checked, never passed through.
Result<std::string> write_thunderbird_qr_payload(const autoconfig::AccountConfig& config,
                                                 const QrPayloadOptions& options);

}  // namespace mailassist::exporters
