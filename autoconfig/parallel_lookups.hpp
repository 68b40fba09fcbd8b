#pragma once
// A source that asks several places (the HTTPS and HTTP autoconfig URLs, the Autodiscover
// hosts and its SRV record) asks them all at once, so that one slow place does not hold
// back the others (issue 3: a lookup that never answers must not delay an answer).
#include <functional>
#include <vector>

#include "autoconfig/lookup.hpp"

namespace mailassist::autoconfig {

// One lookup (or a short chain of them, such as an SRV query and the fetch it leads to).
// It must bound itself by the run's deadline and return soon after context.cancel is set,
// as HttpClient::fetch and the Resolver's calls do.
using LookupTask = std::function<SourceOutcome()>;

// Runs every task on its own thread and gathers their outcomes in the order given, so the
// lookup list reads the same whatever the timing. A config with the same settings as one
// gathered before it is dropped: the first place asked is the more trusted one (HTTPS
// before HTTP), and one source should not list the same settings twice.
SourceOutcome run_lookups_in_parallel(std::vector<LookupTask> tasks);

}  // namespace mailassist::autoconfig
