#pragma once
// Building IMAP commands (RFC 9051 section 6): tags, and arguments encoded as atoms,
// quoted strings or literals. A Command is a list of pieces; encode() turns it into the
// lines and literals to write for one server's literal rules.
//
// Rules enforced here, once:
//  - a quoted string never holds CR, LF or NUL (RFC 9051 section 4.3: they cannot be
//    quoted), nor 8-bit bytes (not allowed in RFC 3501 quoted strings): those go as
//    literals;
//  - a synchronizing literal "{n}" makes the client wait for "+" before sending the bytes
//    (RFC 9051 section 4.3); LITERAL+ allows "{n+}" for any size, LITERAL- only up to 4096
//    bytes (RFC 7888 sections 4 and 5);
//  - secrets are traced as "<redacted>", never as sent;
//  - a streamed literal (APPEND's message) is announced with its exact size and its bytes
//    are pulled from a LiteralReader while the command is written, so a 1 GB message
//    never sits in memory.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::imap {

// A command tag: "A1", "A2"... (RFC 9051 section 2.2.1: unique per command).
struct Tag {
  std::string text;
  bool operator==(const Tag&) const = default;
};

class TagGenerator {
 public:
  Tag next() { return Tag{"A" + std::to_string(++counter_)}; }

 private:
  unsigned long counter_ = 0;
};

// Which literal forms the server accepts for what the client sends.
enum class LiteralMode {
  synchronizing,      // plain IMAP: "{n}", then wait for "+"
  non_synchronizing,  // LITERAL+: "{n+}" of any size
  limited,            // LITERAL-: "{n+}" up to 4096 bytes, larger ones synchronizing
};

constexpr std::string_view to_string(LiteralMode m) {
  switch (m) {
    case LiteralMode::synchronizing: return "synchronizing";
    case LiteralMode::non_synchronizing: return "LITERAL+";
    case LiteralMode::limited: return "LITERAL-";
  }
  return "synchronizing";
}

// Produces a streamed literal's bytes in order: fills up to buffer.size() bytes and
// returns how many; 0 means the end. It must yield exactly the size announced: the server
// counts the literal's bytes itself, so a reader that ends early (or fails) leaves the
// connection in a state no command can recover from (see ImapClient::submit()).
using LiteralReader = std::function<Result<std::size_t>(std::span<char>)>;

class Command {
 public:
  // The command name: "LOGIN", "UID FETCH"...
  explicit Command(std::string_view name);

  // Pre-formatted syntax the caller vouches for: "(\\Seen)", "RETURN (SPECIAL-USE)".
  Command& raw(std::string_view syntax);
  // Like raw(), traced as "<redacted>" (a SASL initial response).
  Command& secret_raw(std::string_view syntax);
  // An astring (RFC 9051 section 9): an atom where that is unambiguous, else a string.
  Command& astring(std::string_view value);
  // A string: quoted when safe, else a literal.
  Command& string(std::string_view value);
  // Always a literal (APPEND's message).
  Command& literal(std::string_view bytes);
  // A literal of exactly `size` bytes read from `reader` while the command is sent. The
  // reader is referred to, not copied: it must outlive ImapClient::submit().
  Command& streamed_literal(std::uint64_t size, const LiteralReader& reader);
  // An astring that may hold UTF-8: after ENABLE UTF8=ACCEPT, RFC 6855 section 3 allows
  // 8-bit UTF-8 in quoted strings, so a mailbox name needs no literal.
  Command& utf8_astring(std::string_view value);
  // A string whose traced form is "<redacted>" (LOGIN's password).
  Command& secret(std::string_view value);
  // "(" and ")" around the arguments added in between, without the usual spaces.
  Command& begin_list();
  Command& end_list();

  struct Piece {
    enum class Kind { text, literal } kind = Kind::text;
    std::string bytes;
    bool secret = false;
    bool glued = false;                     // no space before it: right after "(" or before ")"
    const LiteralReader* reader = nullptr;  // a streamed literal: `size` bytes from here
    std::uint64_t size = 0;                 // a streamed literal's size
    std::uint64_t literal_size() const { return reader ? size : bytes.size(); }
  };
  const std::vector<Piece>& pieces() const { return pieces_; }
  const std::string& name() const { return name_; }

 private:
  void argument(Piece piece);
  std::string name_;
  std::vector<Piece> pieces_;
  bool glue_next_ = false;
};

// What to write: each segment is one line (without CRLF), optionally followed by a
// literal's bytes; after a synchronizing literal announcement the client must read "+"
// before writing the bytes. The last segment has no literal.
struct CommandSegment {
  std::string line;
  std::string shown;  // the traced form of `line`
  std::string literal;
  const LiteralReader* reader = nullptr;  // set instead of `literal` for a streamed one
  std::uint64_t literal_size = 0;
  bool has_literal = false;
  bool synchronizing = false;
};

std::vector<CommandSegment> encode(const Tag& tag, const Command& command, LiteralMode mode);

// How a value would be sent as a string: true if quoting is safe.
bool can_quote(std::string_view value);
// The same once UTF8=ACCEPT is enabled: 8-bit bytes are allowed if they are valid UTF-8.
bool can_quote_utf8(std::string_view value);
// The quoted form: '"' and '\' escaped. Requires can_quote() or can_quote_utf8().
std::string quote(std::string_view value);
// True if `value` can be sent as a bare atom in an astring position.
bool is_atom(std::string_view value);

}  // namespace mailassist::imap
