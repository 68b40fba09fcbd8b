#pragma once
// The terminal calls the CLI needs, one implementation per OS (terminal_posix.cpp here; a
// Windows build adds terminal_windows.cpp with SetConsoleMode).

namespace mailassist::cli::platform {

bool stdin_is_terminal();
bool stdout_is_terminal();
bool stderr_is_terminal();

// Turns off echo on the terminal for as long as it lives (password prompts).
class EchoOff {
 public:
  EchoOff();
  ~EchoOff();
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  bool restored_needed_ = false;
  unsigned long saved_flags_ = 0;
};

}  // namespace mailassist::cli::platform
