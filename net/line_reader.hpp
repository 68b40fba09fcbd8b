#pragma once
// Line and exact-size reads over a Stream, with a bound on line length so a hostile server
// cannot make us buffer an endless line. All protocol clients read through this.
#include <cstddef>
#include <memory>
#include <string>

#include "net/stream.hpp"

namespace mailassist::net {

class LineReader {
 public:
  static constexpr std::size_t kDefaultMaxLine = 64 * 1024;

  explicit LineReader(std::unique_ptr<Stream> stream, std::size_t max_line = kDefaultMaxLine);

  // Returns one line without its line ending (CRLF, or a bare LF from lenient servers).
  // A line longer than max_line is ErrorKind::protocol_error; a close before the line ends
  // is ErrorKind::connection_closed.
  Result<std::string> read_line(Deadline deadline);

  // Returns exactly `count` bytes (an IMAP literal, say).
  Result<std::string> read_exact(std::size_t count, Deadline deadline);

  Result<void> write_all(std::string_view bytes, Deadline deadline);

  // STARTTLS: bytes the server sent before the handshake are discarded, never read as if
  // they had been protected (RFC 3207 section 4.2, RFC 2595 section 3.1, RFC 9051 6.2.1).
  Result<void> start_tls(Deadline deadline);

  Stream& stream() { return *stream_; }
  const Stream& stream() const { return *stream_; }
  std::size_t buffered() const { return buffer_.size() - start_; }

 private:
  Result<void> fill(Deadline deadline);
  Error deadline_passed() const;

  std::unique_ptr<Stream> stream_;
  std::size_t max_line_;
  std::string buffer_;
  std::size_t start_ = 0;  // consumed prefix of buffer_
};

}  // namespace mailassist::net
