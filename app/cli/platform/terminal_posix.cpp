#include <termios.h>
#include <unistd.h>

#include "app/cli/platform/terminal.hpp"

namespace mailassist::cli::platform {

bool stdin_is_terminal() {
  return isatty(STDIN_FILENO) == 1;
}
bool stdout_is_terminal() {
  return isatty(STDOUT_FILENO) == 1;
}
bool stderr_is_terminal() {
  return isatty(STDERR_FILENO) == 1;
}

EchoOff::EchoOff() {
  termios settings{};
  if (tcgetattr(STDIN_FILENO, &settings) != 0) return;
  saved_flags_ = settings.c_lflag;
  settings.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  restored_needed_ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings) == 0;
}

EchoOff::~EchoOff() {
  if (!restored_needed_) return;
  termios settings{};
  if (tcgetattr(STDIN_FILENO, &settings) != 0) return;
  settings.c_lflag = static_cast<tcflag_t>(saved_flags_);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings);
}

}  // namespace mailassist::cli::platform
