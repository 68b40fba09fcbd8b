// One HTTP exchange over libcurl: a fresh easy handle (on a private multi handle) per
// exchange, so no state (connections, cookies, DNS cache) is shared between fetches or
// threads.
//
// What curl is allowed to do on its own is cut down to the exchange itself: it follows no
// redirect, resolves no name (the host is pinned to our Resolver's answer), uses no proxy,
// and trusts exactly the certificates the run's TlsContext trusts.
#include <curl/curl.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <array>
#include <memory>
#include <mutex>

#include "net/detail/socket.hpp"
#include "net/http_client_transfer.hpp"

#ifndef MAILASSIST_VERSION
#error "MAILASSIST_VERSION must be defined by net/CMakeLists.txt"
#endif

namespace mailassist::net::detail {

namespace {

// curl_global_init(3) is not thread-safe and must run once before any other curl call;
// it is never undone because other threads may still be fetching while the process exits.
Result<void> init_curl() {
  static std::once_flag once;
  static CURLcode status = CURLE_OK;
  std::call_once(once, [] { status = curl_global_init(CURL_GLOBAL_DEFAULT); });
  if (status != CURLE_OK) {
    return make_error(ErrorKind::internal,
                      std::string("could not initialise libcurl: ") + curl_easy_strerror(status));
  }
  return ok();
}

struct EasyDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct UrlDeleter {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
using SlistPtr = std::unique_ptr<curl_slist, SlistDeleter>;

// Appends to a curl string list; false when curl is out of memory.
bool append(SlistPtr& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) return false;
  static_cast<void>(list.release());  // now owned by `grown`
  list.reset(grown);
  return true;
}

// What the callbacks write into while curl runs.
struct Exchange {
  const Transfer* transfer = nullptr;
  std::string body;
  bool body_too_large = false;
  bool cancelled = false;
};

std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& exchange = *static_cast<Exchange*>(user);
  const std::size_t bytes = size * count;
  if (exchange.body.size() + bytes > exchange.transfer->max_body_bytes) {
    // Returning less than `bytes` makes curl stop with CURLE_WRITE_ERROR
    // (CURLOPT_WRITEFUNCTION(3)); the flag says why.
    exchange.body_too_large = true;
    return 0;
  }
  exchange.body.append(data, bytes);
  return bytes;
}

// CURLOPT_XFERINFOFUNCTION(3): curl calls this while connecting and transferring, so a
// cancel also stops a transfer that keeps curl busy; non-zero aborts with
// CURLE_ABORTED_BY_CALLBACK. run() checks the token between rounds as well.
int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto& exchange = *static_cast<Exchange*>(user);
  if (exchange.transfer->cancel != nullptr && exchange.transfer->cancel->cancelled()) {
    exchange.cancelled = true;
    return 1;
  }
  return 0;
}

// CURLOPT_SSL_CTX_FUNCTION(3): runs on curl's SSL_CTX before each handshake. It installs
// the trust of the run's TlsContext (the very same X509_STORE, shared by reference count:
// system store and/or --ca-file), the TLS 1.2 minimum, and OpenSSL's own host-name check
// (X509_VERIFY_PARAM_set1_host), as for every mail connection. curl's own post-handshake
// host check still runs after OpenSSL's, which can only make it stricter.
CURLcode on_ssl_context(CURL*, void* ssl_ctx, void* user) {
  const auto& transfer = *static_cast<const Transfer*>(user);
  auto* ctx = static_cast<SSL_CTX*>(ssl_ctx);
  const auto* trusted = static_cast<const SSL_CTX*>(transfer.tls->native());
  X509_STORE* store = SSL_CTX_get_cert_store(trusted);
  if (store == nullptr || X509_STORE_up_ref(store) != 1) return CURLE_SSL_CERTPROBLEM;
  SSL_CTX_set_cert_store(ctx, store);  // takes over our reference
  if (SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) != 1) return CURLE_SSL_CIPHER;
  SSL_CTX_set_options(ctx, SSL_OP_NO_RENEGOTIATION);

  X509_VERIFY_PARAM* param = SSL_CTX_get0_param(ctx);
  const std::string host(strip_brackets(transfer.target.host));
  if (ip_literal_family(host)) {
    if (X509_VERIFY_PARAM_set1_ip_asc(param, host.c_str()) != 1) return CURLE_SSL_CERTPROBLEM;
  } else {
    // RFC 6125 section 7.2: no partial-label wildcards such as "im*.example.test".
    X509_VERIFY_PARAM_set_hostflags(param, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    if (X509_VERIFY_PARAM_set1_host(param, host.c_str(), host.size()) != 1) {
      return CURLE_SSL_CERTPROBLEM;
    }
  }
  return CURLE_OK;
}

