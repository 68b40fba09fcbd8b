#pragma once
// A point in time after which an operation gives up with ErrorKind::timeout. Passed down
// through every blocking call so one overall budget covers connect, TLS and login.
#include <algorithm>
#include <chrono>

namespace mailassist {

class Deadline {
 public:
  using Clock = std::chrono::steady_clock;

  static Deadline after(std::chrono::milliseconds budget) {
    return Deadline(Clock::now() + budget);
  }
  static Deadline never() { return Deadline(Clock::time_point::max()); }

  bool expired() const { return Clock::now() >= at_; }
  bool is_never() const { return at_ == Clock::time_point::max(); }

  // Milliseconds left, clamped to [0, INT_MAX]: the unit poll() wants. -1 means "no limit".
  int remaining_ms() const {
    if (is_never()) return -1;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(at_ - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, 2'147'483'647LL));
  }

  // The earlier of two deadlines: a per-stage limit inside an overall one.
  Deadline min(Deadline other) const { return Deadline(std::min(at_, other.at_)); }
  Clock::time_point time_point() const { return at_; }

 private:
  explicit Deadline(Clock::time_point at) : at_(at) {}
  Clock::time_point at_;
};

// Measures how long a stage took, for "ms" fields in reports.
class Stopwatch {
 public:
  Stopwatch() : start_(std::chrono::steady_clock::now()) {}
  long long elapsed_ms() const {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start_)
        .count();
  }

 private:
  std::chrono::steady_clock::time_point start_;
};

}  // namespace mailassist
