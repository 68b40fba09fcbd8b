#pragma once
// `--connections N` on one large folder: its messages are cut into N ranges of scan
// positions, each uploaded on its own connection (folder_upload.hpp, FolderUpload::first
// and end). Pure arithmetic, kept apart so that it is tested as a table.
//
// Only a folder whose target mailbox is empty when the run starts, and that no other
// source folder shares, is split: then every server message in it was sent by this run,
// and each range need only find its own (FolderUpload::split). A re-run (the mailbox is
// not empty) uploads the folder on one connection with the full duplicate check.
//
// The server gives UIDs in the order APPENDs complete (RFC 9051 section 2.3.1.1), so the
// ranges interleave: the UID order in the mailbox may then differ from the source order.
// Internal dates are kept (RFC 9051 section 6.3.12), and mail clients sort by date.
#include <algorithm>
#include <cstdint>
#include <vector>

namespace mailassist::migrate {

struct PositionRange {
  std::uint64_t first = 0;
  std::uint64_t end = UINT64_MAX;  // the last range runs to the folder's end, however long
  bool operator==(const PositionRange&) const = default;
};

// A range is worth a connection only with at least this many messages: two pipelined
// APPEND batches of 32 (folder_upload.cpp), else the connection's login and SELECT cost
// more than they save.
constexpr std::uint64_t kMinMessagesPerRange = 64;

// `positions` messages (as planned, deleted ones included) over up to `connections`
// ranges of near-equal size; one range (the whole folder) when splitting is not worth it.
inline std::vector<PositionRange> split_positions(
    std::uint64_t positions, unsigned connections,
    std::uint64_t min_per_range = kMinMessagesPerRange) {
  const std::uint64_t by_size = min_per_range ? positions / min_per_range : positions;
  const std::uint64_t count =
      std::clamp<std::uint64_t>(std::min<std::uint64_t>(connections, by_size), 1, UINT32_MAX);
  std::vector<PositionRange> out;
  for (std::uint64_t i = 0; i < count; ++i)
    out.push_back(
        {positions * i / count, i + 1 == count ? UINT64_MAX : positions * (i + 1) / count});
  return out;
}

}  // namespace mailassist::migrate
