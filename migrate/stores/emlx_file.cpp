#include "migrate/stores/emlx_file.hpp"

#include <pugixml.hpp>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <string>
#include <system_error>

#include "migrate/stores/message_file.hpp"
#include "migrate/stores/message_flags.hpp"

namespace mailassist::migrate {
namespace {

constexpr std::size_t kMaxPlist = 1024 * 1024;

template <typename T>
std::optional<T> parse_number(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  auto dot = text.find('.');  // <real> date-received values
  text = text.substr(0, dot);
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace

Result<EmlxLayout> read_emlx_layout(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return make_error(ErrorKind::io_error, "cannot open " + utf8_path(file));
  std::error_code ec;
  auto file_size = std::filesystem::file_size(file, ec);
  if (ec) return make_error(ErrorKind::io_error, "cannot read " + utf8_path(file));
  std::string first(32, '\0');
  in.read(first.data(), static_cast<std::streamsize>(first.size()));
  first.resize(static_cast<std::size_t>(in.gcount()));
  auto lf = first.find('\n');
  if (lf == std::string::npos)
    return make_error(ErrorKind::invalid_input,
                      utf8_path(file) + " does not start with a length line (not an .emlx file)");
  auto length = parse_number<std::uint64_t>(std::string_view(first).substr(0, lf));
  if (!length)
    return make_error(ErrorKind::invalid_input,
                      utf8_path(file) + " does not start with a length line (not an .emlx file)");
  EmlxLayout layout;
  layout.message_begin = lf + 1;
  if (*length > file_size - layout.message_begin)
    return make_error(ErrorKind::invalid_input,
                      utf8_path(file) + " says its message has " + std::to_string(*length) +
                          " bytes but only " + std::to_string(file_size - layout.message_begin) +
                          " follow at byte " + std::to_string(layout.message_begin));
  layout.message_end = layout.message_begin + *length;

  std::string plist(std::min<std::uint64_t>(file_size - layout.message_end, kMaxPlist), '\0');
  in.seekg(static_cast<std::streamoff>(layout.message_end));
  in.read(plist.data(), static_cast<std::streamsize>(plist.size()));
  plist.resize(static_cast<std::size_t>(in.gcount()));
  pugi::xml_document doc;
  // No DTD processing in pugixml: the plist's DOCTYPE is skipped, never fetched.
  if (!doc.load_buffer(plist.data(), plist.size(), pugi::parse_default)) return layout;
  auto dict = doc.child("plist").child("dict");
  for (auto key = dict.child("key"); key; key = key.next_sibling("key")) {
    auto value = key.next_sibling();
    std::string_view name = key.child_value();
    if (name == "flags") layout.flags = parse_number<std::uint32_t>(value.child_value());
    if (name == "date-received")
      layout.date_received = parse_number<std::int64_t>(value.child_value());
  }
  return layout;
}

void apply_emlx_flags(std::uint32_t flags, MessageEnvelope& message) {
  if (flags & (1u << 0)) add_flag(message, "\\Seen");
  if (flags & (1u << 1)) message.deleted = true;
  if (flags & (1u << 2)) add_flag(message, "\\Answered");
  if (flags & (1u << 4)) add_flag(message, "\\Flagged");
  if (flags & (1u << 6)) add_flag(message, "\\Draft");
  if (flags & (1u << 8)) add_flag(message, "$Forwarded");
  if (flags & (1u << 24)) add_flag(message, "$Junk");
  if (flags & (1u << 25)) add_flag(message, "$NotJunk");
}

}  // namespace mailassist::migrate
