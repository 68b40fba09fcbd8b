#include "protocols/imap/command.hpp"

#include <cassert>

#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/parse_cursor.hpp"

namespace mailassist::imap {

namespace {

// RFC 7888 section 5: LITERAL- allows non-synchronizing literals of at most 4096 bytes.
constexpr std::size_t kLiteralMinusMax = 4096;
// Long values go as literals: some servers limit quoted strings (and lines) tightly.
constexpr std::size_t kMaxQuoted = 1024;

}  // namespace

bool can_quote(std::string_view value) {
  if (value.size() > kMaxQuoted) return false;
  for (char c : value) {
    auto u = static_cast<unsigned char>(c);
    if (u == 0 || c == '\r' || c == '\n' || u >= 0x80) return false;
  }
  return true;
}

bool can_quote_utf8(std::string_view value) {
  if (value.size() > kMaxQuoted || !is_valid_utf8(value)) return false;
  for (char c : value)
    if (c == 0 || c == '\r' || c == '\n') return false;
  return true;
}

std::string quote(std::string_view value) {
  assert(can_quote_utf8(value));
  std::string out = "\"";
  for (char c : value) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + '"';
}

bool is_atom(std::string_view value) {
  if (value.empty() || iequals(value, "NIL")) return false;
  for (char c : value)
    if (!is_atom_char(c)) return false;
  return true;
}

Command::Command(std::string_view name) : name_(name) {}

void Command::argument(Piece piece) {
  piece.glued = piece.glued || glue_next_;
  glue_next_ = false;
  pieces_.push_back(std::move(piece));
}

Command& Command::raw(std::string_view syntax) {
  argument({Piece::Kind::text, std::string(syntax), false});
  return *this;
}

Command& Command::secret_raw(std::string_view syntax) {
  argument({Piece::Kind::text, std::string(syntax), true});
  return *this;
}

Command& Command::begin_list() {
  argument({Piece::Kind::text, "(", false});
  glue_next_ = true;
  return *this;
}

Command& Command::end_list() {
  glue_next_ = false;
  argument({Piece::Kind::text, ")", false, true});
  return *this;
}

Command& Command::astring(std::string_view value) {
  if (is_atom(value)) return raw(value);
  return string(value);
}

Command& Command::string(std::string_view value) {
  if (can_quote(value)) return raw(quote(value));
  return literal(value);
}

Command& Command::literal(std::string_view bytes) {
  argument({Piece::Kind::literal, std::string(bytes), false});
  return *this;
}

Command& Command::utf8_astring(std::string_view value) {
  if (is_atom(value)) return raw(value);
  if (can_quote_utf8(value)) return raw(quote(value));
  return literal(value);
}

Command& Command::streamed_literal(std::uint64_t size, const LiteralReader& reader) {
  Piece piece{Piece::Kind::literal, std::string(), false};
  piece.reader = &reader;
  piece.size = size;
  argument(std::move(piece));
  return *this;
}

Command& Command::secret(std::string_view value) {
  string(value);
  pieces_.back().secret = true;
  return *this;
}

std::vector<CommandSegment> encode(const Tag& tag, const Command& command, LiteralMode mode) {
  std::vector<CommandSegment> out(1);
  out.back().line = tag.text + " " + command.name();
  out.back().shown = out.back().line;
  for (const auto& piece : command.pieces()) {
    auto& segment = out.back();
    // One space separates arguments, also after a literal's bytes (RFC 9051 section 9);
    // none inside parentheses.
    std::string separator = piece.glued ? "" : " ";
    if (piece.kind == Command::Piece::Kind::text) {
      segment.line += separator + piece.bytes;
      segment.shown += separator + (piece.secret ? std::string("<redacted>") : piece.bytes);
      continue;
    }
    std::uint64_t size = piece.literal_size();
    bool sync = mode == LiteralMode::synchronizing ||
                (mode == LiteralMode::limited && size > kLiteralMinusMax);
    std::string announce = "{" + std::to_string(size) + (sync ? "}" : "+}");
    segment.line += separator + announce;
    segment.shown += separator + (piece.secret ? std::string("<redacted>") : announce);
    segment.literal = piece.bytes;
    segment.reader = piece.reader;
    segment.literal_size = size;
    segment.has_literal = true;
    segment.synchronizing = sync;
    out.emplace_back();
  }
  return out;
}

}  // namespace mailassist::imap
