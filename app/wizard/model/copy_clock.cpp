#include "app/wizard/model/copy_clock.hpp"

namespace mailassist::wizard {

void CopyClock::start(Clock::time_point now) {
  started_ = now;
  paused_total_ = {};
  paused_ = false;
}

void CopyClock::pause(Clock::time_point now) {
  if (paused_) return;
  paused_ = true;
  paused_since_ = now;
}

void CopyClock::resume(Clock::time_point now) {
  if (!paused_) return;
  paused_ = false;
  paused_total_ += now - paused_since_;
}

double CopyClock::working_seconds(Clock::time_point now) const {
  auto paused = paused_total_ + (paused_ ? now - paused_since_ : Clock::duration{});
  return std::chrono::duration<double>(now - started_ - paused).count();
}

std::optional<CopyPace> copy_pace(const CopyClock& clock, CopyClock::Clock::time_point now,
                                  std::uint64_t bytes_done, std::uint64_t bytes_total) {
  double seconds = clock.working_seconds(now);
  if (seconds <= 0.5 || bytes_done == 0) return std::nullopt;
  CopyPace pace;
  pace.bytes_per_second = double(bytes_done) / seconds;
  if (bytes_total > bytes_done)
    pace.seconds_left = double(bytes_total - bytes_done) / pace.bytes_per_second;
  return pace;
}

}  // namespace mailassist::wizard
