#pragma once
// An Apple configuration profile (.mobileconfig, an XML property list) that adds the mail
// account on iPhone, iPad and Mac: a top-level "Configuration" payload holding one
// com.apple.mail.managed payload. Identifiers are stable (the same address gives the same
// PayloadIdentifier, so installing a newer profile replaces the old one); PayloadUUIDs are
// new for every profile. Keys: apple/device-management, mdm/profiles/TopLevel.yaml and
// com.apple.mail.managed.yaml (developer.apple.com/documentation/devicemanagement/mail).
#include <optional>
#include <string>
#include <string_view>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"
#include "exporters/exported_text.hpp"

namespace mailassist::exporters {

struct MobileconfigOptions {
  std::string email;
  // Written as IncomingPassword/OutgoingPassword only when given; by default the device
  // asks for it while the profile is installed.
  std::optional<std::string> password;
  // Empty: a fresh random UUID each (tests give fixed ones to compare whole files).
  std::string profile_uuid;
  std::string payload_uuid;
};

// The account for options.email: the first incoming server (IMAP or POP3) and the first
// SMTP server, username templates expanded. invalid_input when either is missing (Apple
// requires both host names).
Result<ExportedText> write_mobileconfig(const autoconfig::AccountConfig& config,
                                        const MobileconfigOptions& options);

// "example.test" -> "test.example": the reverse-DNS prefix of the profile's identifiers.
std::string reverse_dns(std::string_view domain);

}  // namespace mailassist::exporters
