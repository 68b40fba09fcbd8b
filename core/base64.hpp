#pragma once
// Base64 (RFC 4648 section 4), as used by SASL and MIME.
#include <optional>
#include <string>
#include <string_view>

namespace mailassist {

std::string base64_encode(std::string_view bytes);

// nullopt for characters outside the alphabet or bad padding; whitespace is not allowed.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace mailassist
