#include "autoconfig/mx_rules.hpp"

#include <algorithm>
#include <tuple>

#include "autoconfig/config_urls.hpp"
#include "autoconfig/domain_names.hpp"

namespace mailassist::autoconfig {

namespace {

std::string provider_name(const AccountConfig& preset) {
  return preset.display_name.empty() ? preset.id : preset.display_name;
}

}  // namespace

std::string most_preferred_mx(const std::vector<net::MxRecord>& records) {
  std::optional<std::tuple<std::uint16_t, std::string>> best;
  for (const auto& record : records) {
    auto host = normalize_host(record.host);
    if (host.empty()) continue;  // null MX (RFC 7505)
    auto key = std::make_tuple(record.preference, host);
    if (!best || key < *best) best = key;
  }
  return best ? std::get<1>(*best) : std::string();
}

bool is_own_mx(std::string_view mx_host, std::string_view domain) {
  if (is_within_domain(mx_host, domain)) return true;
  auto registrable = registrable_domain(mx_host);
  return !registrable.empty() && registrable == normalize_host(domain);
}

std::vector<std::string> mx_provider_domains(std::string_view mx_host, std::string_view domain) {
  std::vector<std::string> domains;
  auto own = normalize_host(domain);
  for (auto candidate : {parent_domain(mx_host), registrable_domain(mx_host)}) {
    if (candidate.empty() || candidate == own || !is_plausible_domain(candidate)) continue;
    if (std::find(domains.begin(), domains.end(), candidate) == domains.end())
      domains.push_back(candidate);
  }
  return domains;
}

std::string mx_autoconfig_url(std::string_view provider_domain) {
  return "https://autoconfig." + std::string(provider_domain) + "/mail/config-v1.1.xml";
}

MxPreset find_mx_preset(const PresetCatalog& catalog, std::string_view mx_host) {
  auto host = normalize_host(mx_host);
  if (const auto* preset = catalog.find_by_mx_host(host)) return {preset, "MX pattern"};
  for (auto candidate : {parent_domain(host), registrable_domain(host)}) {
    if (candidate.empty()) continue;
    if (const auto* preset = catalog.find_by_domain(candidate)) return {preset, candidate};
  }
  return {};
}

AccountConfig config_from_mx_preset(const AccountConfig& preset, std::string_view mx_host,
                                    std::string_view domain) {
  AccountConfig config = preset;
  config.provenance.source = "mx";
  // DESIGN.md: settings reached through an MX target outside the domain are untrusted,
  // and the wizard asks before using them; a known provider only makes the reason clear.
  config.provenance.trusted = false;
  config.provenance.warnings.push_back("settings chosen because the mail of " +
                                       normalize_host(domain) + " goes to " +
                                       provider_name(preset) + " (MX " + normalize_host(mx_host) +
                                       "); the MX record is not DNSSEC-verified");
  return config;
}

void mark_from_mx_provider(AccountConfig& config, std::string_view mx_host,
                           std::string_view domain) {
  config.provenance.source = "mx";
  config.provenance.trusted = false;
  config.provenance.warnings.push_back(
      "settings of the provider that receives the mail of " + normalize_host(domain) + ": its MX " +
      normalize_host(mx_host) + " is outside the domain; confirm before use");
}

}  // namespace mailassist::autoconfig
