#pragma once
// Passwords never come from argv (other users can read it in `ps`): they come from
// standard input (--password-stdin, first line) or from a prompt with echo off.
#include <optional>
#include <string>

#include "core/result.hpp"

namespace mailassist::cli {

// The first line of standard input, without its line ending.
Result<std::string> read_password_from_stdin();

// Asks on the terminal with echo off; nullopt when stdin is not a terminal.
std::optional<std::string> prompt_for_password(const std::string& prompt);

// The password for `email`: standard input with --password-stdin, else a prompt on a
// terminal, else empty (no terminal, no password: commands then skip the login).
Result<std::string> obtain_password(bool from_stdin, const std::string& email);

}  // namespace mailassist::cli
