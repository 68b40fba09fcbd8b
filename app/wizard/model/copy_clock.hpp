#pragma once
// How long a copy has been at work, without the time it spent paused, and the pace that
// follows: bytes per second and the time left on the "Bring your mail" page. A copy paused
// over lunch must not look slow afterwards, nor promise hours for what is left.
#include <chrono>
#include <cstdint>
#include <optional>

namespace mailassist::wizard {

class CopyClock {
 public:
  using Clock = std::chrono::steady_clock;

  void start(Clock::time_point now);
  void pause(Clock::time_point now);   // no-op when paused already
  void resume(Clock::time_point now);  // no-op when not paused
  bool paused() const { return paused_; }
  // Seconds since start() minus every pause (a pause still going counts up to `now`).
  double working_seconds(Clock::time_point now) const;

 private:
  Clock::time_point started_{};
  Clock::time_point paused_since_{};
  Clock::duration paused_total_{};
  bool paused_ = false;
};

struct CopyPace {
  double bytes_per_second = 0;
  double seconds_left = 0;  // 0 when everything is done
};

// The pace from the bytes copied so far; nullopt until there is something to go on (half
// a second of work and some bytes), so the first figures are not wild.
std::optional<CopyPace> copy_pace(const CopyClock& clock, CopyClock::Clock::time_point now,
                                  std::uint64_t bytes_done, std::uint64_t bytes_total);

}  // namespace mailassist::wizard
