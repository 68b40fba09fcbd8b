#include "openssl_tool.hpp"

#include <cctype>
#include <stdexcept>

namespace mailassist::testing {

std::string normalize_fingerprint(std::string_view text) {
  std::string hex;
  for (const char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)) != 0) {
      hex += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return hex;
}

std::string sha256_fingerprint(const std::filesystem::path& certificate) {
  const auto run = run_process({"/usr/bin/openssl", "x509", "-noout", "-fingerprint", "-sha256",
                                "-in", certificate.string()},
                               "", std::chrono::seconds(30));
  // "sha256 Fingerprint=AB:CD:..." (the prefix's spelling varies between versions)
  const auto equals = run.out.find('=');
  if (run.exit_code != 0 || equals == std::string::npos) {
    throw std::runtime_error("openssl x509 failed on " + certificate.string() + ": " +
                             describe(run));
  }
  std::string fingerprint = normalize_fingerprint(run.out.substr(equals + 1));
  if (fingerprint.size() != 64) throw std::runtime_error("odd fingerprint: " + run.out);
  return fingerprint;
}

ProcessResult openssl_handshake(const std::string& host, std::uint16_t port,
                                const std::string& starttls, const std::filesystem::path& ca_file) {
  std::vector<std::string> argv{
      "/usr/bin/openssl", "s_client",       "-connect",   host + ":" + std::to_string(port),
      "-CAfile",          ca_file.string(), "-verify_ip", host};
  if (!starttls.empty()) {
    argv.push_back("-starttls");
    argv.push_back(starttls);
  }
  // Empty stdin: s_client completes the handshake, sees EOF and closes.
  return run_process(argv, "", std::chrono::seconds(30));
}

}  // namespace mailassist::testing
