#pragma once
// Helpers for the stores' tests: a temporary directory that removes itself, files written
// from strings, and a message read back in small pieces through MailStore::open.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("mailassist-stores-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(std::string_view name) const {
    return path_ / std::filesystem::u8path(name);
  }

  // Writes `bytes` to `name` (a relative path, UTF-8), creating directories on the way.
  std::filesystem::path write(std::string_view name, std::string_view bytes) const {
    auto file = *this / name;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return file;
  }

 private:
  std::filesystem::path path_;
};

// Every byte of one message through the store's reader, `chunk` bytes at a time.
inline std::string read_message(MailStore& store, const SourceFolder& folder,
                                const MessageEnvelope& message, std::size_t chunk = 7) {
  auto reader = store.open(folder, message);
  EXPECT_TRUE(reader) << (reader ? "" : reader.error().message);
  if (!reader) return {};
  std::string out;
  std::vector<char> buffer(chunk);
  for (;;) {
    auto n = (*reader)->read(buffer);
    EXPECT_TRUE(n) << (n ? "" : n.error().message);
    if (!n || *n == 0) break;
    out.append(buffer.data(), *n);
  }
  return out;
}

struct Scanned {
  std::vector<MessageEnvelope> messages;
  std::vector<StoreProblem> problems;
};

inline Scanned scan_all(MailStore& store, const SourceFolder& folder) {
  Scanned out;
  auto r = store.scan(
      folder,
      [&](const MessageEnvelope& m) {
        out.messages.push_back(m);
        return true;
      },
      [&](const StoreProblem& p) { out.problems.push_back(p); }, CancelToken{});
  EXPECT_TRUE(r) << (r ? "" : r.error().message);
  return out;
}

// A file's size, modification time and a hash of its bytes: equal before and after a scan
// proves the store did not touch it.
struct FileFingerprint {
  std::uintmax_t size = 0;
  std::filesystem::file_time_type mtime;
  std::size_t hash = 0;
  bool operator==(const FileFingerprint&) const = default;
};

inline FileFingerprint fingerprint(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return {std::filesystem::file_size(file), std::filesystem::last_write_time(file),
          std::hash<std::string>{}(bytes)};
}

}  // namespace mailassist::migrate::testing
