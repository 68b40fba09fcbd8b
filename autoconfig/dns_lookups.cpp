#include "autoconfig/dns_lookups.hpp"

namespace mailassist::autoconfig {

namespace {

template <typename Query>
auto sliced(Deadline deadline, const CancelToken& cancel, Query query)
    -> decltype(query(deadline)) {
  for (;;) {
    if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "stopped");
    auto answer = query(deadline.min(Deadline::after(kDnsSlice)));
    if (answer || answer.error().kind != ErrorKind::timeout || deadline.expired()) return answer;
  }
}

}  // namespace

Result<std::vector<net::SrvRecord>> lookup_srv(net::Resolver& resolver, const std::string& name,
                                               Deadline deadline, const CancelToken& cancel) {
  return sliced(deadline, cancel, [&](Deadline slice) { return resolver.lookup_srv(name, slice); });
}

Result<std::vector<net::MxRecord>> lookup_mx(net::Resolver& resolver, const std::string& domain,
                                             Deadline deadline, const CancelToken& cancel) {
  return sliced(deadline, cancel,
                [&](Deadline slice) { return resolver.lookup_mx(domain, slice); });
}

Result<std::vector<std::string>> resolve_host(net::Resolver& resolver, const std::string& name,
                                              Deadline deadline, const CancelToken& cancel) {
  return sliced(deadline, cancel,
                [&](Deadline slice) { return resolver.resolve_host(name, slice); });
}

LookupResult lookup_result_for(const Error& error) {
  switch (error.kind) {
    case ErrorKind::unreachable: return LookupResult::none;
    case ErrorKind::timeout: return LookupResult::timeout;
    case ErrorKind::cancelled: return LookupResult::skipped;
    default: return LookupResult::error;
  }
}

}  // namespace mailassist::autoconfig
