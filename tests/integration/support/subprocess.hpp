#pragma once
// Runs a program the way a script would: argv (no shell), bytes on stdin, stdout and
// stderr captured separately, the exit status and peak memory reported. A timeout kills
// the program, so a hung CLI fails its test instead of hanging CI.
#include <sys/types.h>

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace mailassist::testing {

struct ProcessResult {
  int exit_code = -1;      // -1 when the process was killed by a signal
  int signal = 0;          // the signal that ended it, 0 if it exited
  bool timed_out = false;  // we killed it because the timeout passed
  std::string out;
  std::string err;
  long max_rss_kb = 0;  // wait4()'s ru_maxrss: the program's own peak, not ours
  std::chrono::milliseconds elapsed{0};
};

ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input,
                          std::chrono::milliseconds timeout);

// "exit 1", "killed by signal 9 (timed out)" ... plus both streams, for failure messages.
std::string describe(const ProcessResult& result);

// A long-running child whose stdout we read (a test server announcing its port). The
// destructor ends it: SIGTERM, a bounded wait, then SIGKILL.
class ChildProcess {
 public:
  explicit ChildProcess(const std::vector<std::string>& argv);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  pid_t pid() const { return pid_; }
  // The next line of its stdout (without "\n"); throws if none arrives in time.
  std::string read_line(std::chrono::milliseconds timeout);
  // Waits for it to exit on its own; true if it did within the timeout.
  bool wait_exit(std::chrono::milliseconds timeout);
  // SIGTERM, then SIGKILL after `grace`; returns true if SIGTERM alone was enough.
  bool terminate(std::chrono::milliseconds grace);

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
  bool reaped_ = false;
  std::string buffer_;
};

}  // namespace mailassist::testing
