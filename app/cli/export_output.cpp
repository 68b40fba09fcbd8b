#include "app/cli/export_output.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "core/ascii.hpp"

namespace mailassist::cli {

bool writes_to_stdout(const std::string& output) {
  return output.empty() || output == "-";
}

std::string output_extension(const std::string& output) {
  return to_lower_ascii(std::filesystem::path(output).extension().string());
}

bool write_export(const std::string& output, std::string_view bytes, bool owner_only) {
  if (writes_to_stdout(output)) {
    std::cout.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    std::cout.flush();
    return true;
  }
  std::ofstream out(output, std::ios::binary);
  if (owner_only) {
    std::error_code ignored;
    std::filesystem::permissions(
        output, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
        std::filesystem::perm_options::replace, ignored);
  }
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) export_failure(1, "cannot write " + output);
  return static_cast<bool>(out);
}

int export_failure(int code, const std::string& message) {
  std::cerr << "mailassist export: " << message << '\n';
  return code;
}

}  // namespace mailassist::cli
