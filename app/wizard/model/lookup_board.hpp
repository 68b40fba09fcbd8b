#pragma once
// The "Finding your settings" page's live list: one row per detection channel, whose state
// moves from searching to found / nothing / failed / skipped as that channel's lookups
// report (detector.hpp's LookupObserver, called from source threads). The board itself is
// not thread-safe: the wizard hands it each report on the UI thread.
#include <array>
#include <string>

#include "autoconfig/lookup.hpp"

namespace mailassist::wizard {

enum class ChannelState { searching, found, nothing, failed, skipped };

struct ChannelRow {
  autoconfig::SourceKind source = autoconfig::SourceKind::guess;
  ChannelState state = ChannelState::searching;
  int lookups = 0;     // reports received
  long long ms = 0;    // the longest lookup so far
  std::string target;  // the most telling lookup: the one that found, else the last
};

inline constexpr std::size_t kChannelCount = 8;

class LookupBoard {
 public:
  LookupBoard();
  // A channel's state only ever improves towards "found": a later "none" from the same
  // channel (another URL) does not hide an earlier find.
  void add(const autoconfig::LookupReport& report);
  // Detection ended: channels that never reported are "nothing" (it found no answer to
  // wait for); cancelled runs leave them searching for the page to say "stopped".
  void finish();
  const std::array<ChannelRow, kChannelCount>& rows() const { return rows_; }

 private:
  std::array<ChannelRow, kChannelCount> rows_;
};

}  // namespace mailassist::wizard
