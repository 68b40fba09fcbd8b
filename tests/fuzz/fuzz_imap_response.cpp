// Feeds arbitrary bytes through what ImapClient does with a server's output: split into
// lines, hand them to the ResponseAssembler, read literals by count, parse each complete
// response (typing FETCH, STATUS and NAMESPACE data as the client and migration do). Also
// round-trips every LIST name through the modified UTF-7 decoder/encoder.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <variant>

#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/message_index.hpp"
#include "protocols/imap/namespace_response.hpp"
#include "protocols/imap/response_assembler.hpp"
#include "protocols/imap/response_parser.hpp"

namespace {

using mailassist::imap::ResponseAssembler;

// Whatever decodes is valid UTF-8 and survives encode-then-decode unchanged; whatever is
// valid UTF-8 survives decode-after-encode.
void check_mailbox_name(std::string_view bytes) {
  using namespace mailassist::imap;
  if (auto decoded = decode_mailbox_name(bytes)) {
    if (!is_valid_utf8(*decoded)) __builtin_trap();
    auto encoded = encode_mailbox_name(*decoded);
    if (!encoded) __builtin_trap();
    auto again = decode_mailbox_name(*encoded);
    if (!again || *again != *decoded) __builtin_trap();
  }
  if (is_valid_utf8(bytes)) {
    auto encoded = encode_mailbox_name(bytes);
    if (!encoded) __builtin_trap();
    auto decoded = decode_mailbox_name(*encoded);
    if (!decoded || *decoded != bytes) __builtin_trap();
  }
}

void parse(std::string_view text) {
  auto response = mailassist::imap::parse_response(text);
  if (!response) return;
  if (const auto* list = std::get_if<mailassist::imap::ListData>(&*response)) {
    check_mailbox_name(list->name);
  }
  // FETCH and STATUS are typed on demand; the index reads every FETCH a server sends.
  if (const auto* data = std::get_if<mailassist::imap::UnknownData>(&*response)) {
    if (data->keyword == "FETCH") {
      if (auto fetch = mailassist::imap::parse_fetch_response(data->raw)) {
        (void)mailassist::imap::index_entry(*fetch);
        if (fetch->internal_date)
          (void)mailassist::imap::parse_internal_date(*fetch->internal_date);
      }
    } else if (data->keyword == "STATUS") {
      (void)mailassist::imap::parse_status_response(data->raw);
    } else if (data->keyword == "NAMESPACE") {
      // Migration reads the personal prefix and decodes it as a mailbox name.
      if (auto namespaces = mailassist::imap::parse_namespace_response(data->raw)) {
        for (const auto& d : namespaces->personal) check_mailbox_name(d.prefix);
      }
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  // Small limits so the fuzzer reaches them.
  ResponseAssembler assembler(mailassist::imap::ResponseLimits{4096, 8});
  while (!input.empty()) {
    if (assembler.need() == ResponseAssembler::Need::literal) {
      if (input.size() < assembler.literal_size()) return 0;
      if (!assembler.add_literal(input.substr(0, assembler.literal_size()))) return 0;
      input.remove_prefix(assembler.literal_size());
      continue;
    }
    auto newline = input.find('\n');
    if (newline == std::string_view::npos) return 0;
    auto line = input.substr(0, newline);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    input.remove_prefix(newline + 1);
    if (!assembler.add_line(line)) {
      assembler.reset();
      continue;
    }
    if (assembler.need() == ResponseAssembler::Need::complete) parse(assembler.take());
  }
  check_mailbox_name(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
