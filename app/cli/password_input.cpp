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

Result<std::vector<std::string>> obtain_passwords(bool from_stdin,
                                                  const std::vector<std::string>& accounts) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < accounts.size(); ++i) {
    if (!from_stdin) {
      out.push_back(
          prompt_for_password("Password for " + accounts[i] + ": ").value_or(std::string()));
      continue;
    }
    auto line = read_password_from_stdin();
    if (!line) {
      return make_error(ErrorKind::invalid_input,
                        "--password-stdin was given but standard input has no line " +
                            std::to_string(i + 1) + " (the password for " + accounts[i] + ")");
    }
    out.push_back(std::move(*line));
  }
  return out;
}

}  // namespace mailassist::cli
