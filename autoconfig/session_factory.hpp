#pragma once
// The one place that knows which client speaks which protocol.
#include <memory>

#include "autoconfig/account_config.hpp"
#include "protocols/session.hpp"

namespace mailassist::autoconfig {

std::unique_ptr<protocols::MailSession> open_session(Protocol protocol,
                                                     std::unique_ptr<net::Stream> stream,
                                                     Trace& trace);

}  // namespace mailassist::autoconfig
