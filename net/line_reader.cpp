#include "net/line_reader.hpp"

#include <array>
#include <cstring>

namespace mailassist::net {

namespace {
constexpr std::size_t kReadChunk = 16 * 1024;
}

LineReader::LineReader(std::unique_ptr<Stream> stream, std::size_t max_line)
    : stream_(std::move(stream)), max_line_(max_line) {}

// A server that never stops sending keeps data always available, so the socket's poll never
// waits and never sees the deadline: every read checks it first.
Error LineReader::deadline_passed() const {
  return make_error(ErrorKind::timeout,
                    "the server at " + stream_->peer() + " did not finish its reply in time");
}

Result<void> LineReader::fill(Deadline deadline) {
  if (deadline.expired()) return deadline_passed();
  // Drop the consumed prefix before growing, so the buffer stays bounded by max_line plus
  // one chunk however long the session runs.
  if (start_ > 0) {
    buffer_.erase(0, start_);
    start_ = 0;
  }
  std::array<char, kReadChunk> chunk{};
  auto got = stream_->read_some(chunk, deadline);
  if (!got) return std::move(got).error();
  if (*got == 0) {
    return make_error(ErrorKind::connection_closed,
                      "the server at " + stream_->peer() + " closed the connection");
  }
  buffer_.append(chunk.data(), *got);
  return ok();
}

Result<std::string> LineReader::read_line(Deadline deadline) {
  std::size_t scanned = 0;  // bytes after start_ already searched for '\n'
  for (;;) {
    auto newline = buffer_.find('\n', start_ + scanned);
    if (newline != std::string::npos) {
      std::size_t end = newline;
      if (end > start_ && buffer_[end - 1] == '\r') --end;
      if (end - start_ > max_line_) break;
      std::string line = buffer_.substr(start_, end - start_);
      start_ = newline + 1;
      return line;
    }
    scanned = buffer_.size() - start_;
    if (scanned > max_line_ + 1) break;  // +1: the CR of a line of exactly max_line
    auto filled = fill(deadline);        // may compact the buffer; `scanned` stays relative
    if (!filled) return std::move(filled).error();
  }
  return make_error(ErrorKind::protocol_error, "the server at " + stream_->peer() +
                                                   " sent a line longer than " +
                                                   std::to_string(max_line_) + " bytes");
}

Result<std::string> LineReader::read_exact(std::size_t count, Deadline deadline) {
  std::string out;
  std::size_t have = std::min(count, buffer_.size() - start_);
  out.reserve(count);
  out.append(buffer_, start_, have);
  start_ += have;
  std::array<char, kReadChunk> chunk{};
  while (out.size() < count) {
    if (deadline.expired()) return deadline_passed();
    auto want = std::min(chunk.size(), count - out.size());
    auto got = stream_->read_some(std::span<char>(chunk.data(), want), deadline);
    if (!got) return std::move(got).error();
    if (*got == 0) {
      return make_error(ErrorKind::connection_closed,
                        "the server at " + stream_->peer() + " closed the connection after " +
                            std::to_string(out.size()) + " of " + std::to_string(count) + " bytes");
    }
    out.append(chunk.data(), *got);
  }
  return out;
}

Result<void> LineReader::write_all(std::string_view bytes, Deadline deadline) {
  return stream_->write_all(bytes, deadline);
}

Result<void> LineReader::start_tls(Deadline deadline) {
  buffer_.clear();
  start_ = 0;
  return stream_->start_tls(deadline);
}

}  // namespace mailassist::net
