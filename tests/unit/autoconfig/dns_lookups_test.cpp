// The DNS lookups detection's sources make stop on the run's cancel, even while the DNS
// server stays silent (net::Resolver itself only knows its deadline).
#include "autoconfig/dns_lookups.hpp"

#include "tests/unit/net/silent_dns_server.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace mailassist::autoconfig {
namespace {

using namespace std::chrono_literals;

using net::testing::SilentDnsServer;

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
