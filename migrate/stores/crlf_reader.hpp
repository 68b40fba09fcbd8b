#pragma once
// A MessageReader over a byte range of a file that gives the range's lines with CRLF line
// ends (RFC 9051 section 6.3.12: APPEND wants CRLF), optionally undoing mboxrd ">From "
// quoting. Every file-based store opens its messages through it, so the size a scan
// computes with the same rules (crlf_size_of_line) is exactly the count read() yields.
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "migrate/stores/line_reader.hpp"
#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

// mboxrd quoting (RFC 4155 section 2 and its mboxrd variant): a line of one or more '>'
// then "From " lost one '>' when read. Only the first kMaxQuoteDepth bytes are looked at,
// so the answer never depends on where a long line was split into pieces.
inline constexpr std::size_t kMaxQuoteDepth = 1000;
bool is_quoted_from_line(std::string_view line_start);

// The bytes a piece becomes: its text (minus one '>' for a quoted From_ line when
// unquoting) plus CRLF if a line end follows.
std::uint64_t crlf_size_of(const LinePiece& piece, bool unquote_from);

struct CrlfRange {
  std::filesystem::path file;
  std::uint64_t begin = 0;
  std::uint64_t end = 0;
  bool unquote_from = false;
  std::uint64_t expected_size = 0;  // what scan() announced; a mismatch is an error
  std::string label;                // for error messages
};

Result<std::unique_ptr<MessageReader>> open_crlf_range(CrlfRange range);

}  // namespace mailassist::migrate
