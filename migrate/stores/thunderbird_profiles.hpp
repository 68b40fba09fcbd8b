#pragma once
// Where Thunderbird keeps its profiles, from profiles.ini (and installs.ini) in each place
// Thunderbird is installed to:
//   Linux    ~/.thunderbird, ~/snap/thunderbird/common/.thunderbird (Snap),
//            ~/.var/app/org.mozilla.Thunderbird/.thunderbird (Flatpak)
//   Windows  %APPDATA%\Thunderbird
//   macOS    ~/Library/Thunderbird
// HOME and APPDATA are read from the environment (thunderbird_paths.cpp, the only
// OS-specific part), so tests can point them at a temporary directory.
//
// profiles.ini has one [ProfileN] section per profile: Name=, Path= (relative to the
// directory holding profiles.ini when IsRelative=1, else absolute), Default=1. Since
// Thunderbird 68 each installation also records its own default as Default=<path> in an
// [Install<hash>] section of profiles.ini and installs.ini; that one wins over Default=1.
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::migrate {

struct ThunderbirdProfile {
  std::string name;
  std::filesystem::path path;
  bool is_default = false;
};

// The directories that may hold a profiles.ini on this OS, from the environment.
std::vector<std::filesystem::path> thunderbird_profile_roots();

// The profiles one profiles.ini lists (`root` is the directory holding it).
Result<std::vector<ThunderbirdProfile>> read_thunderbird_profiles(
    const std::filesystem::path& root);

// Every profile in every root; invalid_input naming the places looked at when there is none.
Result<std::vector<ThunderbirdProfile>> find_thunderbird_profiles();

}  // namespace mailassist::migrate
