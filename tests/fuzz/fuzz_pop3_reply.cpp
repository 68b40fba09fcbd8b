// Feeds arbitrary bytes to every POP3 reply parser: a whole multi-line response, then each
// of its lines as a status line, SASL step, STAT, LIST and UIDL entry, and the body as CAPA,
// LIST and UIDL listings.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "protocols/pop3/capabilities.hpp"
#include "protocols/pop3/listing.hpp"
#include "protocols/pop3/multiline.hpp"
#include "protocols/pop3/status_line.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mailassist::pop3;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);

  if (auto response = parse_multiline_response(bytes)) {
    if (response->consumed > bytes.size()) __builtin_trap();
    (void)parse_capabilities(response->lines);
    (void)parse_list(response->lines);
    if (auto uids = parse_uidl(response->lines)) {
      for (const auto& entry : *uids)
        if (!is_valid_unique_id(entry.uid)) __builtin_trap();
    }
    (void)join_message_lines(response->lines);
  }
  std::size_t line_number = 1;
  for (std::size_t start = 0; start < bytes.size(); ++line_number) {
    auto end = bytes.find('\n', start);
    auto line = bytes.substr(start, end == std::string_view::npos ? end : end - start);
    (void)parse_status_line(line, line_number);
    (void)parse_auth_step(line);
    (void)apop_timestamp(line);
    (void)unstuff_line(line);
    (void)parse_stat(line);
    (void)parse_list_entry(line, line_number);
    (void)parse_uidl_entry(line, line_number);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return 0;
}
