#pragma once
// The MX source's decisions, as pure functions of the answers (mx_source.cpp does the I/O).
//
// A custom domain usually publishes no settings of its own, but its MX record says who
// receives its mail, and that provider's settings are the domain's (Thunderbird does the
// same, Mozilla bug 551519). So: take the most preferred MX host; if it belongs to the
// domain itself it adds nothing; otherwise look for the provider by the MX host (bundled
// presets by MX pattern, then by the host's parent and registrable domain), and else ask
// the ISPDB and the provider's autoconfig host for those domains.
//
// Trust: the MX record is plain DNS (not DNSSEC-verified here), so whoever can forge it
// chooses the provider. DESIGN.md marks every setting reached through an MX target outside
// the domain untrusted, so the wizard asks before using it — also for a bundled provider
// (a forged MX could only send the user to, say, Google, but the person should still see
// why these settings were chosen). Every warning names the MX host.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "autoconfig/account_config.hpp"
#include "autoconfig/preset_catalog.hpp"
#include "net/resolver.hpp"

namespace mailassist::autoconfig {

// The host of the most preferred MX record (RFC 5321 section 5.1: lowest preference; among
// equals the smaller name, so the answer is the same on every run), normalized. Empty when
// there is none, or only a null MX ("0 .", RFC 7505: the domain accepts no mail).
std::string most_preferred_mx(const std::vector<net::MxRecord>& records);

// True when the MX host belongs to the address's domain: it is the domain or below it, or
// its registrable domain is the domain. Such an MX adds nothing to what the domain's own
// lookups find.
bool is_own_mx(std::string_view mx_host, std::string_view domain);

// The domains to ask the ISPDB and autoconfig about, in order: the MX host's parent domain,
// then its registrable domain; without repeats, without the address's own domain (its own
// sources ask that) and without anything that is not a plain DNS name.
std::vector<std::string> mx_provider_domains(std::string_view mx_host, std::string_view domain);

// https://autoconfig.PROVIDER/mail/config-v1.1.xml
std::string mx_autoconfig_url(std::string_view provider_domain);

struct MxPreset {
  const AccountConfig* preset = nullptr;
  std::string matched_by;  // "MX pattern", or the domain the preset was found by
};

// A bundled preset for the provider behind `mx_host`: by the presets' MX patterns, else by
// the host's parent or registrable domain.
MxPreset find_mx_preset(const PresetCatalog& catalog, std::string_view mx_host);

// The preset as the MX source's answer: source "mx", untrusted, and a warning that says the
// settings were chosen because the domain's mail goes to that provider.
AccountConfig config_from_mx_preset(const AccountConfig& preset, std::string_view mx_host,
                                    std::string_view domain);

// Marks settings found for the MX host's provider (ISPDB, autoconfig) as the MX source's:
// source "mx", untrusted, with a warning naming the MX host.
void mark_from_mx_provider(AccountConfig& config, std::string_view mx_host,
                           std::string_view domain);

}  // namespace mailassist::autoconfig
