// Feeds arbitrary bytes to the mbox scanner as a file: every message it finds must read
// back through open_mbox_message with exactly the size the scan announced (the reader
// fails otherwise), and the line reader must give the same lines whatever its buffer size.
// The date and header parsers see every line on the way.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "migrate/stores/line_reader.hpp"
#include "migrate/stores/mbox_scanner.hpp"
#include "migrate/stores/message_date.hpp"

namespace {

using namespace mailassist;
using namespace mailassist::migrate;

std::string lines_of(const std::filesystem::path& file, std::size_t buffer) {
  auto reader = LineReader::open(file, 0, UINT64_MAX, buffer);
  if (!reader) __builtin_trap();
  std::string out;
  LinePiece p;
  for (;;) {
    auto got = reader->next(p);
    if (!got) __builtin_trap();
    if (!*got) break;
    out.append(p.text);
    if (p.line_end) out.append("\r\n");
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path file =
      std::filesystem::temp_directory_path() /
      ("fuzz-mbox-" + std::to_string(static_cast<long>(getpid())) + ".mbox");
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (std::size_t start = 0; start < bytes.size();) {
    auto end = bytes.find('\n', start);
    auto line = bytes.substr(start, end == std::string_view::npos ? end : end - start);
    (void)parse_rfc5322_date(line);
    (void)parse_from_line_date(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }

  if (lines_of(file, 16) != lines_of(file, LineReader::kDefaultBuffer)) __builtin_trap();

  std::vector<MessageEnvelope> found;
  auto scanned = scan_mbox(
      file, "fuzz",
      [&](const MessageEnvelope& m) {
        found.push_back(m);
        return true;
      },
      [](const StoreProblem&) {}, CancelToken{});
  if (!scanned) __builtin_trap();
  std::vector<char> buffer(4096);
  for (const auto& m : found) {
    auto reader = open_mbox_message(file, m);
    if (!reader) __builtin_trap();
    std::uint64_t total = 0;
    for (;;) {
      auto n = (*reader)->read(buffer);
      if (!n) __builtin_trap();  // includes "size differs from the scan's"
      if (*n == 0) break;
      total += *n;
    }
    if (total != m.size) __builtin_trap();
  }
  return 0;
}
