#pragma once
// SHA-256 over bytes given in pieces (OpenSSL's EVP, kept out of this header as DESIGN.md
// asks of every OpenSSL use). Migration compares a source message with the server's copy
// by it without holding either whole.
#include <array>
#include <memory>
#include <string_view>

#include "core/result.hpp"

namespace mailassist::net {

using Sha256Digest = std::array<unsigned char, 32>;

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(Sha256&&) noexcept;
  Sha256& operator=(Sha256&&) noexcept;
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view bytes);
  // The digest of everything given; ErrorKind::internal if OpenSSL failed on the way (no
  // memory). The object starts over afterwards.
  Result<Sha256Digest> finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace mailassist::net
