// HttpClient against a real nginx on loopback (tests/unit/net/nginx.hpp), with names
// resolved by a dnsmasq that only this test knows, and the test PKI.
#include "net/http_client.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <thread>

#include "tests/unit/net/dnsmasq.hpp"
#include "tests/unit/net/loopback.hpp"
#include "tests/unit/net/nginx.hpp"
#include "tests/unit/net/silent_dns_server.hpp"
#include "tests/unit/net/tls_test_server.hpp"

namespace mailassist::net {
namespace {

using std::chrono_literals::operator""ms;

Deadline soon() {
  return Deadline::after(10'000ms);
}  // a safety net, never asserted on

HttpRequest request_for(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

const char* const kConfig = "<clientConfig version=\"1.1\"/>\n";

testing::NginxSite site() {
  testing::NginxSite site;
  site.files["mail/config-v1.1.xml"] = kConfig;
  site.files["big.xml"] = std::string(5000, 'x');
  site.directives = R"(
    location = /post { return 200 "posted\n"; }
    location = /post-small { client_max_body_size 16; return 200 "small\n"; }
    location = /user-agent { return 200 "$http_user_agent"; }
    location = /redirect/start { return 302 /redirect/middle; }
    location = /redirect/middle {
      return 301 https://web.example.test:{https_port}/mail/config-v1.1.xml;
    }
    location = /loop/a { return 302 /loop/b; }
    location = /loop/b { return 307 /loop/a; }
    location ~ ^/hop/(x*)$ { return 302 /hop/x$1; }
    location = /to-http { return 302 http://web.example.test:{http_port}/mail/config-v1.1.xml; }
    location = /to-ftp { return 302 ftp://web.example.test/file; }
    location = /see-other { return 303 /mail/config-v1.1.xml; }
    location = /to-nowhere { return 302 https://nowhere.test/mail/config-v1.1.xml; }
    location = /post-moved { return 307 /post; }
  )";
  return site;
}

class HttpClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dns_ = std::make_unique<testing::Dnsmasq>(
        std::vector<std::string>{
            "--local=/test/",  // any other .test name is NXDOMAIN, never forwarded
            "--host-record=web.example.test,127.0.0.1",
            // Resolves, but the certificate (localhost, *.example.test, ...) is not for it.
            "--host-record=elsewhere.test,127.0.0.1",
        },
        "web.example.test");
    nginx_ = std::make_unique<testing::Nginx>(site(), testing::pki_file(""));
  }
  static void TearDownTestSuite() {
    nginx_.reset();
    dns_.reset();
  }

  void SetUp() override {
    if (!dns_->running()) GTEST_FAIL() << "dnsmasq: " << dns_->error();
    if (!nginx_->running()) GTEST_FAIL() << "nginx: " << nginx_->error();
    auto resolver = Resolver::create({{dns_->server()}});
    ASSERT_TRUE(resolver) << resolver.error().message;
    resolver_ = *resolver;
    client_ = client_trusting(testing::pki_file("ca.pem"));
  }

  std::unique_ptr<HttpClient> client_trusting(const std::string& ca_file) {
    auto tls = TlsContext::create({ca_file, ca_file.empty()});
    EXPECT_TRUE(tls) << tls.error().message;
    return std::make_unique<HttpClient>(resolver_, tls ? *tls : nullptr);
  }

  static std::string https(const std::string& path, const std::string& host = "web.example.test") {
    return "https://" + host + ":" + std::to_string(nginx_->https_port()) + path;
  }
  static std::string http(const std::string& path) {
    return "http://web.example.test:" + std::to_string(nginx_->http_port()) + path;
  }

  Result<HttpResponse> get(const std::string& url, HttpLimits limits = {}) {
    return client_->fetch(request_for(url), limits, soon());
  }

  static std::unique_ptr<testing::Dnsmasq> dns_;
  static std::unique_ptr<testing::Nginx> nginx_;
  std::shared_ptr<Resolver> resolver_;
  std::unique_ptr<HttpClient> client_;
};

std::unique_ptr<testing::Dnsmasq> HttpClientTest::dns_;
std::unique_ptr<testing::Nginx> HttpClientTest::nginx_;

TEST_F(HttpClientTest, GetsOverHttpsWithTheTestCaAndANameOnlyOurDnsKnows) {
  const std::string url = https("/mail/config-v1.1.xml?emailaddress=alice%40example.test");
  auto response = get(url);
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, kConfig);
  EXPECT_EQ(response->content_type, "text/xml");
  EXPECT_EQ(response->final_url, url);
  EXPECT_EQ(response->url_chain, std::vector<std::string>{url});
  EXPECT_TRUE(response->all_https);
}

TEST_F(HttpClientTest, SendsTheMailAssistUserAgent) {
  auto response = get(https("/user-agent"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->body.rfind("MailAssist/", 0), 0u) << response->body;
}

TEST_F(HttpClientTest, NotFoundIsAStatusNotAnError) {
  auto response = get(https("/nothing-here.xml"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 404);
}

TEST_F(HttpClientTest, FollowsAndRecordsARedirectChain) {
  auto response = get(https("/redirect/start"));
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, kConfig);
  // The first Location is relative (/redirect/middle): resolved against the request URL.
  const std::vector<std::string> chain = {https("/redirect/start"), https("/redirect/middle"),
                                          https("/mail/config-v1.1.xml")};
  EXPECT_EQ(response->url_chain, chain);
  EXPECT_EQ(response->final_url, chain.back());
  EXPECT_TRUE(response->all_https);
}

TEST_F(HttpClientTest, RedirectLoopIsAProtocolError) {
  auto response = get(https("/loop/a"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(response.error().message.find("redirect loop"), std::string::npos)
      << response.error().message;
}

TEST_F(HttpClientTest, TooManyRedirectsIsAProtocolError) {
  HttpLimits limits;
  limits.max_redirects = 3;
  auto response = get(https("/hop/"), limits);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(response.error().message.find("more than 3 redirects"), std::string::npos)
      << response.error().message;
  // Exactly the limit is fine: /redirect/start takes two redirects.
  auto two = get(https("/redirect/start"), HttpLimits{1024, 2, false});
  EXPECT_TRUE(two) << two.error().message;
}

TEST_F(HttpClientTest, RedirectToPlainHttpIsRefused) {
  auto response = get(https("/to-http"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::invalid_input);
  EXPECT_NE(response.error().message.find("refused a redirect from HTTPS to plain HTTP"),
            std::string::npos)
      << response.error().message;
}

TEST_F(HttpClientTest, RedirectToAnotherSchemeIsAProtocolError) {
  auto response = get(https("/to-ftp"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::protocol_error) << response.error().message;
}

TEST_F(HttpClientTest, PlainHttpOnlyWhenAllowed) {
  auto refused = get(http("/mail/config-v1.1.xml"));
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::invalid_input);

  HttpLimits allow;
  allow.allow_http = true;
  auto direct = get(http("/mail/config-v1.1.xml"), allow);
  ASSERT_TRUE(direct) << direct.error().message;
  EXPECT_EQ(direct->body, kConfig);
  EXPECT_FALSE(direct->all_https);

  auto redirected = get(https("/to-http"), allow);
  ASSERT_TRUE(redirected) << redirected.error().message;
  EXPECT_EQ(redirected->url_chain.size(), 2u);
  EXPECT_EQ(redirected->final_url, http("/mail/config-v1.1.xml"));
  EXPECT_FALSE(redirected->all_https);
}

TEST_F(HttpClientTest, BodyOverTheCapIsAProtocolError) {
  HttpLimits limits;
  limits.max_body_bytes = 1000;
  auto response = get(https("/big.xml"), limits);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(response.error().message.find("larger than 1000 bytes"), std::string::npos)
      << response.error().message;
  limits.max_body_bytes = 5000;  // exactly the size is fine
  auto exact = get(https("/big.xml"), limits);
  ASSERT_TRUE(exact) << exact.error().message;
  EXPECT_EQ(exact->body.size(), 5000u);
}

TEST_F(HttpClientTest, UntrustedCertificateIsATlsCertificateError) {
  auto response =
      get("https://web.example.test:" + std::to_string(nginx_->untrusted_port()) + "/big.xml");
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::tls_certificate) << response.error().message;
}

TEST_F(HttpClientTest, WithoutTheTestCaTheServerIsNotTrusted) {
  client_ = client_trusting("");  // the system store only
  auto response = get(https("/mail/config-v1.1.xml"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::tls_certificate) << response.error().message;
}

TEST_F(HttpClientTest, WrongHostNameIsATlsHostnameError) {
  auto response = get(https("/mail/config-v1.1.xml", "elsewhere.test"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::tls_hostname) << response.error().message;
  EXPECT_NE(response.error().message.find("elsewhere.test"), std::string::npos);
}

TEST_F(HttpClientTest, UnknownNameIsUnreachable) {
  auto response = get(https("/", "nowhere.test"));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::unreachable);
  EXPECT_NE(response.error().message.find("nowhere.test"), std::string::npos);
}

TEST_F(HttpClientTest, UnknownNameSaysNoSuchHostAndSoDoesARedirectToOne) {
  HttpFailure failure;
  auto response = client_->fetch(request_for(https("/", "nowhere.test")), {}, soon(), {}, &failure);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::unreachable);
  EXPECT_TRUE(failure.no_such_host) << response.error().message;
  EXPECT_NE(response.error().message.find("does not exist"), std::string::npos)
      << response.error().message;

  auto redirected = client_->fetch(request_for(https("/to-nowhere")), {}, soon(), {}, &failure);
  ASSERT_FALSE(redirected);
  EXPECT_TRUE(failure.no_such_host) << redirected.error().message;
}

TEST_F(HttpClientTest, RefusedConnectionIsUnreachable) {
  testing::LoopbackSocket closed("127.0.0.1", testing::Listen::bound_only);
  HttpFailure failure;
  failure.no_such_host = true;  // fetch resets it
  auto response =
      client_->fetch(request_for("https://127.0.0.1:" + std::to_string(closed.port()) + "/"), {},
                     soon(), {}, &failure);
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::unreachable) << response.error().message;
  EXPECT_FALSE(failure.no_such_host) << "a refused connection is a fault, not an answer";
}

using testing::SilentDnsServer;

TEST_F(HttpClientTest, CancelStopsTheHostLookupWhileTheDnsServerIsSilent) {
  SilentDnsServer silent;
  ASSERT_FALSE(silent.server().empty());
  auto resolver = Resolver::create({{silent.server()}});
  ASSERT_TRUE(resolver) << resolver.error().message;
  auto tls = TlsContext::create({testing::pki_file("ca.pem"), false});
  ASSERT_TRUE(tls) << tls.error().message;
  HttpClient client(*resolver, *tls);
  CancelToken cancel;
  std::thread canceller([cancel] {
    std::this_thread::sleep_for(200ms);
    cancel.cancel();
  });
  // Without the cancel only the 10-minute deadline would end this lookup; the test's own
  // timeout (CTest) is what fails it if the cancel is ignored.
  auto response = client.fetch(request_for("https://web.example.test/"), {},
                               Deadline::after(std::chrono::minutes(10)), cancel);
  canceller.join();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::cancelled) << response.error().message;
}

TEST_F(HttpClientTest, ServerThatNeverAnswersTimesOut) {
  testing::LoopbackSocket silent;  // the kernel accepts; nobody ever reads or writes
  ASSERT_TRUE(silent.valid());
  auto response =
      client_->fetch(request_for("https://127.0.0.1:" + std::to_string(silent.port()) + "/"), {},
                     Deadline::after(300ms));
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::timeout) << response.error().message;
}

TEST_F(HttpClientTest, CancelStopsAFetchInProgress) {
  testing::LoopbackSocket silent;
  CancelToken cancel;
  std::thread canceller([cancel] {
    std::this_thread::sleep_for(200ms);
    cancel.cancel();
  });
  auto response =
      client_->fetch(request_for("https://127.0.0.1:" + std::to_string(silent.port()) + "/"), {},
                     Deadline::after(30'000ms), cancel);
  canceller.join();
  ASSERT_FALSE(response);
  EXPECT_EQ(response.error().kind, ErrorKind::cancelled) << response.error().message;
}

TEST_F(HttpClientTest, PostsABody) {
  HttpRequest request{https("/post"), "POST", "<Autodiscover/>", "text/xml", {}};
  auto response = client_->fetch(request, {}, soon());
  ASSERT_TRUE(response) << response.error().message;
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "posted\n");
  // nginx measures the body: over its 16-byte limit it answers 413, so the body was sent.
  request.url = https("/post-small");
  auto small = client_->fetch(request, {}, soon());
  ASSERT_TRUE(small) << small.error().message;
  EXPECT_EQ(small->status, 200);
  request.body = std::string(100, 'x');
  auto large = client_->fetch(request, {}, soon());
  ASSERT_TRUE(large) << large.error().message;
  EXPECT_EQ(large->status, 413);
}

TEST_F(HttpClientTest, PostIsRepeatedAfter307AndBecomesGetAfter303) {
  HttpRequest request{https("/post-moved"), "POST", "<Autodiscover/>", "text/xml", {}};
  auto moved = client_->fetch(request, {}, soon());
  ASSERT_TRUE(moved) << moved.error().message;
  EXPECT_EQ(moved->body, "posted\n");
  request.url = https("/see-other");
  auto see_other = client_->fetch(request, {}, soon());
  ASSERT_TRUE(see_other) << see_other.error().message;
  EXPECT_EQ(see_other->status, 200);  // a POST to the static file would be 405
  EXPECT_EQ(see_other->body, kConfig);
}

TEST_F(HttpClientTest, ManyThreadsFetchAtOnce) {
  // Detection fetches from every source at once through one shared client.
  std::vector<std::thread> threads;
  std::atomic<int> fetched{0};
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([this, &fetched] {
      for (int i = 0; i < 5; ++i) {
        auto response = get(https("/redirect/start"));
        if (response && response->body == kConfig) ++fetched;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(fetched.load(), 40);
}

TEST_F(HttpClientTest, BadRequestsAreInvalidInput) {
  EXPECT_EQ(get("not a url").error().kind, ErrorKind::invalid_input);
  EXPECT_EQ(get("ftp://web.example.test/").error().kind, ErrorKind::invalid_input);
  HttpRequest put{https("/post"), "PUT", "", "", {}};
  EXPECT_EQ(client_->fetch(put, {}, soon()).error().kind, ErrorKind::invalid_input);
}

TEST_F(HttpClientTest, AlreadyCancelledOrExpiredFetchesNothing) {
  CancelToken cancel;
  cancel.cancel();
  auto cancelled = client_->fetch(request_for(https("/post")), {}, soon(), cancel);
  ASSERT_FALSE(cancelled);
  EXPECT_EQ(cancelled.error().kind, ErrorKind::cancelled);
  auto expired = client_->fetch(request_for(https("/post")), {}, Deadline::after(0ms));
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().kind, ErrorKind::timeout);
}

}  // namespace
}  // namespace mailassist::net
