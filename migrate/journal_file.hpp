#pragma once
// The few file operations the journal needs that std::filesystem lacks: appending with
// fsync, and replacing a file atomically (write-new, fsync, rename, fsync the directory).
// POSIX in journal_file_posix.cpp; a Windows port needs FlushFileBuffers and
// MoveFileExW(MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH).
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "core/result.hpp"

namespace mailassist::migrate {

class AppendFile {
 public:
  AppendFile() = default;
  ~AppendFile();
  AppendFile(AppendFile&& other) noexcept;
  AppendFile& operator=(AppendFile&& other) noexcept;
  AppendFile(const AppendFile&) = delete;
  AppendFile& operator=(const AppendFile&) = delete;

  // Opens (creating) `path` for appending, after cutting it to `keep` bytes: a torn last
  // record is removed before anything is written after it.
  static Result<AppendFile> open(const std::filesystem::path& path, std::uintmax_t keep);

  Result<void> append(std::string_view bytes);
  // fdatasync(2): the appended records survive a power loss once this returns.
  Result<void> sync();
  bool is_open() const { return fd_ >= 0; }

 private:
  explicit AppendFile(int fd, std::filesystem::path path) : fd_(fd), path_(std::move(path)) {}
  int fd_ = -1;
  std::filesystem::path path_;
};

// An exclusive lock on a state directory (flock(2) on DIR/lock), held while it lives: two
// runs appending to one journal would interleave their records.
class DirectoryLock {
 public:
  DirectoryLock() = default;
  ~DirectoryLock();
  DirectoryLock(DirectoryLock&& other) noexcept;
  DirectoryLock& operator=(DirectoryLock&& other) noexcept;
  DirectoryLock(const DirectoryLock&) = delete;
  DirectoryLock& operator=(const DirectoryLock&) = delete;

  // invalid_input naming the directory when another process holds it.
  static Result<DirectoryLock> acquire(const std::filesystem::path& dir);

 private:
  explicit DirectoryLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// Writes `bytes` to a temporary file beside `path`, syncs it, renames it over `path` and
// syncs the directory, so that `path` holds either the old or the new content, whole.
Result<void> replace_file(const std::filesystem::path& path, std::string_view bytes);

}  // namespace mailassist::migrate