std::string host_port(const UrlParts& target) {
  return target.host + ":" + std::to_string(target.port);
}

// CURLOPT_RESOLVE(3) entry "HOST:PORT:ADDR[,ADDR...]"; IPv6 addresses in brackets.
std::string resolve_entry(const Transfer& transfer) {
  std::string entry = host_port(transfer.target) + ":";
  for (std::size_t i = 0; i < transfer.addresses.size(); ++i) {
    const std::string& address = transfer.addresses[i];
    if (i > 0) entry += ',';
    entry += ip_literal_family(address) == IpFamily::v6 ? "[" + address + "]" : address;
  }
  return entry;
}

Error certificate_error(const Transfer& transfer, long verify_result) {
  const std::string peer = host_port(transfer.target);
  if (verify_result == X509_V_ERR_HOSTNAME_MISMATCH ||
      verify_result == X509_V_ERR_IP_ADDRESS_MISMATCH) {
    return make_error(ErrorKind::tls_hostname,
                      "the certificate of " + peer + " is not for " +
                          std::string(strip_brackets(transfer.target.host)) + " (fetching " +
                          transfer.url + ")");
  }
  return make_error(ErrorKind::tls_certificate, "the certificate of " + peer + " was rejected: " +
                                                    X509_verify_cert_error_string(verify_result) +
                                                    " (fetching " + transfer.url + ")");
}

Error transfer_error(CURLcode code, const Transfer& transfer, const Exchange& exchange,
                     long verify_result, const char* detail) {
  const std::string& url = transfer.url;
  const std::string reason = detail[0] != '\0' ? detail : curl_easy_strerror(code);
  if (exchange.cancelled)
    return make_error(ErrorKind::cancelled, "fetching " + url + " was cancelled");
  if (exchange.body_too_large) {
    return make_error(ErrorKind::protocol_error, "the reply from " + url + " is larger than " +
                                                     std::to_string(transfer.max_body_bytes) +
                                                     " bytes");
  }
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
      return make_error(ErrorKind::unreachable, "cannot connect to " + host_port(transfer.target) +
                                                    " for " + url + ": " + reason);
    case CURLE_OPERATION_TIMEDOUT:
      return make_error(ErrorKind::timeout,
                        "no complete answer from " + url + " within the time limit");
    case CURLE_PEER_FAILED_VERIFICATION: return certificate_error(transfer, verify_result);
    case CURLE_SSL_CONNECT_ERROR:
      // A verification failure surfaces here when the server's alert arrives first.
      if (verify_result != X509_V_OK) return certificate_error(transfer, verify_result);
      return make_error(
          ErrorKind::tls_handshake,
          "TLS handshake with " + host_port(transfer.target) + " failed (" + url + "): " + reason);
    case CURLE_ABORTED_BY_CALLBACK:
      return make_error(ErrorKind::cancelled, "fetching " + url + " was cancelled");
    default: return make_error(ErrorKind::protocol_error, "fetching " + url + " failed: " + reason);
  }
}

// Only http and https, whatever else this libcurl was built with.
CURLcode restrict_to_http(CURL* handle) {
#if LIBCURL_VERSION_NUM >= 0x075500  // 7.85.0 added the string form, deprecating the bits
  return curl_easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
#else
  return curl_easy_setopt(handle, CURLOPT_PROTOCOLS, CURLPROTO_HTTP | CURLPROTO_HTTPS);
#endif
}

