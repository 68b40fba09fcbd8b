#pragma once
// What the migration reads from the server before planning: its mailboxes with their
// special uses and hierarchy delimiter (LIST, RFC 6154), the personal namespace's prefix
// (NAMESPACE, RFC 2342), and APPENDLIMIT (RFC 7889).
#include <cstdint>
#include <optional>

#include "migrate/folder_mapping.hpp"
#include "migrate/imap_connection.hpp"

namespace mailassist::migrate {

struct ServerInfo {
  ServerMailboxes mailboxes;
  std::optional<std::uint64_t> append_limit;  // server-wide, when announced
};

Result<ServerInfo> read_server_info(ImapConnection& connection);

}  // namespace mailassist::migrate
