// PauseGate: a waiter passes an open gate, waits on a closed one until resume() or a
// cancel, and copies share the gate. No timings are asserted: a waiter records what it
// saw when it came out, and the test checks the order of events.
#include "core/pause_gate.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace mailassist {
namespace {

TEST(PauseGate, AnOpenGateLetsThrough) {
  PauseGate gate;
  CancelToken cancel;
  EXPECT_FALSE(gate.paused());
  EXPECT_TRUE(gate.wait(cancel));
}

TEST(PauseGate, CopiesShareOneGate) {
  PauseGate gate;
  PauseGate copy = gate;
  copy.pause();
  EXPECT_TRUE(gate.paused());
  gate.resume();
  EXPECT_FALSE(copy.paused());
}

TEST(PauseGate, AWaiterComesOutOnlyAfterResume) {
  PauseGate gate;
  CancelToken cancel;
  gate.pause();
  std::atomic<bool> resumed{false};
  std::atomic<bool> saw_resumed{false};
  std::atomic<bool> passed{false};
  std::atomic<bool> started{false};
  std::thread waiter([&] {
    started = true;
    passed = gate.wait(cancel);
    saw_resumed = resumed.load();
  });
  while (!started) std::this_thread::yield();
  resumed = true;
  gate.resume();
  waiter.join();
  EXPECT_TRUE(passed);
  EXPECT_TRUE(saw_resumed) << "wait() returned while the gate was still paused";
}

TEST(PauseGate, CancelEndsAWaitWithWake) {
  PauseGate gate;
  CancelToken cancel;
  gate.pause();
  std::atomic<bool> passed{true};
  std::thread waiter([&] { passed = gate.wait(cancel); });
  cancel.cancel();
  gate.wake();
  waiter.join();
  EXPECT_FALSE(passed);
  EXPECT_TRUE(gate.paused()) << "cancel does not open the gate";
}

TEST(PauseGate, CancelEndsAWaitWithoutWakeToo) {
  // As from a signal handler: only the token is set; the waiter notices it by itself.
  PauseGate gate;
  CancelToken cancel;
  gate.pause();
  std::atomic<bool> passed{true};
  std::thread waiter([&] { passed = gate.wait(cancel); });
  cancel.cancel();
  waiter.join();
  EXPECT_FALSE(passed);
}

TEST(PauseGate, ACancelledTokenDoesNotPassAnOpenGate) {
  PauseGate gate;
  CancelToken cancel;
  cancel.cancel();
  EXPECT_FALSE(gate.wait(cancel));
}

TEST(PauseGate, ManyWaitersAllComeOut) {
  PauseGate gate;
  CancelToken cancel;
  gate.pause();
  std::atomic<int> out{0};
  std::vector<std::thread> waiters;
  for (int i = 0; i < 4; ++i) waiters.emplace_back([&] { out += gate.wait(cancel) ? 1 : 0; });
  gate.resume();
  for (auto& w : waiters) w.join();
  EXPECT_EQ(out, 4);
}

}  // namespace
}  // namespace mailassist
