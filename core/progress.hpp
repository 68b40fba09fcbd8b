#pragma once
// Where long-running work reports how far it got. The CLI renders a progress bar; the
// wizard marshals updates to the UI thread. Implementations must be thread-safe.
#include <cstdint>
#include <string>

namespace mailassist {

struct ProgressUpdate {
  std::string stage;  // human-readable step, e.g. "Uploading INBOX"
  std::uint64_t done = 0;
  std::uint64_t total = 0;  // 0 = unknown
  std::uint64_t bytes_done = 0;
  std::uint64_t bytes_total = 0;
  // The work is held by a PauseGate (core/pause_gate.hpp): nothing is sent until it is
  // resumed. The other fields keep their last values.
  bool paused = false;
};

class Progress {
 public:
  virtual ~Progress() = default;
  virtual void report(const ProgressUpdate& update) = 0;
};

class NullProgress final : public Progress {
 public:
  void report(const ProgressUpdate&) override {}
};

}  // namespace mailassist
