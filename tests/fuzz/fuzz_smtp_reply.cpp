// Feeds arbitrary bytes, line by line, through the SMTP reply assembler and reads each
// complete reply as EHLO capabilities and as an enhanced status code.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocols/smtp/ehlo.hpp"
#include "protocols/smtp/reply.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mailassist::smtp;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ReplyAssembler assembler;
  for (std::size_t start = 0; start < bytes.size();) {
    auto end = bytes.find('\n', start);
    auto line = bytes.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    auto step = assembler.add_line(line);
    if (!step) {
      assembler = ReplyAssembler();  // a client gives up on the connection; start afresh
    } else if (*step) {
      const Reply& reply = **step;
      if (reply.lines.empty() || reply.lines.size() > ReplyAssembler::kMaxLines) __builtin_trap();
      if (reply.code < 200 || reply.code > 599) __builtin_trap();
      auto caps = parse_ehlo(reply);
      for (const auto& m : caps.auth)
        if (m.empty()) __builtin_trap();
      (void)reply.text();
    }
    (void)parse_enhanced_code(line);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return 0;
}
