#pragma once
// Reading a 4-byte property straight from a .pst Property Context block, for the few
// properties libpst reads but does not hand out (it drops PR_FLAG_STATUS and
// PR_LAST_VERB_EXECUTED). [MS-PST] sections 2.3.1 (Heap-on-Node), 2.3.2 (BTree-on-Heap)
// and 2.3.3 (Property Context): the block starts with an HNHDR whose hidUserRoot names
// a BTHHEADER (bType 0xB5, 2-byte keys, 6-byte entries) whose root lists
// (property id, type, value) records; 4-byte values are stored in the record itself.
//
// The block is hostile input: every offset is checked against its size, and anything
// unexpected (a multi-level BTH, a HID in another block of the node) gives nullopt,
// which callers treat as "the property is not there".
#include <cstdint>
#include <optional>
#include <string_view>

namespace mailassist::migrate {

// The bytes of heap item `hid` of a Heap-on-Node's first block ([MS-PST] 2.3.1.1:
// hidType 0, hidIndex 1-based, hidBlockIndex 0), found through its HNPAGEMAP; nullopt
// for anything else or anything out of range.
std::optional<std::string_view> pst_heap_item(std::string_view block, std::uint32_t hid);

// The value of property `id` of type PT_LONG (0x0003) or PT_BOOLEAN (0x000B) in the
// Property Context whose first data block (unencrypted) is `block`.
std::optional<std::uint32_t> pc_inline_property(std::string_view block, std::uint16_t id);

// Message properties of [MS-OXPROPS] that libpst leaves out.
inline constexpr std::uint16_t kPidTagLastVerbExecuted = 0x1081;
inline constexpr std::uint16_t kPidTagFlagStatus = 0x1090;

}  // namespace mailassist::migrate
