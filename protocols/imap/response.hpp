#pragma once
// Typed IMAP server responses (RFC 9051 section 7, RFC 3501 section 7), as produced by
// parse_response(). Plain data: no I/O, no parsing here.
//
// Only what account checks and migration need is typed; any other untagged data (FETCH,
// SEARCH, STATUS, NAMESPACE...) arrives as UnknownData so that a client never fails on a
// response it did not ask about (RFC 9051 section 7: clients must be prepared for any
// response at any time).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace mailassist::imap {

// The status word of a status response (RFC 9051 section 7.1).
enum class Status { ok, no, bad, preauth, bye };

constexpr std::string_view to_string(Status s) {
  switch (s) {
    case Status::ok: return "OK";
    case Status::no: return "NO";
    case Status::bad: return "BAD";
    case Status::preauth: return "PREAUTH";
    case Status::bye: return "BYE";
  }
  return "OK";
}

// Response codes a client acts on (RFC 9051 section 7.1, RFC 5530, RFC 4315, RFC 7888).
// Everything else is `other`, with its name and argument text kept.
enum class CodeKind {
  alert,
  authenticationfailed,
  authorizationfailed,
  unavailable,
  expired,
  privacyrequired,
  contactadmin,
  noperm,
  inuse,
  limit,
  overquota,
  alreadyexists,
  nonexistent,
  trycreate,
  capability,
  permanentflags,
  uidvalidity,
  uidnext,
  unseen,
  appenduid,
  copyuid,
  read_only,
  read_write,
  webalert,  // Gmail: [WEBALERT https://...] asks the user to visit a page
  other,
};

constexpr std::string_view to_string(CodeKind k) {
  switch (k) {
    case CodeKind::alert: return "ALERT";
    case CodeKind::authenticationfailed: return "AUTHENTICATIONFAILED";
    case CodeKind::authorizationfailed: return "AUTHORIZATIONFAILED";
    case CodeKind::unavailable: return "UNAVAILABLE";
    case CodeKind::expired: return "EXPIRED";
    case CodeKind::privacyrequired: return "PRIVACYREQUIRED";
    case CodeKind::contactadmin: return "CONTACTADMIN";
    case CodeKind::noperm: return "NOPERM";
    case CodeKind::inuse: return "INUSE";
    case CodeKind::limit: return "LIMIT";
    case CodeKind::overquota: return "OVERQUOTA";
    case CodeKind::alreadyexists: return "ALREADYEXISTS";
    case CodeKind::nonexistent: return "NONEXISTENT";
    case CodeKind::trycreate: return "TRYCREATE";
    case CodeKind::capability: return "CAPABILITY";
    case CodeKind::permanentflags: return "PERMANENTFLAGS";
    case CodeKind::uidvalidity: return "UIDVALIDITY";
    case CodeKind::uidnext: return "UIDNEXT";
    case CodeKind::unseen: return "UNSEEN";
    case CodeKind::appenduid: return "APPENDUID";
    case CodeKind::copyuid: return "COPYUID";
    case CodeKind::read_only: return "READ-ONLY";
    case CodeKind::read_write: return "READ-WRITE";
    case CodeKind::webalert: return "WEBALERT";
    case CodeKind::other: return "OTHER";
  }
  return "OTHER";
}

// A UID range as sent; `first <= last` after parsing (RFC 4315 allows either order).
struct UidRange {
  std::uint32_t first = 0;
  std::uint32_t last = 0;
  bool operator==(const UidRange&) const = default;
};
using UidSet = std::vector<UidRange>;

struct ResponseCode {
  CodeKind kind = CodeKind::other;
  std::string name;                // the atom, upper-cased: "ALERT", "X-GM-FOO"
  std::string argument;            // raw text after the atom; WEBALERT's URL
  std::vector<std::string> items;  // CAPABILITY, PERMANENTFLAGS
  std::uint32_t number = 0;        // UIDVALIDITY, UIDNEXT, UNSEEN, APPENDUID/COPYUID validity
  UidSet uids;                     // APPENDUID's new UIDs, COPYUID's source UIDs
  UidSet dest_uids;                // COPYUID's destination UIDs
  bool operator==(const ResponseCode&) const = default;
};

// resp-cond-state / resp-cond-bye / resp-cond-auth: a status word, an optional code, text.
struct StatusResponse {
  Status status = Status::ok;
  std::optional<ResponseCode> code;
  std::string text;       // the human-readable text after the code
  std::string full_text;  // everything after the status word, verbatim ("[ALERT] ...")
  bool operator==(const StatusResponse&) const = default;
};

