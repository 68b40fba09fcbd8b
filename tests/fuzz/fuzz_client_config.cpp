// Feeds arbitrary bytes to the clientConfig v1.1 reader (ISP autoconfig, well-known, ISPDB
// and the bundled presets all go through it). A document it accepts must survive a round
// trip through our own writer (exporters/client_config_writer): what we publish for a
// domain has to read back as the same servers, or check-domain would advise publishing a
// file that clients misread.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "autoconfig/client_config_xml.hpp"
#include "autoconfig/detector.hpp"
#include "exporters/client_config_writer.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace mailassist;
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto config = autoconfig::parse_client_config(bytes, "fuzz input");
  if (!config) {
    if (config.error().message.empty()) __builtin_trap();
    return 0;
  }
  auto written = exporters::write_client_config(*config, "fuzz.test");
  auto again = autoconfig::parse_client_config(written, "rewritten fuzz input");
  if (!again || !autoconfig::same_settings(*config, *again)) __builtin_trap();
  return 0;
}