// Sets every option; false (with `what`) names the first option curl refused.
bool configure(CURL* handle, const Transfer& transfer, Exchange& exchange, curl_slist* headers,
               curl_slist* resolve, char* error_buffer, const char*& what) {
  auto set = [&what](CURLcode code, const char* name) {
    if (code != CURLE_OK) what = name;
    return code == CURLE_OK;
  };
  const HttpRequest& request = *transfer.request;
  // CURLOPT_TIMEOUT_MS(3) bounds the whole exchange; 0 means none (Deadline::never()).
  const long timeout_ms = transfer.deadline.is_never() ? 0L : transfer.deadline.remaining_ms();
  bool ok =
      set(curl_easy_setopt(handle, CURLOPT_URL, transfer.url.c_str()), "URL") &&
      set(curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer), "ERRORBUFFER") &&
      // Threads: no signals (CURLOPT_NOSIGNAL(3)), which multi-threaded programs need.
      set(curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L), "NOSIGNAL") &&
      // Redirects are followed by HttpClient, hop by hop, through our Resolver.
      set(curl_easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 0L), "FOLLOWLOCATION") &&
      set(restrict_to_http(handle), "PROTOCOLS_STR") &&
      // No proxy, not even one named by http_proxy/https_proxy in the environment: a
      // detection result must depend only on --dns-server and --ca-file, and a proxy would
      // resolve names itself, out of our Resolver's reach. "" disables proxies entirely
      // (CURLOPT_PROXY(3)).
      set(curl_easy_setopt(handle, CURLOPT_PROXY, ""), "PROXY") &&
      set(curl_easy_setopt(handle, CURLOPT_RESOLVE, resolve), "RESOLVE") &&
      set(curl_easy_setopt(handle, CURLOPT_TIMEOUT_MS, timeout_ms), "TIMEOUT_MS") &&
      set(curl_easy_setopt(handle, CURLOPT_USERAGENT, "MailAssist/" MAILASSIST_VERSION),
          "USERAGENT") &&
      set(curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers), "HTTPHEADER") &&
      set(curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, &on_body), "WRITEFUNCTION") &&
      set(curl_easy_setopt(handle, CURLOPT_WRITEDATA, &exchange), "WRITEDATA") &&
      set(curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, &on_progress), "XFERINFOFUNCTION") &&
      set(curl_easy_setopt(handle, CURLOPT_XFERINFODATA, &exchange), "XFERINFODATA") &&
      set(curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L), "NOPROGRESS") &&
      // TLS: chain and name always verified, TLS 1.2 minimum (RFC 8996, RFC 8314 4.1).
      set(curl_easy_setopt(handle, CURLOPT_SSL_VERIFYPEER, 1L), "SSL_VERIFYPEER") &&
      set(curl_easy_setopt(handle, CURLOPT_SSL_VERIFYHOST, 2L), "SSL_VERIFYHOST") &&
      set(curl_easy_setopt(handle, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2), "SSLVERSION") &&
      // curl loads no CA bundle of its own: on_ssl_context installs the TlsContext's store.
      set(curl_easy_setopt(handle, CURLOPT_CAINFO, nullptr), "CAINFO") &&
      set(curl_easy_setopt(handle, CURLOPT_CAPATH, nullptr), "CAPATH") &&
      set(curl_easy_setopt(handle, CURLOPT_SSL_CTX_FUNCTION, &on_ssl_context),
          "SSL_CTX_FUNCTION") &&
      set(curl_easy_setopt(handle, CURLOPT_SSL_CTX_DATA, &transfer), "SSL_CTX_DATA");
  if (ok && transfer.method == "POST") {
    ok = set(curl_easy_setopt(handle, CURLOPT_POST, 1L), "POST") &&
         set(curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE,
                              static_cast<curl_off_t>(request.body.size())),
             "POSTFIELDSIZE_LARGE") &&
         set(curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data()), "POSTFIELDS");
  }
  return ok;
}

// Runs the exchange on a private multi handle instead of curl_easy_perform: between
// rounds the CancelToken is checked at least every kCancelPollMs, whereas curl calls the
// progress callback only about once a second while a server is silent (a hung autoconfig
// host must not keep a cancelled detection waiting).
constexpr int kCancelPollMs = 50;

struct MultiDeleter {
  void operator()(CURLM* multi) const { curl_multi_cleanup(multi); }
};

CURLcode run(CURL* handle, const Transfer& transfer, Exchange& exchange) {
  std::unique_ptr<CURLM, MultiDeleter> multi(curl_multi_init());
  if (!multi || curl_multi_add_handle(multi.get(), handle) != CURLM_OK) return CURLE_OUT_OF_MEMORY;
  CURLcode code = CURLE_OK;
  bool finished = false;
  while (!finished) {
    int running = 0;
    if (curl_multi_perform(multi.get(), &running) != CURLM_OK) {
      code = CURLE_RECV_ERROR;
      break;
    }
    int left = 0;
    while (CURLMsg* message = curl_multi_info_read(multi.get(), &left)) {
      if (message->msg == CURLMSG_DONE) {
        code = message->data.result;
        finished = true;
      }
    }
    if (finished) break;
    if (transfer.cancel != nullptr && transfer.cancel->cancelled()) {
      exchange.cancelled = true;
      code = CURLE_ABORTED_BY_CALLBACK;
      break;
    }
    if (curl_multi_poll(multi.get(), nullptr, 0, kCancelPollMs, nullptr) != CURLM_OK) {
      code = CURLE_RECV_ERROR;
      break;
    }
  }
  curl_multi_remove_handle(multi.get(), handle);
  return code;
}

}  // namespace

