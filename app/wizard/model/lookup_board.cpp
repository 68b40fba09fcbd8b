#include "app/wizard/model/lookup_board.hpp"

namespace mailassist::wizard {

namespace {

// How much a state says: found beats failed beats nothing beats skipped beats searching.
int weight(ChannelState state) {
  switch (state) {
    case ChannelState::searching: return 0;
    case ChannelState::skipped: return 1;
    case ChannelState::nothing: return 2;
    case ChannelState::failed: return 3;
    case ChannelState::found: return 4;
  }
  return 0;
}

ChannelState state_of(autoconfig::LookupResult result) {
  switch (result) {
    case autoconfig::LookupResult::found: return ChannelState::found;
    case autoconfig::LookupResult::none: return ChannelState::nothing;
    case autoconfig::LookupResult::error:
    case autoconfig::LookupResult::timeout: return ChannelState::failed;
    case autoconfig::LookupResult::skipped: return ChannelState::skipped;
  }
  return ChannelState::failed;
}

}  // namespace

LookupBoard::LookupBoard() {
  for (std::size_t i = 0; i < kChannelCount; ++i)
    rows_[i].source = static_cast<autoconfig::SourceKind>(i);
}

void LookupBoard::add(const autoconfig::LookupReport& report) {
  auto index = static_cast<std::size_t>(report.source);
  if (index >= kChannelCount) return;
  auto& row = rows_[index];
  ++row.lookups;
  if (report.ms > row.ms) row.ms = report.ms;
  auto state = state_of(report.result);
  if (weight(state) >= weight(row.state)) {
    row.state = state;
    row.target = report.target;
  }
}

void LookupBoard::finish() {
  for (auto& row : rows_)
    if (row.state == ChannelState::searching) row.state = ChannelState::nothing;
}

}  // namespace mailassist::wizard
