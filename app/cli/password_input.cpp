#include "app/cli/password_input.hpp"

#include <iostream>

#include "app/cli/platform/terminal.hpp"

namespace mailassist::cli {

Result<std::string> read_password_from_stdin() {
  std::string line;
  if (!std::getline(std::cin, line)) {
    return make_error(ErrorKind::invalid_input,
                      "--password-stdin was given but standard input is empty");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

std::optional<std::string> prompt_for_password(const std::string& prompt) {
  if (!platform::stdin_is_terminal()) return std::nullopt;
  std::cerr << prompt << std::flush;
  std::string line;
  {
    platform::EchoOff echo_off;
    std::getline(std::cin, line);
  }
  std::cerr << '\n';
  return line;
}

Result<std::string> obtain_password(bool from_stdin, const std::string& email) {
  if (from_stdin) return read_password_from_stdin();
  return prompt_for_password("Password for " + email + ": ").value_or(std::string());
}

}  // namespace mailassist::cli
