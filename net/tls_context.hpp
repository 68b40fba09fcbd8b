#pragma once
// Trust settings shared by every TLS connection of a run: the system store plus an optional
// extra CA file (--ca-file). Verification of the chain and of the host name is always on;
// TLS 1.2 is the minimum version.
#include <memory>
#include <string>

#include "core/result.hpp"

namespace mailassist::net {

struct TlsSettings {
  std::string extra_ca_file;     // PEM; empty = none
  bool use_system_store = true;  // tests turn this off to prove a CA is really needed
};

class TlsContext {
 public:
  static Result<std::shared_ptr<const TlsContext>> create(const TlsSettings& settings);
  ~TlsContext();
  TlsContext(const TlsContext&) = delete;
  TlsContext& operator=(const TlsContext&) = delete;

  // The underlying SSL_CTX*, for net/*.cpp only.
  void* native() const { return native_; }

 private:
  explicit TlsContext(void* native) : native_(native) {}
  void* native_;
};

}  // namespace mailassist::net
