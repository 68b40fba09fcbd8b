#pragma once
// The openssl command-line tool as an independent witness: fingerprints and handshakes
// computed without any of our code.
#include <cstdint>
#include <filesystem>
#include <string>

#include "subprocess.hpp"

namespace mailassist::testing {

// SHA-256 of the certificate's DER form, from `openssl x509 -fingerprint -sha256`,
// as lowercase hex without separators.
std::string sha256_fingerprint(const std::filesystem::path& certificate);

// Lowercase hex digits only: "AB:cd:01" and "abcd01" compare equal afterwards.
std::string normalize_fingerprint(std::string_view text);

// `openssl s_client` to host:port (with -starttls imap|pop3|smtp unless empty),
// verifying against ca_file and the host's IP address; its output.
ProcessResult openssl_handshake(const std::string& host, std::uint16_t port,
                                const std::string& starttls, const std::filesystem::path& ca_file);

}  // namespace mailassist::testing
