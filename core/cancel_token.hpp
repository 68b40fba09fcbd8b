#pragma once
// Cooperative cancellation: the UI (or a signal handler) sets it, long-running library
// calls check it between steps and return ErrorKind::cancelled.
#include <atomic>
#include <memory>

namespace mailassist {

class CancelToken {
 public:
  CancelToken() : flag_(std::make_shared<std::atomic<bool>>(false)) {}
  void cancel() const { flag_->store(true, std::memory_order_relaxed); }
  bool cancelled() const { return flag_->load(std::memory_order_relaxed); }

 private:
  std::shared_ptr<std::atomic<bool>> flag_;  // copies share one flag
};

}  // namespace mailassist
