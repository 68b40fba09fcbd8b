// Certificate details and verification failures in plain words. The wizard shows these
// to a person deciding whether to trust a server, so every message says which of the
// usual problems it is (expired, self-signed, unknown authority, wrong name).
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <array>
#include <ctime>
#include <mutex>

#include "net/detail/certificate.hpp"

namespace mailassist::net::detail {

struct VerifyRecord::State {
  long error = X509_V_OK;
  int depth = 0;
  X509* leaf = nullptr;     // the server's certificate (up-referenced)
  X509* failing = nullptr;  // the certificate the error is about (up-referenced)
};

namespace {

// The SSL ex_data slot through which verify_callback finds the VerifyRecord.
int record_index() {
  static std::once_flag once;
  static int index = -1;
  std::call_once(once, [] { index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr); });
  return index;
}

// RFC 2253 order and escaping, but UTF-8 kept as is (XN_FLAG_RFC2253 would escape every
// non-ASCII byte as \XX, which nobody can read in a dialog).
std::string name_to_string(const X509_NAME* name) {
  if (name == nullptr) return {};
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio) return {};
  constexpr unsigned long kFlags = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
  if (X509_NAME_print_ex(bio.get(), name, 0, kFlags) < 0) return {};
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

bool to_tm(const ASN1_TIME* time, std::tm& out) {
  return time != nullptr && ASN1_TIME_to_tm(time, &out) == 1;
}

enum class TimeFormat { iso8601, date };

// strftime with a literal format each, so that -Wformat-nonliteral can check it.
std::string format_time(const ASN1_TIME* time, TimeFormat format) {
  std::tm tm{};
  if (!to_tm(time, tm)) return {};
  std::array<char, 32> text{};
  auto n = format == TimeFormat::iso8601
               ? std::strftime(text.data(), text.size(), "%Y-%m-%dT%H:%M:%SZ", &tm)
               : std::strftime(text.data(), text.size(), "%Y-%m-%d", &tm);
  return std::string(text.data(), n);
}

std::string sha256_fingerprint(const X509* certificate) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (X509_digest(certificate, EVP_sha256(), digest.data(), &length) != 1) return {};
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    if (i > 0) out += ':';
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0F];
  }
  return out;
}

std::string print_general_name(const GENERAL_NAME* name) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  if (!bio || GENERAL_NAME_print(bio.get(), const_cast<GENERAL_NAME*>(name)) != 1) return {};
  char* data = nullptr;
  long size = BIO_get_mem_data(bio.get(), &data);
  return size > 0 ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string subject_common_name(const X509* certificate) {
  std::string subject = name_to_string(X509_get_subject_name(certificate));
  return subject.empty() ? "no name" : subject;
}

// The DNS names and IP addresses a certificate is for, "imap.example.test, 192.0.2.1".
std::string certified_names(X509* certificate) {
  std::unique_ptr<GENERAL_NAMES, void (*)(GENERAL_NAMES*)> names(
      static_cast<GENERAL_NAMES*>(
          X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr)),
      [](GENERAL_NAMES* n) { GENERAL_NAMES_free(n); });
  std::string out;
  if (names) {
    for (int i = 0; i < sk_GENERAL_NAME_num(names.get()); ++i) {
      const GENERAL_NAME* name = sk_GENERAL_NAME_value(names.get(), i);
      std::string entry;
      if (name->type == GEN_DNS) {
        const ASN1_IA5STRING* dns = name->d.dNSName;
        entry.assign(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                     static_cast<std::size_t>(ASN1_STRING_length(dns)));
      } else if (name->type == GEN_IPADD) {
        entry = print_general_name(name);  // "IP Address:127.0.0.1"
        if (auto colon = entry.find(':'); colon != std::string::npos) entry.erase(0, colon + 1);
      }
      if (entry.empty()) continue;
      if (!out.empty()) out += ", ";
      out += entry;
    }
  }
  return out.empty() ? subject_common_name(certificate) : out;
}

}  // namespace

