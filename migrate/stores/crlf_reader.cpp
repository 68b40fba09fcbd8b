#include "migrate/stores/crlf_reader.hpp"

#include <algorithm>
#include <cstring>
#include <optional>

namespace mailassist::migrate {

bool is_quoted_from_line(std::string_view line_start) {
  std::size_t quotes = 0;
  while (quotes < line_start.size() && quotes < kMaxQuoteDepth && line_start[quotes] == '>')
    ++quotes;
  return quotes > 0 && line_start.substr(quotes).starts_with("From ");
}

std::uint64_t crlf_size_of(const LinePiece& piece, bool unquote_from) {
  std::uint64_t size = piece.text.size() + (piece.line_end ? 2 : 0);
  if (unquote_from && piece.line_start && is_quoted_from_line(piece.text)) --size;
  return size;
}

namespace {

class CrlfRangeReader final : public MessageReader {
 public:
  CrlfRangeReader(LineReader lines, CrlfRange range)
      : lines_(std::move(lines)), range_(std::move(range)) {}

  Result<std::size_t> read(std::span<char> buffer) override {
    std::size_t filled = 0;
    while (filled < buffer.size()) {
      if (pending_.empty()) {
        if (done_) break;
        auto more = next_pending();
        if (!more) return more.error();
        if (!*more) {
          done_ = true;
          if (produced_ != range_.expected_size)
            return make_error(ErrorKind::io_error,
                              range_.label +
                                  " changed since it was scanned: " + std::to_string(produced_) +
                                  " bytes instead of " + std::to_string(range_.expected_size));
          break;
        }
      }
      std::size_t n = std::min(pending_.size(), buffer.size() - filled);
      std::memcpy(buffer.data() + filled, pending_.data(), n);
      pending_.remove_prefix(n);
      filled += n;
    }
    return filled;
  }

 private:
  // Makes the next piece's output bytes pending; false at the end of the range.
  Result<bool> next_pending() {
    LinePiece piece;
    for (;;) {
      auto got = lines_.next(piece);
      if (!got) return got.error();
      if (!*got) return false;
      std::string_view text = piece.text;
      if (range_.unquote_from && piece.line_start && is_quoted_from_line(text))
        text.remove_prefix(1);
      if (!piece.line_end) {
        pending_ = text;  // lives in the line reader's buffer until the next call
      } else {
        // Copy so that CRLF can follow the text; at most one buffer's worth.
        scratch_.assign(text);
        scratch_.append("\r\n");
        pending_ = scratch_;
      }
      produced_ += pending_.size();
      if (produced_ > range_.expected_size)
        return make_error(ErrorKind::io_error, range_.label +
                                                   " changed since it was scanned: longer than " +
                                                   std::to_string(range_.expected_size) + " bytes");
      if (!pending_.empty()) return true;
    }
  }

  LineReader lines_;
  CrlfRange range_;
  std::string scratch_;
  std::string_view pending_;
  std::uint64_t produced_ = 0;
  bool done_ = false;
};

}  // namespace

Result<std::unique_ptr<MessageReader>> open_crlf_range(CrlfRange range) {
  auto lines = LineReader::open(range.file, range.begin, range.end);
  if (!lines) return lines.error();
  return std::unique_ptr<MessageReader>(
      std::make_unique<CrlfRangeReader>(std::move(*lines), std::move(range)));
}

}  // namespace mailassist::migrate
