#pragma once
// DNS over c-ares. One resolver per run; with --dns-server every lookup (connections and
// HTTP fetches too) goes to the servers given instead of the system's.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/cancel_token.hpp"
#include "core/deadline.hpp"
#include "core/result.hpp"

namespace mailassist::net {

struct ResolverSettings {
  std::vector<std::string> servers;  // "HOST[:PORT]" / "[V6]:PORT"; empty = system config
};

struct MxRecord {
  std::uint16_t preference = 0;
  std::string host;
};

struct SrvRecord {
  std::uint16_t priority = 0;
  std::uint16_t weight = 0;
  std::uint16_t port = 0;
  std::string target;  // "." (or empty) means the service is not offered (RFC 2782)
};

// The addresses of a name, or DNS's answer that it has none. RFC 2308 calls NXDOMAIN (no
// such name) and NODATA (the name exists, without address records) negative answers: they
// say "nothing is there", which callers such as detection report differently from a failure.
struct HostAnswer {
  std::vector<std::string> addresses;  // empty: a negative answer
  std::string negative;                // for a negative answer, what DNS said, in words
};

class Resolver {
 public:
  static Result<std::shared_ptr<Resolver>> create(const ResolverSettings& settings);
  ~Resolver();
  Resolver(const Resolver&) = delete;
  Resolver& operator=(const Resolver&) = delete;

  // IPv4 and IPv6 addresses as text. An IP literal is returned as is, without a query.
  // ErrorKind::unreachable when the name does not exist or has no addresses.
  Result<std::vector<std::string>> resolve_host(const std::string& name, Deadline deadline);
  // The same lookup with the negative answer as a value, stopping early (ErrorKind::
  // cancelled) when `cancel` is set, also while the DNS server is silent. Errors: timeout,
  // cancelled, invalid_input, unreachable (the DNS server failed or refused).
  Result<HostAnswer> lookup_host(const std::string& name, Deadline deadline,
                                 const CancelToken& cancel = {});
  // Records sorted for use: MX by preference, SRV by priority then weight (heaviest first).
  // ErrorKind::unreachable when the name does not exist or has no such records; timeout
  // when no answer came before the deadline. Safe to call from several threads at once.
  Result<std::vector<MxRecord>> lookup_mx(const std::string& domain, Deadline deadline);
  Result<std::vector<SrvRecord>> lookup_srv(const std::string& name, Deadline deadline);

  // The servers in use, "" for the system configuration (for curl's resolve hook).
  const ResolverSettings& settings() const { return settings_; }

 private:
  struct Impl;
  Resolver(std::unique_ptr<Impl> impl, ResolverSettings settings);
  std::unique_ptr<Impl> impl_;
  ResolverSettings settings_;
};

}  // namespace mailassist::net
