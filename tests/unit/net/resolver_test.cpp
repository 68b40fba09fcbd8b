// The resolver against a dnsmasq on 127.0.0.1:<free port>, and against a "server" that
// never answers.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <memory>
#include <thread>

#include "net/connect.hpp"
#include "net/resolver.hpp"
#include "tests/unit/net/dnsmasq.hpp"
#include "tests/unit/net/loopback.hpp"

namespace mailassist::net {
namespace {

using std::chrono_literals::operator""ms;

Deadline soon() {
  return Deadline::after(10'000ms);
}  // a safety net, never asserted on

class ResolverTest : public ::testing::Test {
 protected:
  // One dnsmasq for the tests of this suite in this process (ctest runs one test per
  // process, so in practice one per test); killed and waited for in TearDownTestSuite.
  static void SetUpTestSuite() {
    dns_ = std::make_unique<testing::Dnsmasq>(
        std::vector<std::string>{
            "--local=/example.test/",  // names not listed here are NXDOMAIN, not forwarded
            "--host-record=imap.example.test,127.0.0.1",
            "--host-record=dual.example.test,127.0.0.2,::1",
            "--host-record=v6only.example.test,::1", "--mx-host=example.test,mx2.example.test,20",
            "--mx-host=example.test,mx1.example.test,10",
            "--mx-host=mailonly.example.test,mx1.example.test,10",
            "--srv-host=_imaps._tcp.example.test,imap.example.test,993,0,1",
            "--srv-host=_submission._tcp.example.test,smtp2.example.test,587,5,10",
            "--srv-host=_submission._tcp.example.test,smtp1.example.test,587,0,10",
            "--srv-host=_pop3._tcp.example.test",  // target "." (RFC 2782: not offered)
        },
        "imap.example.test");
  }
  static void TearDownTestSuite() { dns_.reset(); }

  void SetUp() override {
    if (!dns_->running()) GTEST_FAIL() << "dnsmasq: " << dns_->error();
    auto resolver = Resolver::create({{dns_->server()}});
    ASSERT_TRUE(resolver) << resolver.error().message;
    resolver_ = *resolver;
  }

  static std::unique_ptr<testing::Dnsmasq> dns_;
  std::shared_ptr<Resolver> resolver_;
};

std::unique_ptr<testing::Dnsmasq> ResolverTest::dns_;

TEST_F(ResolverTest, ARecord) {
  auto addresses = resolver_->resolve_host("imap.example.test", soon());
  ASSERT_TRUE(addresses) << addresses.error().message;
  EXPECT_EQ(*addresses, std::vector<std::string>{"127.0.0.1"});
}

TEST_F(ResolverTest, AAndAaaaRecords) {
  auto addresses = resolver_->resolve_host("dual.example.test", soon());
  ASSERT_TRUE(addresses) << addresses.error().message;
  EXPECT_EQ(addresses->size(), 2u);
  EXPECT_NE(std::find(addresses->begin(), addresses->end(), "127.0.0.2"), addresses->end());
  EXPECT_NE(std::find(addresses->begin(), addresses->end(), "::1"), addresses->end());
  auto v6 = resolver_->resolve_host("v6only.example.test", soon());
  ASSERT_TRUE(v6) << v6.error().message;
  EXPECT_EQ(*v6, std::vector<std::string>{"::1"});
}

TEST_F(ResolverTest, MissingNameIsUnreachableAndNamed) {
  auto addresses = resolver_->resolve_host("nosuch.example.test", soon());
  ASSERT_FALSE(addresses);
  EXPECT_EQ(addresses.error().kind, ErrorKind::unreachable);
  EXPECT_NE(addresses.error().message.find("nosuch.example.test"), std::string::npos)
      << addresses.error().message;
}

TEST_F(ResolverTest, NameWithoutAddressesIsUnreachable) {
  auto addresses = resolver_->resolve_host("mailonly.example.test", soon());
  ASSERT_FALSE(addresses);
  EXPECT_EQ(addresses.error().kind, ErrorKind::unreachable);
  EXPECT_NE(addresses.error().message.find("mailonly.example.test"), std::string::npos);
}

TEST_F(ResolverTest, IpLiteralsBypassDns) {
  auto v4 = resolver_->resolve_host("192.0.2.7", soon());
  ASSERT_TRUE(v4);
  EXPECT_EQ(*v4, std::vector<std::string>{"192.0.2.7"});
  auto v6 = resolver_->resolve_host("[2001:db8::1]", soon());
  ASSERT_TRUE(v6);
  EXPECT_EQ(*v6, std::vector<std::string>{"2001:db8::1"});
}

TEST_F(ResolverTest, MxRecordsByPreference) {
  auto mx = resolver_->lookup_mx("example.test", soon());
  ASSERT_TRUE(mx) << mx.error().message;
  ASSERT_EQ(mx->size(), 2u);
  EXPECT_EQ((*mx)[0].host, "mx1.example.test");
  EXPECT_EQ((*mx)[0].preference, 10);
  EXPECT_EQ((*mx)[1].host, "mx2.example.test");
  auto none = resolver_->lookup_mx("imap.example.test", soon());
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().kind, ErrorKind::unreachable);
}

TEST_F(ResolverTest, SrvRecordsByPriority) {
  auto srv = resolver_->lookup_srv("_submission._tcp.example.test", soon());
  ASSERT_TRUE(srv) << srv.error().message;
  ASSERT_EQ(srv->size(), 2u);
  EXPECT_EQ((*srv)[0].target, "smtp1.example.test");
  EXPECT_EQ((*srv)[0].priority, 0);
  EXPECT_EQ((*srv)[0].port, 587);
  EXPECT_EQ((*srv)[1].target, "smtp2.example.test");
  auto imaps = resolver_->lookup_srv("_imaps._tcp.example.test", soon());
  ASSERT_TRUE(imaps) << imaps.error().message;
  ASSERT_EQ(imaps->size(), 1u);
  EXPECT_EQ((*imaps)[0].target, "imap.example.test");
  EXPECT_EQ((*imaps)[0].port, 993);
  EXPECT_EQ((*imaps)[0].weight, 1);
}

TEST_F(ResolverTest, SrvDotTargetMeansNotOffered) {
  auto srv = resolver_->lookup_srv("_pop3._tcp.example.test", soon());
  ASSERT_TRUE(srv) << srv.error().message;
  ASSERT_EQ(srv->size(), 1u);
  EXPECT_EQ((*srv)[0].target, ".");
}

TEST_F(ResolverTest, ConnectUsesTheResolver) {
  testing::LoopbackSocket listener;
  ASSERT_TRUE(listener.valid());
  ConnectOptions options;
  options.resolver = resolver_;
  auto stream = connect({"imap.example.test", listener.port()}, options, soon());
  ASSERT_TRUE(stream) << stream.error().message;
  EXPECT_EQ((*stream)->peer(), "imap.example.test:" + std::to_string(listener.port()));
  auto missing = connect({"nosuch.example.test", listener.port()}, options, soon());
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::unreachable);
  EXPECT_NE(missing.error().message.find("nosuch.example.test"), std::string::npos);
}

TEST_F(ResolverTest, ConcurrentLookupsFromSeveralThreads) {
  std::vector<std::thread> threads;
  std::atomic<int> good{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      if (resolver_->lookup_mx("example.test", soon()) &&
          resolver_->resolve_host("imap.example.test", soon())) {
        ++good;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(good.load(), 4);
}

TEST(Resolver, ServerThatNeverAnswersTimesOut) {
  // A bound UDP socket that nobody reads: queries vanish without an ICMP error.
  testing::Fd silent(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  ASSERT_EQ(::bind(silent.get(), reinterpret_cast<sockaddr*>(&address), length), 0);
  ASSERT_EQ(::getsockname(silent.get(), reinterpret_cast<sockaddr*>(&address), &length), 0);
  auto resolver = Resolver::create({{"127.0.0.1:" + std::to_string(ntohs(address.sin_port))}});
  ASSERT_TRUE(resolver) << resolver.error().message;
  auto host = (*resolver)->resolve_host("imap.example.test", Deadline::after(300ms));
  ASSERT_FALSE(host);
  EXPECT_EQ(host.error().kind, ErrorKind::timeout);
  auto mx = (*resolver)->lookup_mx("example.test", Deadline::after(300ms));
  ASSERT_FALSE(mx);
  EXPECT_EQ(mx.error().kind, ErrorKind::timeout);
}

TEST(Resolver, ServerListFormats) {
  EXPECT_TRUE(Resolver::create({{"127.0.0.1"}}));
  EXPECT_TRUE(Resolver::create({{"127.0.0.1:5353", "[::1]:53"}}));
  auto bad = Resolver::create({{"not an address"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().kind, ErrorKind::invalid_input);
}

}  // namespace
}  // namespace mailassist::net
