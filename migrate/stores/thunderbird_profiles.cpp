#include "migrate/stores/thunderbird_profiles.hpp"

#include <fstream>
#include <map>
#include <optional>
#include <system_error>

#include "core/ascii.hpp"

namespace mailassist::migrate {
namespace {

namespace fs = std::filesystem;

// One INI section: its name and its key=value lines, in order.
struct IniSection {
  std::string name;
  std::vector<std::pair<std::string, std::string>> values;

  std::optional<std::string> get(std::string_view key) const {
    for (const auto& [k, v] : values)
      if (iequals(k, key)) return v;
    return std::nullopt;
  }
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// Mozilla's INI files: [Section], key=value, ';' or '#' comments, maybe a UTF-8 BOM. A
// hostile file is bounded: at most 1 MB and 4096 lines are read.
std::optional<std::vector<IniSection>> read_ini(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::vector<IniSection> sections;
  std::string line;
  std::size_t total = 0;
  for (int n = 0; n < 4096 && std::getline(in, line); ++n) {
    total += line.size();
    if (total > 1024 * 1024) break;
    std::string_view text = line;
    if (n == 0 && text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    text = trim(text);
    if (text.empty() || text.front() == ';' || text.front() == '#') continue;
    if (text.front() == '[' && text.back() == ']') {
      sections.push_back({std::string(text.substr(1, text.size() - 2)), {}});
      continue;
    }
    auto eq = text.find('=');
    if (eq == std::string_view::npos || sections.empty()) continue;
    sections.back().values.emplace_back(std::string(trim(text.substr(0, eq))),
                                        std::string(trim(text.substr(eq + 1))));
  }
  return sections;
}

fs::path profile_path(const fs::path& root, const std::string& path, bool relative) {
  // Path= uses '/' on every OS when relative (Mozilla's nsIFile::GetRelativeDescriptor).
  auto p = fs::u8path(path);
  return relative ? (root / p).lexically_normal() : p;
}

}  // namespace

Result<std::vector<ThunderbirdProfile>> read_thunderbird_profiles(const fs::path& root) {
  auto ini = read_ini(root / "profiles.ini");
  if (!ini)
    return make_error(ErrorKind::io_error, "cannot read " + (root / "profiles.ini").string());
  // The installations' own defaults (Thunderbird 68+), from profiles.ini and installs.ini.
  std::vector<fs::path> install_defaults;
  auto collect_installs = [&](const std::vector<IniSection>& sections, bool all) {
    for (const auto& s : sections) {
      if (!all && !istarts_with(s.name, "Install")) continue;
      if (auto d = s.get("Default")) install_defaults.push_back(profile_path(root, *d, true));
    }
  };
  collect_installs(*ini, false);
  if (auto installs = read_ini(root / "installs.ini")) collect_installs(*installs, true);

  std::vector<ThunderbirdProfile> profiles;
  for (const auto& s : *ini) {
    if (!istarts_with(s.name, "Profile")) continue;
    auto path = s.get("Path");
    if (!path || path->empty()) continue;
    bool relative = s.get("IsRelative").value_or("0") == "1";
    ThunderbirdProfile p;
    p.path = profile_path(root, *path, relative);
    p.name = s.get("Name").value_or(p.path.filename().string());
    p.is_default = s.get("Default").value_or("0") == "1";
    profiles.push_back(std::move(p));
  }
  if (!install_defaults.empty()) {
    for (auto& p : profiles) {
      p.is_default = false;
      for (const auto& d : install_defaults)
        if (p.path.lexically_normal() == d.lexically_normal()) p.is_default = true;
    }
  }
  return profiles;
}

Result<std::vector<ThunderbirdProfile>> find_thunderbird_profiles() {
  std::vector<ThunderbirdProfile> all;
  std::string looked;
  for (const auto& root : thunderbird_profile_roots()) {
    looked += (looked.empty() ? "" : ", ") + root.string();
    std::error_code ec;
    if (!fs::exists(root / "profiles.ini", ec)) continue;
    auto found = read_thunderbird_profiles(root);
    if (!found) return found.error();
    for (auto& p : *found) all.push_back(std::move(p));
  }
  if (all.empty())
    return make_error(ErrorKind::invalid_input,
                      "no Thunderbird profile found (looked in " +
                          (looked.empty() ? std::string("no place: HOME/APPDATA unset") : looked) +
                          ")");
  return all;
}

}  // namespace mailassist::migrate
