#pragma once
// A message's recipients with their addresses, read from its recipient table: libpst
// hands out only PR_DISPLAY_TO/PR_DISPLAY_CC (names), and a message without transport
// headers (everything in Sent Items) would lose the addresses.
//
// [MS-PST] 2.4.5.2: the recipient table is a Table Context (2.3.4) in the message's
// subnode NID_RECIPIENT_TABLE (0x692); the subnodes are listed by an SLBLOCK
// (2.2.2.8.3.3.1). Both are hostile input: every offset is checked, and anything this
// reader does not handle (an SIBLOCK level, a row matrix in its own subnode, cells in
// another heap block) gives no recipients, which callers treat as "use the names".
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mailassist::migrate {

inline constexpr std::uint64_t kNidRecipientTable = 0x692;

struct PstRecipient {
  int type = 1;         // PR_RECIPIENT_TYPE ([MS-OXOMSG] 2.2.3.1): 1 To, 2 Cc, 3 Bcc
  std::string name;     // UTF-8
  std::string address;  // an SMTP address when the table has one, else ""
};

// The data block ID of subnode `nid` in a level-0 SLBLOCK; nullopt when absent.
std::optional<std::uint64_t> subnode_data_block(std::string_view slblock, std::uint64_t nid);

// The recipients in a recipient table's (unencrypted) first data block.
std::vector<PstRecipient> read_recipient_table(std::string_view block);

}  // namespace mailassist::migrate
