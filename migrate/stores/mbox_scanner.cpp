#include "migrate/stores/mbox_scanner.hpp"

#include <charconv>
#include <cstring>
#include <optional>

#include "migrate/stores/crlf_reader.hpp"
#include "migrate/stores/header_fields.hpp"
#include "migrate/stores/line_reader.hpp"
#include "migrate/stores/message_date.hpp"
#include "migrate/stores/message_flags.hpp"

namespace mailassist::migrate {
namespace {

std::optional<std::uint64_t> parse_u64(std::string_view text) {
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

// "Name:" at the start of a line: a field name of printable ASCII, then a colon (RFC 5322
// section 2.2; obsolete syntax allows white space before the colon).
bool looks_like_header_field(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && i < 200 && line[i] > 32 && line[i] < 127 && line[i] != ':') ++i;
  std::size_t name_end = i;
  while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
  return name_end > 0 && i < line.size() && line[i] == ':';
}

class MboxScan {
 public:
  MboxScan(const std::filesystem::path& file, const std::string& label, const EnvelopeSink& sink,
           const ProblemSink& problems)
      : file_(file), label_(label), sink_(sink), problems_(problems) {}

  Result<void> run(const CancelToken& cancel, MboxScanStats* stats) {
    if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
    auto opened = LineReader::open(file_);
    if (!opened) return opened.error();
    LineReader& lines = *opened;
    LinePiece p;
    bool prev_blank = false;
    bool last_line_ended = true;
    std::uint64_t eof = 0;
    for (;;) {
      auto got = lines.next(p);
      if (!got)
        return make_error(ErrorKind::io_error,
                          "reading " + file_.string() + ": " + got.error().message);
      if (!*got) break;
      eof = p.end_offset();
      last_line_ended = p.line_end;
      if (stashed_) {
        // A From_ line without a blank line before it starts a message only if a header
        // field follows it; otherwise it was an unquoted body line.
        stashed_ = false;
        LinePiece from_line{stash_text_, stash_offset_, true, true, stash_terminator_};
        if (p.line_start && looks_like_header_field(p.text)) {
          if (!finish_message(/*keep_pending_blank=*/false, stash_offset_)) return stop();
          if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
          start_message(from_line);
        } else {
          add_piece(from_line, false);
        }
      }
      if (!p.line_start) {
        if (state_ == State::message) add_piece(p, false);
        prev_blank = false;
        continue;
      }
      bool blank = p.line_end && p.text.empty();
      bool from = p.line_end && p.text.starts_with("From ") && is_from_line(p.text);
      switch (state_) {
        case State::before_first:
          // The file's first line may be any "From " line: nothing else can be there, and
          // some writers put no date on it (the Date header is used then).
          if (from || (p.line_end && p.text.starts_with("From "))) {
            start_message(p);
          } else if (!blank) {
            begin_corrupt(p.offset, "text before the first From_ line");
          }
          break;
        case State::corrupt:
          if (from) {
            end_corrupt(p.offset);
            start_message(p);
          }
          break;
        case State::message:
          if (from && prev_blank) {
            if (!finish_message(/*keep_pending_blank=*/false, cur_.blank_offset)) return stop();
            if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
            start_message(p);
          } else if (from) {
            stashed_ = true;  // decided by the next line
            stash_text_.assign(p.text);
            stash_offset_ = p.offset;
            stash_terminator_ = p.terminator;
          } else if (std::memchr(p.text.data(), '\0', p.text.size())) {
            if (!finish_message(/*keep_pending_blank=*/true, p.offset, /*cut=*/true)) return stop();
            begin_corrupt(p.offset, "NUL bytes");
          } else {
            add_piece(p, blank);
          }
          break;
      }
      prev_blank = blank;
    }
    if (stashed_)
      add_piece(LinePiece{stash_text_, stash_offset_, true, true, stash_terminator_}, false);
    if (state_ == State::message) {
      if (!last_line_ended)
        report(eof, "the file ends in the middle of a line: message " + std::to_string(number_) +
                        " may be truncated");
      if (!finish_message(false, cur_.pending_blank ? cur_.blank_offset : eof)) return stop();
    } else if (state_ == State::corrupt) {
      end_corrupt(eof);
    }
    if (stats) {
      stats->bytes_read = lines.bytes_read();
      stats->largest_read = lines.largest_read();
      stats->messages = number_;
    }
    return ok();
  }

 private:
  enum class State { before_first, message, corrupt };

  struct Current {
    std::uint64_t from_offset = 0;
    std::uint64_t size = 0;         // CRLF bytes so far, without a pending blank line
    std::uint64_t header_size = 0;  // CRLF bytes of the header section
    std::uint64_t body_begin = 0;   // file offset after the blank line ending the header
    bool in_headers = true;
    bool pending_blank = false;  // a blank line that is the separator if a From_ follows
    std::uint64_t blank_offset = 0;
    std::optional<imap::InternalDate> from_date;
  };

  Result<void> stop() { return ok(); }

  void report(std::uint64_t offset, std::string message) {
    if (problems_)
      problems_(
          StoreProblem{file_.string() + " at byte " + std::to_string(offset), std::move(message)});
  }

  void start_message(const LinePiece& from_line) {
    state_ = State::message;
    ++number_;
    cur_ = Current{};
    cur_.from_offset = from_line.offset;
    cur_.from_date = parse_from_line_date(from_line.text);
    headers_.clear();
  }

