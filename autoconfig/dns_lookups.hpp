#pragma once
// DNS lookups for detection's sources that also stop on the run's CancelToken, and the
// lookup report of a DNS answer. net::Resolver takes only a Deadline; a source that ignored
// the cancel would hold back the detector, which joins every source once the answer is
// settled. So each query is asked in short slices of the deadline and the token is checked
// between them: a cancelled source returns within one slice.
#include <chrono>
#include <string>
#include <vector>

#include "autoconfig/lookup.hpp"
#include "core/cancel_token.hpp"
#include "core/deadline.hpp"
#include "net/resolver.hpp"

namespace mailassist::autoconfig {

// How long one slice may wait before the token is looked at again. DNS over loopback or a
// working network answers in milliseconds; only a silent server makes a query take longer,
// and then asking again is what a stub resolver does anyway.
constexpr std::chrono::milliseconds kDnsSlice{500};

Result<std::vector<net::SrvRecord>> lookup_srv(net::Resolver& resolver, const std::string& name,
                                               Deadline deadline, const CancelToken& cancel);
Result<std::vector<net::MxRecord>> lookup_mx(net::Resolver& resolver, const std::string& domain,
                                             Deadline deadline, const CancelToken& cancel);
Result<std::vector<std::string>> resolve_host(net::Resolver& resolver, const std::string& name,
                                              Deadline deadline, const CancelToken& cancel);

// The report word for a failed lookup: a name or record that does not exist is "none"
// (that is an answer), a deadline is "timeout", a cancel is "skipped", the rest "error".
LookupResult lookup_result_for(const Error& error);

}  // namespace mailassist::autoconfig
