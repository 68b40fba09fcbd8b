#include "migrate/stores/header_fields.hpp"

#include "core/ascii.hpp"

namespace mailassist::migrate {
namespace {

constexpr std::array<std::string_view, kHeaderFieldCount> kNames{
    "Date",           "Message-ID", "Content-Length", "X-Mozilla-Status", "X-Mozilla-Status2",
    "X-Mozilla-Keys", "Status",     "X-Status"};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

void HeaderFields::clear() {
  for (auto& v : values_) v.clear();
  present_.fill(false);
  current_ = -1;
}

void HeaderFields::append(std::string_view text) {
  auto& v = values_[static_cast<std::size_t>(current_)];
  if (v.size() < kMaxValue) v.append(text.substr(0, kMaxValue - v.size()));
}

void HeaderFields::add(const LinePiece& piece) {
  std::string_view text = piece.text;
  if (!piece.line_start) {
    if (current_ >= 0) append(text);
    return;
  }
  if (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    if (current_ >= 0) append(text);  // folded continuation (section 2.2.3)
    return;
  }
  current_ = -1;
  auto colon = text.find(':');
  if (colon == std::string_view::npos) return;
  auto name = trim(text.substr(0, colon));  // obs-optional allows WSP before the colon
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (!iequals(name, kNames[i]) || present_[i]) continue;
    present_[i] = true;
    current_ = static_cast<int>(i);
    append(text.substr(colon + 1));
    return;
  }
}

std::string_view HeaderFields::value(HeaderField f) const {
  return trim(values_[index(f)]);
}

std::string message_id_of(std::string_view value) {
  auto open = value.find('<');
  auto close = open == std::string_view::npos ? open : value.find('>', open);
  std::string_view id =
      close == std::string_view::npos ? trim(value) : value.substr(open, close - open + 1);
  std::string out;
  for (char c : id)
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c);
  return out;
}

}  // namespace mailassist::migrate
