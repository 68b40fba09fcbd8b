#pragma once
// Passwords never come from argv (other users can read it in `ps`): they come from
// standard input (--password-stdin, one line per password) or from a prompt with echo off.
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"

namespace mailassist::cli {

// The first line of standard input, without its line ending.
Result<std::string> read_password_from_stdin();

// Asks on the terminal with echo off; nullopt when stdin is not a terminal.
std::optional<std::string> prompt_for_password(const std::string& prompt);

// The password for `email`: standard input with --password-stdin, else a prompt on a
// terminal, else empty (no terminal, no password: commands then skip the login).
Result<std::string> obtain_password(bool from_stdin, const std::string& email);

// Several passwords, one per account in `accounts` ("bob@example.com on imap.example.com
// (IMAP)"), in that order: with --password-stdin one line each (line 1 for the first
// account, line 2 for the second...), else one prompt each naming its account.
// `mailassist migrate pop3://...` asks for the IMAP and then the POP3 password.
Result<std::vector<std::string>> obtain_passwords(bool from_stdin,
                                                  const std::vector<std::string>& accounts);

}  // namespace mailassist::cli
