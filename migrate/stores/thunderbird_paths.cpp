// The only place that knows where Thunderbird lives on each OS.
#include <cstdlib>

#include "migrate/stores/thunderbird_profiles.hpp"

namespace mailassist::migrate {
namespace {

std::filesystem::path from_env(const char* name) {
  const char* value = std::getenv(name);
  if (!value || !*value) return {};
  return std::filesystem::u8path(value);
}

}  // namespace

std::vector<std::filesystem::path> thunderbird_profile_roots() {
  std::vector<std::filesystem::path> roots;
#if defined(_WIN32)
  if (auto appdata = from_env("APPDATA"); !appdata.empty())
    roots.push_back(appdata / "Thunderbird");
#elif defined(__APPLE__)
  if (auto home = from_env("HOME"); !home.empty())
    roots.push_back(home / "Library" / "Thunderbird");
#else
  if (auto home = from_env("HOME"); !home.empty()) {
    roots.push_back(home / ".thunderbird");
    roots.push_back(home / "snap" / "thunderbird" / "common" / ".thunderbird");
    roots.push_back(home / ".var" / "app" / "org.mozilla.Thunderbird" / ".thunderbird");
  }
#endif
  return roots;
}

}  // namespace mailassist::migrate
