#pragma once
// Pausing long work: the UI pauses and resumes, the worker waits at its safe points (the
// same places where it checks its CancelToken). Like CancelToken, copies share one state,
// so the UI keeps one and hands copies to the work.
//
// resume() wakes waiters at once through a condition variable. A CancelToken cannot notify
// (its cancel() is called from signal handlers, where locking a mutex is not allowed), so
// a waiter also looks at the token every kCancelCheck; the UI may call wake() after
// cancelling to end the wait at once.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/cancel_token.hpp"

namespace mailassist {

class PauseGate {
 public:
  static constexpr std::chrono::milliseconds kCancelCheck{100};

  PauseGate() : state_(std::make_shared<State>()) {}

  void pause() const {
    std::lock_guard lock(state_->mutex);
    state_->paused = true;
  }
  void resume() const {
    {
      std::lock_guard lock(state_->mutex);
      state_->paused = false;
    }
    state_->changed.notify_all();
  }
  bool paused() const {
    std::lock_guard lock(state_->mutex);
    return state_->paused;
  }
  // Ends every wait() now so that it looks at its CancelToken again.
  void wake() const { state_->changed.notify_all(); }

  // Returns when the gate is open (at once if it was) or `cancel` is cancelled; true when
  // the gate is open, false when cancelled.
  bool wait(const CancelToken& cancel) const {
    std::unique_lock lock(state_->mutex);
    while (state_->paused) {
      if (cancel.cancelled()) return false;
      state_->changed.wait_for(lock, kCancelCheck);
    }
    return !cancel.cancelled();
  }

 private:
  struct State {
    mutable std::mutex mutex;
    std::condition_variable changed;
    bool paused = false;
  };
  std::shared_ptr<State> state_;
};

}  // namespace mailassist
