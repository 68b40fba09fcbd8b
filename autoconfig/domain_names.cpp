#include "autoconfig/domain_names.hpp"

#include <libpsl.h>

#include "core/ascii.hpp"

namespace mailassist::autoconfig {

namespace {

// Loaded once, read-only afterwards: libpsl's lookups on a loaded context are safe from
// several threads (the detection sources run at once).
class PublicSuffixList {
 public:
  PublicSuffixList() {
    // psl_latest(NULL) takes the distribution's list file when it is newer than the list
    // compiled into libpsl; the built-in list is the fallback when no file can be read.
    owned_ = psl_latest(nullptr);
    context_ = owned_ != nullptr ? owned_ : psl_builtin();
  }
  ~PublicSuffixList() { psl_free(owned_); }
  PublicSuffixList(const PublicSuffixList&) = delete;
  PublicSuffixList& operator=(const PublicSuffixList&) = delete;

  const psl_ctx_t* get() const { return context_; }

 private:
  psl_ctx_t* owned_ = nullptr;  // null when the built-in list (never freed) is in use
  const psl_ctx_t* context_ = nullptr;
};

const PublicSuffixList& public_suffix_list() {
  static const PublicSuffixList list;
  return list;
}

}  // namespace

std::string normalize_host(std::string_view host) {
  while (!host.empty() && host.back() == '.') host.remove_suffix(1);
  return to_lower_ascii(host);
}

bool is_within_domain(std::string_view host, std::string_view domain) {
  std::string h = normalize_host(host);
  std::string d = normalize_host(domain);
  if (h.empty() || d.empty()) return false;
  if (h == d) return true;
  return h.size() > d.size() && h.compare(h.size() - d.size(), d.size(), d) == 0 &&
         h[h.size() - d.size() - 1] == '.';
}

std::string parent_domain(std::string_view host) {
  std::string h = normalize_host(host);
  auto dot = h.find('.');
  if (dot == std::string::npos) return {};
  std::string parent = h.substr(dot + 1);
  // "example.test" has parent "test": a top-level domain is nobody's mail provider.
  if (parent.find('.') == std::string::npos) return {};
  return parent;
}

std::string registrable_domain(std::string_view host) {
  std::string h = normalize_host(host);
  if (h.empty()) return {};
  // libpsl wants lower-case UTF-8; A-labels (xn--) are ASCII and so already are.
  const char* registrable = psl_registrable_domain(public_suffix_list().get(), h.c_str());
  return registrable == nullptr ? std::string() : std::string(registrable);
}

}  // namespace mailassist::autoconfig
