// Feeds arbitrary bytes to the Outlook POX Autodiscover response reader: what a server (or
// anyone between it and us, before TLS is verified) sends back to our POST.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "autoconfig/autodiscover_xml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mailassist;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto config = autoconfig::parse_autodiscover_response(bytes, "fuzz input");
  if (!config) {
    if (config.error().message.empty()) __builtin_trap();
    return 0;
  }
  // An accepted response names at least one server, each with a host and a port.
  if (config->incoming.empty() && config->outgoing.empty()) __builtin_trap();
  for (const auto* servers : {&config->incoming, &config->outgoing})
    for (const auto& server : *servers)
      if (server.host.empty() || server.port == 0) __builtin_trap();
  return 0;
}