// "+ ..." (RFC 9051 section 7.5): a SASL challenge (base64) or a go-ahead for a literal.
struct ContinuationRequest {
  std::string text;
  bool operator==(const ContinuationRequest&) const = default;
};

// "A12 OK ..." completes the command with that tag.
struct TaggedStatus {
  std::string tag;
  StatusResponse status;
  bool operator==(const TaggedStatus&) const = default;
};

// "* OK/NO/BAD/PREAUTH/BYE ...".
struct UntaggedStatus {
  StatusResponse status;
  bool operator==(const UntaggedStatus&) const = default;
};

// "* CAPABILITY ..." (RFC 9051 section 7.2.2). Names upper-cased before any '='.
struct CapabilityData {
  std::vector<std::string> capabilities;
  bool operator==(const CapabilityData&) const = default;
};

// "* ENABLED ..." (RFC 5161 section 3.2).
struct EnabledData {
  std::vector<std::string> capabilities;
  bool operator==(const EnabledData&) const = default;
};

// "* LIST (attributes) delimiter name [extended data]" (RFC 9051 7.3.1, RFC 5258, RFC 6154)
// and the older "* LSUB". The name is as sent after unquoting: modified UTF-7 unless
// UTF8=ACCEPT is enabled (decode with decode_mailbox_name()).
struct ListData {
  bool lsub = false;
  std::vector<std::string> attributes;  // as sent: "\\HasNoChildren", "\\Sent"
  std::optional<char> delimiter;        // nullopt for NIL: a flat namespace
  std::string name;
  bool operator==(const ListData&) const = default;
};

// "* n EXISTS", "* n RECENT", "* n EXPUNGE".
struct ExistsData {
  std::uint32_t count = 0;
  bool operator==(const ExistsData&) const = default;
};
struct RecentData {
  std::uint32_t count = 0;
  bool operator==(const RecentData&) const = default;
};
struct ExpungeData {
  std::uint32_t sequence = 0;
  bool operator==(const ExpungeData&) const = default;
};

// "* FLAGS (\Answered \Seen ...)".
struct FlagsData {
  std::vector<std::string> flags;
  bool operator==(const FlagsData&) const = default;
};

// "* ID NIL" or "* ID ("name" "Dovecot" ...)" (RFC 2971 section 3.2). A NIL value is kept
// as nullopt.
struct IdData {
  std::optional<std::vector<std::pair<std::string, std::optional<std::string>>>> fields;
  bool operator==(const IdData&) const = default;
};

// FETCH and STATUS arrive as UnknownData (so a handler that reads the raw form keeps
// working); parse_fetch_response() and parse_status_response() type them on demand.
//
// "* 12 FETCH (UID 5 RFC822.SIZE 310 INTERNALDATE "..." BODY[HEADER.FIELDS (MESSAGE-ID)]
// {45}\r\n...)" (RFC 9051 section 7.5.2). The items migration reads are typed; others
// (ENVELOPE, BODYSTRUCTURE, MODSEQ...) are checked for syntax and skipped.
struct FetchedSection {
  std::string section;  // between the brackets, as sent: "HEADER.FIELDS (MESSAGE-ID)"
  std::optional<std::uint32_t> origin;  // "<0>" of a partial fetch
  std::optional<std::string> data;      // nullopt for NIL
  bool operator==(const FetchedSection&) const = default;
};
struct FetchData {
  std::uint32_t sequence = 0;
  std::optional<std::uint32_t> uid;
  std::optional<std::uint64_t> size;         // RFC822.SIZE
  std::optional<std::string> internal_date;  // as sent, unquoted
  std::optional<std::vector<std::string>> flags;
  std::vector<FetchedSection> sections;  // BODY[...], BINARY[...], RFC822*
  bool operator==(const FetchData&) const = default;
};

// "* STATUS name (MESSAGES 3 APPENDLIMIT 35651584)" (RFC 9051 section 7.3.4); a value may
// be NIL (RFC 7889 section 3: APPENDLIMIT NIL means no limit).
struct StatusData {
  std::string mailbox;                                                      // as sent, unquoted
  std::vector<std::pair<std::string, std::optional<std::uint64_t>>> items;  // names upper-cased
  bool operator==(const StatusData&) const = default;
};

// Any other untagged data: the keyword (upper-cased; for "* 5 FETCH ..." it is "FETCH")
// and the whole response verbatim.
struct UnknownData {
  std::string keyword;
  std::string raw;
  bool operator==(const UnknownData&) const = default;
};

using Response = std::variant<ContinuationRequest, TaggedStatus, UntaggedStatus, CapabilityData,
                              EnabledData, ListData, ExistsData, RecentData, ExpungeData, FlagsData,
                              IdData, FetchData, StatusData, UnknownData>;

}  // namespace mailassist::imap