  void add_piece(const LinePiece& p, bool blank) {
    if (cur_.pending_blank) {
      cur_.size += 2;
      cur_.pending_blank = false;
    }
    if (blank) {
      if (cur_.in_headers) {
        cur_.in_headers = false;
        cur_.header_size = cur_.size;
        cur_.body_begin = p.end_offset();
      }
      cur_.pending_blank = true;
      cur_.blank_offset = p.offset;
      return;
    }
    if (cur_.in_headers) headers_.add(p);
    cur_.size += crlf_size_of(p, /*unquote_from=*/true);
  }

  // Hands the current message to the sink; false if the sink wants no more.
  bool finish_message(bool keep_pending_blank, std::uint64_t end, bool cut = false) {
    state_ = State::corrupt;
    if (keep_pending_blank && cur_.pending_blank) cur_.size += 2;
    std::string where =
        "message " + std::to_string(number_) + " at byte " + std::to_string(cur_.from_offset);
    if (cut) report(end, where + " is cut short by a corrupt region");
    if (cur_.size == 0) {
      report(cur_.from_offset, where + " is empty and is left out");
      return true;
    }
    check_content_length(where);
    MessageEnvelope envelope;
    envelope.key = std::to_string(cur_.from_offset) + "-" + std::to_string(end);
    envelope.location = label_ + ", " + where;
    envelope.size = cur_.size;
    apply_header_flags(headers_, envelope);
    envelope.date = cur_.from_date;
    if (!envelope.date) envelope.date = parse_rfc5322_date(headers_.value(HeaderField::date));
    if (!envelope.date) {
      if (!file_time_) file_time_ = file_date(file_);
      envelope.date = *file_time_;
    }
    envelope.message_id = message_id_of(headers_.value(HeaderField::message_id));
    return !sink_ || sink_(envelope);
  }

  // Content-Length is only a hint: a body shorter than it says, even counted with CRLF
  // line ends, means the message was cut off (a crash while writing).
  void check_content_length(const std::string& where) {
    if (!headers_.has(HeaderField::content_length)) return;
    auto declared = parse_u64(headers_.value(HeaderField::content_length));
    if (!declared) return;
    std::uint64_t body = cur_.in_headers ? 0 : cur_.size - cur_.header_size - 2;
    if (*declared > body)
      report(cur_.from_offset, where + " has " + std::to_string(body) +
                                   " body bytes but its Content-Length says " +
                                   std::to_string(*declared) + ": it may be truncated");
  }

  void begin_corrupt(std::uint64_t offset, std::string reason) {
    state_ = State::corrupt;
    corrupt_begin_ = offset;
    corrupt_reason_ = std::move(reason);
  }

  void end_corrupt(std::uint64_t end) {
    if (corrupt_reason_.empty()) return;  // after a message: nothing was skipped
    report(corrupt_begin_, "corrupt region skipped (" + corrupt_reason_ + "): bytes " +
                               std::to_string(corrupt_begin_) + " to " + std::to_string(end) +
                               " (" + std::to_string(end - corrupt_begin_) + " bytes)");
    corrupt_reason_.clear();
  }

  const std::filesystem::path& file_;
  const std::string& label_;
  const EnvelopeSink& sink_;
  const ProblemSink& problems_;
  State state_ = State::before_first;
  Current cur_;
  HeaderFields headers_;
  std::size_t number_ = 0;
  std::uint64_t corrupt_begin_ = 0;
  std::string corrupt_reason_;
  std::optional<std::optional<imap::InternalDate>> file_time_;
  bool stashed_ = false;  // a From_ line not after a blank line, waiting for the next line
  std::string stash_text_;
  std::uint64_t stash_offset_ = 0;
  std::uint8_t stash_terminator_ = 0;
};

}  // namespace

Result<void> scan_mbox(const std::filesystem::path& file, const std::string& label,
                       const EnvelopeSink& sink, const ProblemSink& problems,
                       const CancelToken& cancel, MboxScanStats* stats) {
  return MboxScan(file, label, sink, problems).run(cancel, stats);
}

Result<std::unique_ptr<MessageReader>> open_mbox_message(const std::filesystem::path& file,
                                                         const MessageEnvelope& message) {
  auto dash = message.key.find('-');
  auto from = parse_u64(std::string_view(message.key).substr(0, dash));
  auto end = dash == std::string::npos ? std::nullopt
                                       : parse_u64(std::string_view(message.key).substr(dash + 1));
  if (!from || !end || *end < *from)
    return make_error(ErrorKind::invalid_input, "not an mbox message key: " + message.key);
  // Skip the From_ line, checking that it still is one: the file may have been compacted.
  auto lines = LineReader::open(file, *from, *end);
  if (!lines) return lines.error();
  LinePiece p;
  std::uint64_t content_begin = 0;
  bool first = true;
  for (;;) {
    auto got = lines->next(p);
    if (!got) return got.error();
    if (!*got || (first && !p.text.starts_with("From ")))
      return make_error(ErrorKind::io_error, message.location + " in " + file.string() +
                                                 " changed since it was scanned");
    first = false;
    if (p.line_end) {
      content_begin = p.end_offset();
      break;
    }
  }
  return open_crlf_range(CrlfRange{file, content_begin, *end, /*unquote_from=*/true, message.size,
                                   message.location + " in " + file.string()});
}

}  // namespace mailassist::migrate
