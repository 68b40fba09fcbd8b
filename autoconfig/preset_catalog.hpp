#pragma once
// The bundled provider presets (providers/*.xml): found by the address's domain, or by the
// domain's MX host for custom domains hosted at a large provider (Google Workspace,
// Microsoft 365...).
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "autoconfig/account_config.hpp"
#include "core/result.hpp"

namespace mailassist::autoconfig {

class PresetCatalog {
 public:
  // Loads every *.xml file of `dir`. A file that does not parse is an error naming it: the
  // presets ship with the program, so a broken one is a bug to report, not to skip.
  static Result<PresetCatalog> load(const std::filesystem::path& dir);

  // Where the presets are: MAILASSIST_PROVIDERS_DIR if set, else the installed data
  // directory next to the executable (../share/mailassist/providers), else the source tree.
  static std::filesystem::path default_directory();

  // Case-insensitive. Each returned config's provenance names the preset file.
  const AccountConfig* find_by_domain(std::string_view domain) const;
  // `host` matched against each preset's MX patterns ("*.google.com" matches one or more
  // labels before ".google.com"; a pattern without '*' must match exactly).
  const AccountConfig* find_by_mx_host(std::string_view host) const;

  const std::vector<AccountConfig>& presets() const { return presets_; }

 private:
  std::vector<AccountConfig> presets_;
};

// Exposed for tests.
bool mx_pattern_matches(std::string_view pattern, std::string_view host);

}  // namespace mailassist::autoconfig
