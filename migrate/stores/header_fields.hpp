#pragma once
// The few header fields stores read while scanning (RFC 5322 section 2.2): collected from
// line pieces as they stream by, unfolded (section 2.2.3: a line starting with space or tab
// continues the field), first occurrence only, each value capped so that a hostile header
// cannot make memory grow.
#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "migrate/stores/line_reader.hpp"

namespace mailassist::migrate {

enum class HeaderField {
  date,
  message_id,
  content_length,
  mozilla_status,   // Thunderbird's X-Mozilla-Status (hex flags)
  mozilla_status2,  // X-Mozilla-Status2
  mozilla_keys,     // X-Mozilla-Keys (tags)
  status,           // mutt/pine "Status: RO"
  x_status,         // mutt/pine "X-Status: AF"
};
inline constexpr std::size_t kHeaderFieldCount = 8;

class HeaderFields {
 public:
  static constexpr std::size_t kMaxValue = 4096;

  // One piece of a header line (the blank line that ends the header is not fed).
  void add(const LinePiece& piece);
  bool has(HeaderField f) const { return present_[index(f)]; }
  // The unfolded value without leading and trailing white space; "" when absent.
  std::string_view value(HeaderField f) const;
  void clear();

 private:
  static std::size_t index(HeaderField f) { return static_cast<std::size_t>(f); }
  void append(std::string_view text);

  std::array<std::string, kHeaderFieldCount> values_;
  std::array<bool, kHeaderFieldCount> present_{};
  int current_ = -1;  // the field whose value is being collected, -1 for none
};

// The msg-id of a Message-ID value (RFC 5322 section 3.6.4): "<left@right>" with any
// folding white space left out; the trimmed value when there are no angle brackets.
std::string message_id_of(std::string_view value);

}  // namespace mailassist::migrate
