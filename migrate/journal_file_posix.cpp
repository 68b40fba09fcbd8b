#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "migrate/journal_file.hpp"

namespace mailassist::migrate {

namespace {

Error io_error(std::string_view what, const std::filesystem::path& path) {
  return make_error(ErrorKind::io_error,
                    std::string(what) + " " + path.string() + ": " + std::strerror(errno));
}

Result<void> write_all(int fd, std::string_view bytes, const std::filesystem::path& path) {
  while (!bytes.empty()) {
    auto n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return io_error("cannot write", path);
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return ok();
}

}  // namespace

AppendFile::~AppendFile() {
  if (fd_ >= 0) ::close(fd_);
}

AppendFile::AppendFile(AppendFile&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), path_(std::move(other.path_)) {}

AppendFile& AppendFile::operator=(AppendFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
    path_ = std::move(other.path_);
  }
  return *this;
}

Result<AppendFile> AppendFile::open(const std::filesystem::path& path, std::uintmax_t keep) {
  // O_APPEND: every write lands at the end, whatever the offset (the lock keeps other
  // writers out; this keeps even a stray one from overwriting records).
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot open", path);
  AppendFile file(fd, path);
  if (::ftruncate(fd, static_cast<off_t>(keep)) != 0) return io_error("cannot truncate", path);
  return file;
}

Result<void> AppendFile::append(std::string_view bytes) {
  return write_all(fd_, bytes, path_);
}

Result<void> AppendFile::sync() {
  if (::fdatasync(fd_) != 0) return io_error("cannot sync", path_);
  return ok();
}

DirectoryLock::~DirectoryLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

DirectoryLock::DirectoryLock(DirectoryLock&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

DirectoryLock& DirectoryLock::operator=(DirectoryLock&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = std::exchange(other.fd_, -1);
  }
  return *this;
}

Result<DirectoryLock> DirectoryLock::acquire(const std::filesystem::path& dir) {
  auto path = dir / "lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot open", path);
  DirectoryLock lock(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return make_error(ErrorKind::invalid_input,
                        "another migration is running with the state directory " + dir.string());
    }
    return io_error("cannot lock", path);
  }
  return lock;
}

Result<void> replace_file(const std::filesystem::path& path, std::string_view bytes) {
  auto temporary = path;
  temporary += ".new";
  int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return io_error("cannot create", temporary);
  auto written = write_all(fd, bytes, temporary);
  bool synced = written && ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return written;
  if (!synced) return io_error("cannot sync", temporary);
  if (::rename(temporary.c_str(), path.c_str()) != 0) return io_error("cannot rename", temporary);
  // The rename itself is durable only once the directory is synced.
  auto dir = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  int dir_fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd < 0) return io_error("cannot open", dir);
  bool dir_synced = ::fsync(dir_fd) == 0;
  ::close(dir_fd);
  if (!dir_synced) return io_error("cannot sync", dir);
  return ok();
}

}  // namespace mailassist::migrate
