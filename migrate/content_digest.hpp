#pragma once
// "Already there" needs the same bytes, not only the same key (server_index.hpp): the
// SHA-256 of a source message as APPEND would send it (the store's CRLF bytes) against the
// SHA-256 of the server's copy, fetched with UID FETCH BODY.PEEK[] (RFC 9051 section
// 6.4.5; PEEK so that \Seen is not set). Neither side is held whole: both are hashed in
// pieces as they are read.
//
// The server side is fetched for many candidates at once: one UID FETCH per group of
// UIDs asks for the same partial range of each, BODY.PEEK[]<offset.length>, so the server
// streams a group's messages back to back (no round trip per message) and a 30 MB message
// is read one range at a time; only the messages longer than the range are asked again
// for the next range.
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "core/deadline.hpp"
#include "migrate/stores/mail_store.hpp"
#include "net/sha256.hpp"
#include "protocols/imap/client.hpp"

namespace mailassist::migrate {

using ContentDigest = net::Sha256Digest;

// The digest of the bytes store.open() yields for the message.
Result<ContentDigest> source_digest(MailStore& store, const SourceFolder& folder,
                                    const MessageEnvelope& envelope);

struct ServerDigestOptions {
  std::size_t uids_per_command = 64;
  std::size_t range = 256 * 1024;  // bytes of each message per FETCH response
};

// Digests of the selected mailbox's messages `uids`, added to `out`; a UID the mailbox no
// longer has gets none. `step` gives the deadline of each command.
Result<void> fetch_server_digests(imap::ImapClient& client, const std::vector<std::uint32_t>& uids,
                                  std::unordered_map<std::uint32_t, ContentDigest>& out,
                                  const std::function<Deadline()>& step,
                                  const ServerDigestOptions& options = {});

}  // namespace mailassist::migrate
