#pragma once
// What the pages share as the person moves through the wizard: their answers, what the
// engine found, and what they decided. Plain data, touched only on the UI thread; the
// background jobs get copies.
#include <optional>
#include <string>
#include <vector>

#include "app/wizard/model/account_form.hpp"
#include "app/wizard/model/wizard_environment.hpp"
#include "autoconfig/detector.hpp"
#include "autoconfig/server_check.hpp"
#include "migrate/migration.hpp"

namespace mailassist::wizard {

struct WizardState {
  WizardEnvironment environment;
  std::optional<NetworkContext> network;  // built at start; an error is shown on Welcome
  std::string network_error;
  bool indonesian = false;

  // Welcome
  DeviceUse devices = DeviceUse::unknown;
  // Your account
  std::string display_name;
  std::string email;
  std::string password;
  // Finding your settings
  std::optional<autoconfig::Detection> detection;
  bool untrusted_accepted = false;  // the person agreed to use unconfirmed settings
  // Settings (what the account uses: first incoming, first outgoing)
  autoconfig::AccountConfig account;
  bool account_edited = false;
  // Testing
  std::vector<autoconfig::ServerCheck> checks;
  bool certificate_accepted = false;  // the person looked at the certificate and went on
  // Bring your mail
  std::optional<migrate::MigrationReport> migration;
  // Finish
  std::vector<std::string> saved_files;

  autoconfig::Protocol preferred_protocol() const { return recommended_protocol(devices); }
};

}  // namespace mailassist::wizard
