#pragma once
// What a target mailbox already holds, so that nothing is uploaded twice even when the
// journal is lost (a new computer, a deleted state directory, a run by another tool).
//
// The index is one UID FETCH 1:* (UID RFC822.SIZE INTERNALDATE
// BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]) per mailbox (RFC 9051 section 6.4.5); PEEK so
// that \Seen is not set on what is there. A server message is a candidate for a source
// message when it has
//  - the same Message-ID (both absent counts as the same),
//  - exactly the same RFC822.SIZE (the store gives the exact bytes APPEND would send), and
//  - the same internal date instant, when the source knows a date (APPEND sets it, so a
//    copy we uploaded has it; RFC 9051 section 2.3.3).
// The key only narrows the search: two different messages may share all three (a list
// message in two variants, a re-sent draft). claim_equal() takes a candidate only when the
// caller confirms its content is the source's to the byte (content_digest.hpp: SHA-256 of
// the server's BODY.PEEK[] against the source's bytes). Each server message is claimed at
// most once, so two copies in the source need two on the server. Nothing is added to
// messages to recognise them (no marker header): the bytes stay the user's.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/cancel_token.hpp"
#include "core/deadline.hpp"
#include "migrate/stores/mail_store.hpp"
#include "protocols/imap/client.hpp"

namespace mailassist::migrate {

// A server message as the duplicate check sees it; Message-ID normalised like the stores
// do (message_id_of: "<id@host>", "" when none), so both sides compare alike.
using IndexedMessage = imap::MessageIndexEntry;

// Fetches the index of the selected mailbox (ImapClient::fetch_message_index).
Result<std::vector<IndexedMessage>> fetch_server_index(imap::ImapClient& client, Deadline deadline);

class ServerIndex {
 public:
  ServerIndex() = default;
  explicit ServerIndex(std::vector<IndexedMessage> messages);

  // Unclaimed candidates for this source message, in mailbox (UID) order.
  std::vector<std::uint32_t> candidates(const MessageEnvelope& envelope) const;
  // Claims the first unclaimed candidate for which `same_content(uid)` is true; its UID.
  std::optional<std::uint32_t> claim_equal(
      const MessageEnvelope& envelope, const std::function<bool(std::uint32_t uid)>& same_content);
  // Claims the first unclaimed candidate by the key alone; for the final count, where the
  // content was checked when the message was counted.
  std::optional<std::uint32_t> claim(const MessageEnvelope& envelope);
  // Claims a known UID (from the journal's APPENDUID); false when the server lacks it.
  bool claim_uid(std::uint32_t uid);
  bool has_uid(std::uint32_t uid) const { return by_uid_.count(uid) > 0; }
  std::size_t size() const { return messages_.size(); }

 private:
  // Candidate positions, lowest first.
  std::vector<std::size_t> matching(const MessageEnvelope& envelope) const;

  std::vector<IndexedMessage> messages_;
  std::vector<bool> claimed_;
  // Message-ID hash -> index (the strings are compared on lookup; not copied again).
  std::unordered_multimap<std::size_t, std::size_t> by_id_;
  std::unordered_map<std::uint32_t, std::size_t> by_uid_;
};

}  // namespace mailassist::migrate
