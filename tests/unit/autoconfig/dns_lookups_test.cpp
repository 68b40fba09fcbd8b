// The DNS lookups detection's sources make stop on the run's cancel, even while the DNS
// server stays silent (net::Resolver itself only knows its deadline).
#include "autoconfig/dns_lookups.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

namespace mailassist::autoconfig {
namespace {

using namespace std::chrono_literals;

// A bound UDP socket nobody reads: queries vanish without an ICMP error.
class SilentDnsServer {
 public:
  SilentDnsServer() : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    // The casts are the sockets API's own.
    auto* generic = reinterpret_cast<sockaddr*>(&address);
    if (fd_ >= 0 && ::bind(fd_, generic, length) == 0 &&
        ::getsockname(fd_, generic, &length) == 0) {
      server_ = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
    }
  }
  ~SilentDnsServer() {
    if (fd_ >= 0) ::close(fd_);
  }
  SilentDnsServer(const SilentDnsServer&) = delete;
  SilentDnsServer& operator=(const SilentDnsServer&) = delete;

  const std::string& server() const { return server_; }

 private:
  int fd_;
  std::string server_;
};

std::shared_ptr<net::Resolver> resolver_for(const SilentDnsServer& silent) {
  auto resolver = net::Resolver::create({{silent.server()}});
  EXPECT_TRUE(resolver) << resolver.error().message;
  return resolver ? *resolver : nullptr;
}

TEST(DnsLookups, CancelEndsALookupThatWouldWaitForItsDeadline) {
  SilentDnsServer silent;
  ASSERT_FALSE(silent.server().empty());
  auto resolver = resolver_for(silent);
  ASSERT_TRUE(resolver);
  CancelToken cancel;
  std::jthread canceller([cancel] {
    std::this_thread::sleep_for(100ms);
    cancel.cancel();
  });
  // A deadline far away: only the cancel can end the lookup before it.
  auto deadline = Deadline::after(60s);
  auto srv = lookup_srv(*resolver, "_imaps._tcp.example.test", deadline, cancel);
  ASSERT_FALSE(srv);
  EXPECT_EQ(srv.error().kind, ErrorKind::cancelled);
  EXPECT_FALSE(deadline.expired());
  EXPECT_EQ(lookup_result_for(srv.error()), LookupResult::skipped);

  auto mx = lookup_mx(*resolver, "example.test", deadline, cancel);
  ASSERT_FALSE(mx);
  EXPECT_EQ(mx.error().kind, ErrorKind::cancelled);
  auto host = resolve_host(*resolver, "imap.example.test", deadline, cancel);
  ASSERT_FALSE(host);
  EXPECT_EQ(host.error().kind, ErrorKind::cancelled);
}

TEST(DnsLookups, TheDeadlineStillEndsALookupAcrossSeveralSlices) {
  SilentDnsServer silent;
  ASSERT_FALSE(silent.server().empty());
  auto resolver = resolver_for(silent);
  ASSERT_TRUE(resolver);
  auto srv = lookup_srv(*resolver, "_imaps._tcp.example.test",
                        Deadline::after(kDnsSlice * 2 + 100ms), CancelToken());
  ASSERT_FALSE(srv);
  EXPECT_EQ(srv.error().kind, ErrorKind::timeout);
  EXPECT_EQ(lookup_result_for(srv.error()), LookupResult::timeout);
}

TEST(DnsLookups, ReportWords) {
  EXPECT_EQ(lookup_result_for({ErrorKind::unreachable, "no such name"}), LookupResult::none);
  EXPECT_EQ(lookup_result_for({ErrorKind::timeout, ""}), LookupResult::timeout);
  EXPECT_EQ(lookup_result_for({ErrorKind::cancelled, ""}), LookupResult::skipped);
  EXPECT_EQ(lookup_result_for({ErrorKind::invalid_input, "bad name"}), LookupResult::error);
}

}  // namespace
}  // namespace mailassist::autoconfig
