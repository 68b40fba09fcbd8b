#include "migrate/stores/line_reader.hpp"

#include <algorithm>
#include <cstring>

namespace mailassist::migrate {

Result<LineReader> LineReader::open(const std::filesystem::path& path, std::uint64_t begin,
                                    std::uint64_t end, std::size_t buffer_size) {
  // Read-only, binary: the source is never modified and its bytes are never translated.
  std::ifstream file(path, std::ios::in | std::ios::binary);
  if (!file) return make_error(ErrorKind::io_error, "cannot open " + path.string() + " to read");
  if (begin > 0) {
    file.seekg(static_cast<std::streamoff>(begin));
    if (!file)
      return make_error(ErrorKind::io_error,
                        "cannot seek to byte " + std::to_string(begin) + " of " + path.string());
  }
  return LineReader(std::move(file), begin, end < begin ? begin : end,
                    std::max<std::size_t>(buffer_size, 16));
}

LineReader::LineReader(std::ifstream file, std::uint64_t begin, std::uint64_t end, std::size_t size)
    : file_(std::move(file)), buffer_(size), buffer_offset_(begin), remaining_(end - begin) {}

Result<bool> LineReader::refill() {
  if (pos_ > 0) {
    std::memmove(buffer_.data(), buffer_.data() + pos_, len_ - pos_);
    buffer_offset_ += pos_;
    len_ -= pos_;
    pos_ = 0;
  }
  std::size_t room = buffer_.size() - len_;
  if (room == 0 || remaining_ == 0) return false;
  auto want = static_cast<std::size_t>(std::min<std::uint64_t>(room, remaining_));
  file_.read(buffer_.data() + len_, static_cast<std::streamsize>(want));
  auto got = static_cast<std::size_t>(file_.gcount());
  if (got == 0) {
    if (file_.bad()) return make_error(ErrorKind::io_error, "read failed");
    remaining_ = 0;  // the file is shorter than the range: its end is the range's end
    return false;
  }
  len_ += got;
  remaining_ -= got;
  bytes_read_ += got;
  largest_read_ = std::max(largest_read_, got);
  return true;
}

Result<bool> LineReader::next(LinePiece& piece) {
  auto give = [&](std::size_t text_len, std::uint8_t terminator) {
    piece = LinePiece{std::string_view(buffer_.data() + pos_, text_len), buffer_offset_ + pos_,
                      at_line_start_, terminator > 0, terminator};
    pos_ += text_len + terminator;
    at_line_start_ = terminator > 0;
    return true;
  };
  for (;;) {
    const char* begin = buffer_.data() + pos_;
    std::size_t avail = len_ - pos_;
    bool full = pos_ == 0 && len_ == buffer_.size();
    const char* lf = static_cast<const char*>(std::memchr(begin, '\n', avail));
    std::size_t before_lf = lf ? static_cast<std::size_t>(lf - begin) : avail;
    if (const char* cr = static_cast<const char*>(std::memchr(begin, '\r', before_lf))) {
      auto at = static_cast<std::size_t>(cr - begin);
      if (at + 1 < avail) return give(at, begin[at + 1] == '\n' ? 2 : 1);
      // The CR is the last byte held: whether it is CRLF depends on the next byte.
      if (!full) {
        auto more = refill();
        if (!more) return more.error();
        if (*more) continue;
        return give(at, 1);  // a lone CR ends the range
      }
      // The buffer is full of one line: give out what precedes the CR as a piece.
      return at > 0 ? give(at, 0) : give(0, 1);
    }
    if (lf) return give(before_lf, 1);
    if (!full) {
      auto more = refill();
      if (!more) return more.error();
      if (*more) continue;
      if (len_ == pos_) return false;
    }
    // A line longer than the buffer (a piece of it), or the range's last line without an end.
    return give(len_ - pos_, 0);
  }
}

}  // namespace mailassist::migrate
