#pragma once
// What streaming APPEND takes and gives back: messages whose bytes are read while they are
// sent (RFC 9051 section 6.3.12), several per command with MULTIAPPEND (RFC 3502), and
// the UIDs the server assigned (RFC 4315 section 3, APPENDUID).
//
// Used as
//   auto pending = client.submit_append("INBOX", batch, deadline);   // writes, no waiting
//   ... submit more batches: they pipeline ...
//   auto result = client.finish_append(std::move(*pending), deadline);
// or client.append_messages("INBOX", batch, deadline) for both at once.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "protocols/imap/command.hpp"
#include "protocols/imap/internal_date.hpp"
#include "protocols/imap/response.hpp"

namespace mailassist::imap {

// One message to upload. `read` is called only inside submit_append()/append_messages(),
// in bounded chunks, and must yield exactly `size` bytes (RFC 5322 with CRLF line endings,
// RFC 9051 section 6.3.12).
struct StreamedMessage {
  std::vector<std::string> flags;    // "\\Seen", "$Forwarded"; atoms, checked before sending
  std::optional<InternalDate> date;  // the internal date to keep; the server's clock if unset
  std::uint64_t size = 0;
  LiteralReader read;
};

// What became of one message of a batch.
struct AppendOutcome {
  bool appended = false;
  // RFC 4315 APPENDUID: the new message's UID, when the server has UIDPLUS and its
  // uid-set named exactly as many UIDs as the command carried messages.
  std::optional<std::uint32_t> uid;
  std::optional<std::uint32_t> uid_validity;
  // Not appended because it is larger than the server's APPENDLIMIT (RFC 7889): nothing
  // was sent for it. The rest of the batch still went.
  bool over_limit = false;
  // Not appended: the server's words ("[OVERQUOTA] Quota exceeded", "[TRYCREATE] ..."),
  // and the response code to act on (TRYCREATE, TOOBIG, OVERQUOTA...), if any.
  std::string refusal;
  std::optional<ResponseCode> code;
};

struct AppendBatchResult {
  std::vector<AppendOutcome> outcomes;  // one per message, in the order given
  bool multiappend = false;             // sent as one MULTIAPPEND command
};

// A batch written to the server whose completions have not been read yet: hand it back
// to ImapClient::finish_append() once (before or after other commands: completions are
// matched by tag).
struct PendingAppend {
  struct Sent {
    Tag tag;
    std::vector<std::size_t> messages;  // indexes into outcomes, in the command's order
  };
  std::string mailbox;  // UTF-8, for messages
  std::vector<Sent> commands;
  AppendBatchResult result;  // over-limit messages already filled in
};

// The UIDs of a uid-set in order ("5:7,9" is 5, 6, 7, 9), or nullopt if it names more
// than `limit` of them: a hostile "1:4294967295" is never expanded.
std::optional<std::vector<std::uint32_t>> expand_uid_set(const UidSet& set, std::size_t limit);

}  // namespace mailassist::imap
