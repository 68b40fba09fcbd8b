#pragma once
// Where `mailassist export` writes: standard output or a file, and the messages it prints.
#include <string>
#include <string_view>

namespace mailassist::cli {

bool writes_to_stdout(const std::string& output);

// The lower-case extension of a file name ("x.PNG" -> ".png").
std::string output_extension(const std::string& output);

// Writes bytes to the file, or to standard output for "" and "-". A file holding a password
// is made readable by its owner only, before anything is written. False after printing the
// error.
bool write_export(const std::string& output, std::string_view bytes, bool owner_only = false);

// "mailassist export: MESSAGE" on stderr; returns `code`.
int export_failure(int code, const std::string& message);

}  // namespace mailassist::cli
