#include "net/sha256.hpp"

#include <openssl/evp.h>

namespace mailassist::net {

struct Sha256::State {
  EVP_MD_CTX* context = EVP_MD_CTX_new();
  // EVP fails only without memory; the failure is kept and reported by finish().
  bool failed = !context || EVP_DigestInit_ex(context, EVP_sha256(), nullptr) != 1;
  ~State() { EVP_MD_CTX_free(context); }
};

Sha256::Sha256() : state_(std::make_unique<State>()) {}
Sha256::~Sha256() = default;
Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(std::string_view bytes) {
  if (state_->failed || bytes.empty()) return;
  state_->failed = EVP_DigestUpdate(state_->context, bytes.data(), bytes.size()) != 1;
}

Result<Sha256Digest> Sha256::finish() {
  Sha256Digest digest{};
  unsigned int length = 0;
  bool failed = state_->failed ||
                EVP_DigestFinal_ex(state_->context, digest.data(), &length) != 1 ||
                length != digest.size();
  state_->failed =
      !state_->context || EVP_DigestInit_ex(state_->context, EVP_sha256(), nullptr) != 1;
  if (failed) return make_error(ErrorKind::internal, "OpenSSL could not compute a SHA-256");
  return digest;
}

}  // namespace mailassist::net
