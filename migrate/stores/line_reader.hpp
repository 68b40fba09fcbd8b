#pragma once
// Reads a byte range of a file as lines, in one fixed buffer, for every file-based store.
//
// Mail files end lines with CRLF, LF, or (old Mac mail) a lone CR; all three count as a
// line end here, so every store can write CRLF (RFC 9051 section 6.3.12) without caring
// which it read. A line longer than the buffer comes out as several pieces: memory stays
// at the buffer's size whatever the file holds (a 1 GB mbox, a 30 MB base64 line).
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::migrate {

// One piece of a line: a whole line when it fits in the buffer, else a part of one.
struct LinePiece {
  std::string_view text;        // without the line end; valid until the next call to next()
  std::uint64_t offset = 0;     // file offset of text's first byte
  bool line_start = true;       // the piece starts a line (false: continues the previous piece)
  bool line_end = false;        // a line end follows text (false: the line goes on, or EOF)
  std::uint8_t terminator = 0;  // bytes of that line end in the file: 0, 1 (LF/CR), 2 (CRLF)

  std::uint64_t end_offset() const { return offset + text.size() + terminator; }
};

class LineReader {
 public:
  static constexpr std::size_t kDefaultBuffer = 64 * 1024;

  // Reads [begin, end) of `path`; end = UINT64_MAX means to the end of the file.
  static Result<LineReader> open(const std::filesystem::path& path, std::uint64_t begin = 0,
                                 std::uint64_t end = UINT64_MAX,
                                 std::size_t buffer_size = kDefaultBuffer);

  // The next piece, or false at the end of the range.
  Result<bool> next(LinePiece& piece);

  // Bytes of the file read so far (for tests proving bounded, streamed reads).
  std::uint64_t bytes_read() const { return bytes_read_; }
  std::size_t largest_read() const { return largest_read_; }

 private:
  LineReader(std::ifstream file, std::uint64_t begin, std::uint64_t end, std::size_t size);
  // Moves the unread bytes to the front and reads more; false when nothing more came.
  Result<bool> refill();

  std::ifstream file_;
  std::vector<char> buffer_;
  std::size_t pos_ = 0;              // first unread byte in buffer_
  std::size_t len_ = 0;              // bytes held in buffer_
  std::uint64_t buffer_offset_ = 0;  // file offset of buffer_[0]
  std::uint64_t remaining_ = 0;      // bytes of the range not yet read from the file
  bool at_line_start_ = true;
  std::uint64_t bytes_read_ = 0;
  std::size_t largest_read_ = 0;
};

}  // namespace mailassist::migrate
