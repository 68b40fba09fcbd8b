#include "protocols/reply_error.hpp"

#include <algorithm>
#include <string>

namespace mailassist::protocols {

namespace {
constexpr std::size_t kExcerptBefore = 10;
constexpr std::size_t kExcerptLength = 40;
}  // namespace

Error malformed_reply(std::string_view protocol, std::string_view what, std::size_t line_number,
                      std::size_t offset, std::string_view line) {
  offset = std::min(offset, line.size());
  auto from = offset > kExcerptBefore ? offset - kExcerptBefore : 0;
  std::string excerpt(line.substr(from, kExcerptLength));
  // The excerpt ends up in terminals and JSON: a hostile server must not inject control
  // characters through it.
  for (auto& c : excerpt) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u >= 0x7f) c = '.';
  }
  return make_error(ErrorKind::protocol_error,
                    "malformed " + std::string(protocol) + " reply (line " +
                        std::to_string(line_number) + ", byte " + std::to_string(offset) +
                        "): " + std::string(what) + ", near \"" + excerpt + "\"");
}

}  // namespace mailassist::protocols
