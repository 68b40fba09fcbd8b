#pragma once
// Parameters for suites that run once per protocol and per way of starting TLS:
//   INSTANTIATE_TEST_SUITE_P(AllProtocols, Suite, every_protocol_and_tls_mode(),
//                            ProtocolAndTlsModeName());   // names like "imap_starttls"
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "dovecot_environment.hpp"

namespace mailassist::testing {

using ProtocolAndTlsMode = std::tuple<Protocol, Security>;

inline auto every_protocol_and_tls_mode() {
  return ::testing::Combine(::testing::Values(Protocol::imap, Protocol::pop3, Protocol::smtp),
                            ::testing::Values(Security::tls, Security::starttls));
}

struct ProtocolAndTlsModeName {
  std::string operator()(const ::testing::TestParamInfo<ProtocolAndTlsMode>& info) const {
    return std::string(to_string(std::get<0>(info.param))) + "_" +
           std::string(to_string(std::get<1>(info.param)));
  }
};

}  // namespace mailassist::testing
