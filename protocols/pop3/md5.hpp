#pragma once
// MD5 (RFC 1321), only for APOP (RFC 1939 section 7), whose digest is
// MD5(timestamp + secret). Written here because only net/ may include OpenSSL; it is not
// used for anything that needs collision resistance.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mailassist::pop3 {

std::array<std::uint8_t, 16> md5(std::string_view bytes);

// Lower-case hex, as APOP sends it.
std::string md5_hex(std::string_view bytes);

}  // namespace mailassist::pop3
