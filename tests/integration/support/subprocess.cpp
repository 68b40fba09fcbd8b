#include "subprocess.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <thread>

namespace mailassist::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipe {
  int read = -1;
  int write = -1;
};

Pipe make_pipe() {
  int fds[2];
  // CLOEXEC: only the ends dup2'ed onto 0/1/2 reach the program.
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
  }
  return Pipe{fds[0], fds[1]};
}

void close_fd(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

std::vector<char*> c_argv(const std::vector<std::string>& argv) {
  if (argv.empty()) throw std::invalid_argument("run_process: empty argv");
  std::vector<char*> out;
  for (const auto& arg : argv) out.push_back(const_cast<char*>(arg.c_str()));
  out.push_back(nullptr);
  return out;
}

// Between fork and exec only async-signal-safe calls; everything is prepared before.
[[noreturn]] void exec_child(char* const* argv, int in, int out, int err) {
  if ((in >= 0 && ::dup2(in, STDIN_FILENO) < 0) || ::dup2(out, STDOUT_FILENO) < 0 ||
      (err >= 0 && ::dup2(err, STDERR_FILENO) < 0)) {
    ::_exit(126);
  }
  // The test process ignores SIGPIPE (below); an ignored signal survives exec.
  ::signal(SIGPIPE, SIG_DFL);
  ::execv(argv[0], argv);
  ::_exit(127);
}

void ignore_sigpipe() {
  // Writing a password to a program that exited without reading it must not kill us.
  static const bool done = [] {
    ::signal(SIGPIPE, SIG_IGN);
    return true;
  }();
  (void)done;
}

void append_available(int& fd, std::string& into) {
  char chunk[65536];
  const ssize_t got = ::read(fd, chunk, sizeof chunk);
  if (got > 0) {
    into.append(chunk, static_cast<std::size_t>(got));
  } else if (got == 0 || (errno != EINTR && errno != EAGAIN)) {
    close_fd(fd);
  }
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input,
                          std::chrono::milliseconds timeout) {
  ignore_sigpipe();
  auto args = c_argv(argv);
  Pipe in = make_pipe(), out = make_pipe(), err = make_pipe();
  const auto started = Clock::now();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) exec_child(args.data(), in.read, out.write, err.write);
  close_fd(in.read);
  close_fd(out.write);
  close_fd(err.write);
  if (input.empty()) close_fd(in.write);

  ProcessResult result;
  const auto deadline = started + timeout;
  while (out.read >= 0 || err.read >= 0) {
    const auto now = Clock::now();
    if (now >= deadline && !result.timed_out) {
      result.timed_out = true;
      ::kill(pid, SIGKILL);
      close_fd(in.write);
    }
    std::vector<pollfd> fds;
    if (in.write >= 0) fds.push_back({in.write, POLLOUT, 0});
    if (out.read >= 0) fds.push_back({out.read, POLLIN, 0});
    if (err.read >= 0) fds.push_back({err.read, POLLIN, 0});
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
    const int wait_ms =
        result.timed_out
            ? 1000
            : static_cast<int>(std::max<long long>(1, std::min<long long>(left.count(), 1000)));
    if (::poll(fds.data(), fds.size(), wait_ms) < 0 && errno != EINTR) break;
    for (const auto& p : fds) {
      if (p.revents == 0) continue;
      if (p.fd == in.write) {
        const ssize_t wrote = ::write(in.write, input.data(), input.size());
        if (wrote > 0) input.remove_prefix(static_cast<std::size_t>(wrote));
        if (wrote < 0 || input.empty()) close_fd(in.write);  // EPIPE: it stopped reading
      } else if (p.fd == out.read) {
        append_available(out.read, result.out);
      } else if (p.fd == err.read) {
        append_available(err.read, result.err);
      }
    }
  }
  close_fd(in.write);
  close_fd(out.read);
  close_fd(err.read);

  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  result.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  result.max_rss_kb = usage.ru_maxrss;
  if (WIFEXITED(status)) {
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.signal = WTERMSIG(status);
  }
  return result;
}

std::string describe(const ProcessResult& result) {
  std::string text;
  if (result.timed_out)
    text = "timed out and was killed";
  else if (result.signal != 0)
    text = "killed by signal " + std::to_string(result.signal);
  else
    text = "exit " + std::to_string(result.exit_code);
  text += " after " + std::to_string(result.elapsed.count()) + " ms, peak RSS " +
          std::to_string(result.max_rss_kb) + " kB";
  text += "\n--- stdout ---\n" + result.out.substr(0, 4000);
  text += "\n--- stderr ---\n" + result.err.substr(0, 4000);
  return text;
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv) {
  ignore_sigpipe();
  auto args = c_argv(argv);
  Pipe out = make_pipe();
  pid_ = ::fork();
  if (pid_ < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid_ == 0) exec_child(args.data(), -1, out.write, -1);
  close_fd(out.write);
  stdout_fd_ = out.read;
}

ChildProcess::~ChildProcess() {
  terminate(std::chrono::seconds(5));
  close_fd(stdout_fd_);
}

std::string ChildProcess::read_line(std::chrono::milliseconds timeout) {
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    const auto newline = buffer_.find('\n');
    if (newline != std::string::npos) {
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      return line;
    }
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (stdout_fd_ < 0 || left.count() <= 0) {
      throw std::runtime_error("child " + std::to_string(pid_) + " printed no line in time");
    }
    pollfd pfd{stdout_fd_, POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(left.count())) > 0) append_available(stdout_fd_, buffer_);
  }
}

bool ChildProcess::wait_exit(std::chrono::milliseconds timeout) {
  if (reaped_) return true;
  const auto deadline = Clock::now() + timeout;
  for (;;) {
    int status = 0;
    const pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_ || (done < 0 && errno == ECHILD)) return reaped_ = true;
    if (Clock::now() >= deadline) return false;
    // Reaping has no notification we can poll on portably; a short, bounded re-check.
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

bool ChildProcess::terminate(std::chrono::milliseconds grace) {
  if (reaped_ || pid_ <= 0) return true;
  ::kill(pid_, SIGTERM);
  if (wait_exit(grace)) return true;
  ::kill(pid_, SIGKILL);
  wait_exit(std::chrono::seconds(10));
  return false;
}

}  // namespace mailassist::testing
