#pragma once
// Work off the UI thread: one std::thread per job, a CancelToken the page can set, and a
// join when the job is replaced or its page goes away (after cancelling, so the join is
// short: engine calls check the token between steps). Results come back to the UI thread
// through wxEvtHandler::CallAfter, which queues them; a page that is destroyed first
// drops its queued calls (wxEvtHandler's destructor deletes pending events).
#include <functional>
#include <thread>

#include "core/cancel_token.hpp"

namespace mailassist::wizard {

class BackgroundJob {
 public:
  BackgroundJob() = default;
  BackgroundJob(const BackgroundJob&) = delete;
  BackgroundJob& operator=(const BackgroundJob&) = delete;
  ~BackgroundJob() { stop(); }

  void start(std::function<void(const CancelToken&)> work) {
    stop();
    cancel_ = CancelToken();
    thread_ = std::thread([work = std::move(work), cancel = cancel_] { work(cancel); });
  }
  void cancel() { cancel_.cancel(); }
  void stop() {
    cancel_.cancel();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::thread thread_;
  CancelToken cancel_;
};

}  // namespace mailassist::wizard
