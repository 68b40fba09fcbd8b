#include "migrate/stores/thunderbird_accounts.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <system_error>

#include "core/ascii.hpp"

namespace mailassist::migrate {
namespace {

namespace fs = std::filesystem;

struct ServerPrefs {
  std::string type;
  std::string directory_rel;  // "[ProfD]Mail/pop.example.com"
  std::string directory;      // absolute, older profiles
};

// The string value of a user_pref("name", "value"); line; false when it is not one.
bool parse_user_pref(std::string_view line, std::string& name, std::string& value) {
  constexpr std::string_view kStart = "user_pref(\"";
  if (!line.starts_with(kStart)) return false;
  line.remove_prefix(kStart.size());
  auto close = line.find('"');
  if (close == std::string_view::npos) return false;
  name.assign(line.substr(0, close));
  line.remove_prefix(close + 1);
  auto open = line.find('"');
  if (open == std::string_view::npos) return false;
  value.clear();
  for (std::size_t i = open + 1; i < line.size(); ++i) {
    char c = line[i];
    if (c == '\\' && i + 1 < line.size()) {
      value.push_back(line[++i]);  // JavaScript string escape: \" \\ (paths on Windows)
    } else if (c == '"') {
      return true;
    } else {
      value.push_back(c);
    }
  }
  return false;
}

std::map<std::string, ServerPrefs> read_servers(const fs::path& prefs_js) {
  std::map<std::string, ServerPrefs> servers;
  std::ifstream in(prefs_js, std::ios::binary);
  std::string line, name, value;
  for (int n = 0; n < 200000 && std::getline(in, line); ++n) {
    if (!parse_user_pref(line, name, value)) continue;
    constexpr std::string_view kPrefix = "mail.server.";
    if (!name.starts_with(kPrefix)) continue;
    auto rest = std::string_view(name).substr(kPrefix.size());
    auto dot = rest.find('.');
    if (dot == std::string_view::npos) continue;
    auto& server = servers[std::string(rest.substr(0, dot))];
    auto key = rest.substr(dot + 1);
    if (key == "type") server.type = value;
    if (key == "directory-rel") server.directory_rel = value;
    if (key == "directory") server.directory = value;
  }
  return servers;
}

fs::path server_dir(const fs::path& profile, const ServerPrefs& s) {
  constexpr std::string_view kProfD = "[ProfD]";
  if (std::string_view(s.directory_rel).starts_with(kProfD))
    return (profile / fs::u8path(s.directory_rel.substr(kProfD.size()))).lexically_normal();
  if (!s.directory.empty()) return fs::u8path(s.directory);
  return {};
}

std::string utf8_name(const fs::path& p) {
  auto u = p.filename().u8string();
  return std::string(u.begin(), u.end());
}

}  // namespace

std::vector<ThunderbirdAccountDir> thunderbird_account_dirs(const fs::path& profile) {
  std::vector<ThunderbirdAccountDir> dirs;
  std::error_code ec;
  auto add = [&](const fs::path& dir, bool local) {
    if (dir.empty() || !fs::is_directory(dir, ec)) return;
    for (const auto& d : dirs)
      if (d.path == dir) return;
    dirs.push_back({utf8_name(dir), dir, local});
  };
  auto servers = read_servers(profile / "prefs.js");
  bool any_known = false;
  for (const auto& [id, s] : servers) {
    if (s.type == "none") {
      add(server_dir(profile, s), true);
      any_known = true;
    }
  }
  for (const auto& [id, s] : servers) {
    if (s.type == "pop3" || s.type == "movemail") {
      add(server_dir(profile, s), false);
      any_known = true;
    }
  }
  if (any_known) return dirs;
  // No usable prefs.js: every directory of Mail/ but RSS feeds.
  add(profile / "Mail" / "Local Folders", true);
  std::vector<fs::path> others;
  for (fs::directory_iterator it(profile / "Mail", ec), end; !ec && it != end; it.increment(ec))
    if (it->is_directory(ec) && !istarts_with(utf8_name(it->path()), "Feeds"))
      others.push_back(it->path());
  std::sort(others.begin(), others.end());
  for (const auto& p : others) add(p, false);
  return dirs;
}

}  // namespace mailassist::migrate