Result<UrlParts> parse_url(const std::string& url) {
  if (auto init = init_curl(); !init) return std::move(init).error();
  std::unique_ptr<CURLU, UrlDeleter> handle(curl_url());
  if (!handle) return make_error(ErrorKind::internal, "out of memory parsing " + url);
  if (curl_url_set(handle.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) {
    return make_error(ErrorKind::invalid_input, "\"" + url + "\" is not a valid URL");
  }
  auto part = [&handle](CURLUPart which, unsigned int flags, std::string& out) {
    char* text = nullptr;
    if (curl_url_get(handle.get(), which, &text, flags) != CURLUE_OK) return false;
    out = text;
    curl_free(text);
    return true;
  };
  UrlParts parts;
  std::string port;
  if (!part(CURLUPART_SCHEME, 0, parts.scheme) || !part(CURLUPART_HOST, 0, parts.host) ||
      parts.host.empty() || !part(CURLUPART_PORT, CURLU_DEFAULT_PORT, port)) {
    return make_error(ErrorKind::invalid_input, "\"" + url + "\" names no host");
  }
  unsigned long number = 0;
  for (char c : port) number = number * 10 + static_cast<unsigned long>(c - '0');
  if (port.empty() || port.size() > 5 || number == 0 || number > 65535) {
    return make_error(ErrorKind::invalid_input, "\"" + url + "\" has a bad port");
  }
  parts.port = static_cast<std::uint16_t>(number);
  return parts;
}

Result<TransferResult> perform_transfer(const Transfer& transfer) {
  if (auto init = init_curl(); !init) return std::move(init).error();
  if (transfer.deadline.expired()) {
    return make_error(ErrorKind::timeout, "no time left to fetch " + transfer.url);
  }
  std::unique_ptr<CURL, EasyDeleter> handle(curl_easy_init());
  SlistPtr headers;
  SlistPtr resolve;
  bool built = handle != nullptr;
  // An empty "Expect:" stops curl from waiting for "100 Continue" before a POST body.
  if (built && transfer.method == "POST") built = append(headers, "Expect:");
  if (built && transfer.method == "POST" && !transfer.request->content_type.empty()) {
    built = append(headers, "Content-Type: " + transfer.request->content_type);
  }
  for (const auto& line : transfer.request->headers) {
    if (built) built = append(headers, line);
  }
  if (built && !transfer.addresses.empty()) built = append(resolve, resolve_entry(transfer));
  if (!built) return make_error(ErrorKind::internal, "out of memory fetching " + transfer.url);

  Exchange exchange;
  exchange.transfer = &transfer;
  std::array<char, CURL_ERROR_SIZE> error_buffer{};
  const char* refused = "";
  if (!configure(handle.get(), transfer, exchange, headers.get(), resolve.get(),
                 error_buffer.data(), refused)) {
    return make_error(ErrorKind::internal,
                      std::string("libcurl refused the option CURLOPT_") + refused);
  }

  const CURLcode code = run(handle.get(), transfer, exchange);
  long verify_result = X509_V_OK;
  if (curl_easy_getinfo(handle.get(), CURLINFO_SSL_VERIFYRESULT, &verify_result) != CURLE_OK) {
    verify_result = X509_V_OK;
  }
  if (code != CURLE_OK) {
    return transfer_error(code, transfer, exchange, verify_result, error_buffer.data());
  }

  TransferResult result;
  const char* content_type = nullptr;
  const char* redirect = nullptr;
  if (curl_easy_getinfo(handle.get(), CURLINFO_RESPONSE_CODE, &result.status) != CURLE_OK ||
      curl_easy_getinfo(handle.get(), CURLINFO_CONTENT_TYPE, &content_type) != CURLE_OK ||
      curl_easy_getinfo(handle.get(), CURLINFO_REDIRECT_URL, &redirect) != CURLE_OK) {
    return make_error(ErrorKind::internal, "libcurl gave no status for " + transfer.url);
  }
  if (content_type != nullptr) result.content_type = content_type;
  // CURLINFO_REDIRECT_URL(3): the absolute URL curl would have followed, the Location
  // header resolved against the request URL (RFC 9110 section 10.2.2 allows relative ones).
  if (redirect != nullptr) result.redirect_url = redirect;
  result.body = std::move(exchange.body);
  return result;
}

}  // namespace mailassist::net::detail
