#include "app/wizard/model/account_form.hpp"

#include <cctype>

namespace mailassist::wizard {

namespace {

bool has_space_or_control(std::string_view text) {
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) return true;
  }
  return false;
}

// A domain detection can look up: at least two labels, no empty label, no label starting
// or ending with '-'. Non-ASCII (IDN) labels are let through: the resolver decides.
bool plausible_domain(std::string_view domain) {
  if (domain.empty() || domain.find('.') == std::string_view::npos) return false;
  std::size_t start = 0;
  while (start <= domain.size()) {
    auto end = domain.find('.', start);
    if (end == std::string_view::npos) end = domain.size();
    auto label = domain.substr(start, end - start);
    if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
      return false;
    for (char ch : label) {
      auto c = static_cast<unsigned char>(ch);
      if (c < 0x80 && !(std::isalnum(c) || c == '-')) return false;
    }
    start = end + 1;
  }
  return true;
}

}  // namespace

std::optional<AddressProblem> check_address(std::string_view address) {
  if (address.empty()) return AddressProblem::empty;
  if (has_space_or_control(address)) return AddressProblem::has_space;
  if (address.size() > 254) return AddressProblem::too_long;
  auto at = address.rfind('@');
  if (at == std::string_view::npos) return AddressProblem::no_at;
  if (at == 0) return AddressProblem::empty_local;
  auto domain = address.substr(at + 1);
  // "localhost" is a real mail domain on a test machine and in the Dovecot fixture.
  if (domain != "localhost" && !plausible_domain(domain)) return AddressProblem::bad_domain;
  return std::nullopt;
}

std::optional<NameProblem> check_display_name(std::string_view name) {
  if (name.find_first_not_of(" \t") == std::string_view::npos) return NameProblem::empty;
  for (char ch : name) {
    auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) return NameProblem::has_control;
  }
  return std::nullopt;
}

autoconfig::Protocol recommended_protocol(DeviceUse use) {
  return use == DeviceUse::one_device ? autoconfig::Protocol::pop3 : autoconfig::Protocol::imap;
}

}  // namespace mailassist::wizard
