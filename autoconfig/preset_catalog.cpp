#include "autoconfig/preset_catalog.hpp"

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "autoconfig/client_config_xml.hpp"
#include "autoconfig/domain_names.hpp"

namespace mailassist::autoconfig {

namespace {

std::filesystem::path executable_directory() {
  std::error_code error;
  auto self = std::filesystem::read_symlink("/proc/self/exe", error);  // Linux; others: argv[0]
  return error ? std::filesystem::path() : self.parent_path();
}

}  // namespace

bool mx_pattern_matches(std::string_view pattern, std::string_view host) {
  auto p = normalize_host(pattern);
  auto h = normalize_host(host);
  if (p.rfind("*.", 0) != 0) return p == h;
  std::string_view suffix = std::string_view(p).substr(1);  // ".google.com"
  return h.size() > suffix.size() &&
         h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::filesystem::path PresetCatalog::default_directory() {
  if (const char* env = std::getenv("MAILASSIST_PROVIDERS_DIR"); env && *env) return env;
  auto installed = executable_directory() / ".." / "share" / "mailassist" / "providers";
  std::error_code error;
  if (std::filesystem::is_directory(installed, error)) return installed.lexically_normal();
  return MAILASSIST_SOURCE_PROVIDERS_DIR;
}

Result<PresetCatalog> PresetCatalog::load(const std::filesystem::path& dir) {
  std::error_code error;
  std::filesystem::directory_iterator files(dir, error);
  if (error) {
    return make_error(ErrorKind::io_error, "cannot read the provider presets in " + dir.string() +
                                               ": " + error.message());
  }
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : files)
    if (entry.path().extension() == ".xml") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());  // a stable order whatever the file system does

  PresetCatalog catalog;
  for (const auto& path : paths) {
    auto config = load_client_config(path.string());
    if (!config) return std::move(config).error();
    config->provenance.source = "preset";
    config->provenance.url = "providers/" + path.filename().string();
    config->provenance.trusted = true;  // shipped with the program
    catalog.presets_.push_back(std::move(*config));
  }
  return catalog;
}

const AccountConfig* PresetCatalog::find_by_domain(std::string_view domain) const {
  auto wanted = normalize_host(domain);
  for (const auto& preset : presets_)
    for (const auto& d : preset.domains)
      if (normalize_host(d) == wanted) return &preset;
  return nullptr;
}

const AccountConfig* PresetCatalog::find_by_mx_host(std::string_view host) const {
  for (const auto& preset : presets_)
    for (const auto& pattern : preset.mx_patterns)
      if (mx_pattern_matches(pattern, host)) return &preset;
  return nullptr;
}

}  // namespace mailassist::autoconfig