CertificateInfo describe_certificate(const x509_st* certificate) {
  CertificateInfo info;
  if (certificate == nullptr) return info;
  info.subject = name_to_string(X509_get_subject_name(certificate));
  info.issuer = name_to_string(X509_get_issuer_name(certificate));
  info.not_after = format_time(X509_get0_notAfter(certificate), TimeFormat::iso8601);
  info.sha256 = sha256_fingerprint(certificate);
  return info;
}

VerifyRecord::VerifyRecord() : state_(std::make_unique<State>()) {}

VerifyRecord::~VerifyRecord() {
  X509_free(state_->leaf);
  X509_free(state_->failing);
}

void VerifyRecord::attach(ssl_st* ssl) {
  SSL_set_ex_data(ssl, record_index(), state_.get());
}

bool VerifyRecord::failed() const {
  return state_->error != X509_V_OK;
}

std::optional<CertificateInfo> VerifyRecord::leaf() const {
  if (state_->leaf == nullptr) return std::nullopt;
  return describe_certificate(state_->leaf);
}

Error VerifyRecord::to_error(const std::string& peer, const std::string& host) const {
  const State& s = *state_;
  X509* failing = s.failing != nullptr ? s.failing : s.leaf;
  // Depth 0 reads "the certificate of X expired ..."; deeper in the chain "the certificate
  // of X depends on a certificate (CN=...) that expired ...".
  const std::string whose = s.depth == 0 || failing == nullptr
                                ? "the certificate of " + peer
                                : "the certificate of " + peer + " depends on a certificate (" +
                                      subject_common_name(failing) + ") that";
  auto certificate_error = [](std::string message) {
    return make_error(ErrorKind::tls_certificate, std::move(message));
  };
  switch (s.error) {
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return make_error(ErrorKind::tls_hostname,
                        "the certificate of " + peer + " is for " +
                            (s.leaf != nullptr ? certified_names(s.leaf) : "other names") +
                            ", not for " + host);
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return certificate_error(whose + " expired on " +
                               format_time(X509_get0_notAfter(failing), TimeFormat::date));
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return certificate_error(whose + " is not valid before " +
                               format_time(X509_get0_notBefore(failing), TimeFormat::date) +
                               " (is this computer's clock right?)");
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return certificate_error("the certificate of " + peer +
                               " is self-signed: no authority vouches for it");
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_UNTRUSTED: {
      // Name the authority: the issuer of the last certificate OpenSSL could place.
      std::string authority =
          failing != nullptr ? name_to_string(X509_get_issuer_name(failing)) : std::string();
      if (s.error == X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN && failing != nullptr) {
        authority = name_to_string(X509_get_subject_name(failing));
      }
      return certificate_error("the certificate of " + peer +
                               " was issued by an authority this computer does not trust (" +
                               authority + ")");
    }
    case X509_V_ERR_CERT_REVOKED: return certificate_error(whose + " has been revoked");
    default:
      return certificate_error("the certificate of " + peer +
                               " was rejected: " + X509_verify_cert_error_string(s.error));
  }
}

int verify_callback(int preverify_ok, x509_store_ctx_st* store) {
  if (preverify_ok == 1) return 1;
  auto* ssl =
      static_cast<SSL*>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* state = ssl != nullptr
                    ? static_cast<VerifyRecord::State*>(SSL_get_ex_data(ssl, record_index()))
                    : nullptr;
  if (state != nullptr && state->error == X509_V_OK) {
    state->error = X509_STORE_CTX_get_error(store);
    state->depth = X509_STORE_CTX_get_error_depth(store);
    if (X509* leaf = X509_STORE_CTX_get0_cert(store); leaf != nullptr && X509_up_ref(leaf) == 1) {
      state->leaf = leaf;
    }
    if (X509* current = X509_STORE_CTX_get_current_cert(store);
        current != nullptr && X509_up_ref(current) == 1) {
      state->failing = current;
    }
  }
  return preverify_ok;
}

}  // namespace mailassist::net::detail
