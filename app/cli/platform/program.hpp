#pragma once
// Running another program (a PDF printer such as headless Chromium), one implementation per
// OS (program_posix.cpp here; a Windows build adds program_windows.cpp with CreateProcess).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace mailassist::cli::platform {

// The full path of `name` found on PATH, or nullopt.
std::optional<std::filesystem::path> find_program(const std::string& name);

// Runs argv[0] (a full path) with argv, standard streams on the null device, and waits at
// most `timeout_seconds`, then kills it. The exit status, or nullopt when it could not be
// started, was killed by a signal or ran out of time.
std::optional<int> run_program(const std::vector<std::string>& argv, double timeout_seconds);

// True when this process runs as the superuser (Chromium then needs --no-sandbox).
bool running_as_root();

}  // namespace mailassist::cli::platform
