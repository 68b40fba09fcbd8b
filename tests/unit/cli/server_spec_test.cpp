#include "app/cli/server_spec.hpp"

#include <gtest/gtest.h>

namespace mailassist::cli {
namespace {

using autoconfig::Protocol;
using autoconfig::Security;

struct SpecCase {
  std::string name;
  Protocol protocol;
  std::string spec;
  std::string host;
  int port;
  Security security;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const SpecCase& row, std::ostream* out) {
  *out << row.name;
}

class ServerSpecParses : public ::testing::TestWithParam<SpecCase> {};

TEST_P(ServerSpecParses, IntoHostPortAndSecurity) {
  const auto& c = GetParam();
  auto server = parse_server_spec(c.protocol, c.spec);
  ASSERT_TRUE(server) << server.error().message;
  EXPECT_EQ(server->host, c.host);
  EXPECT_EQ(server->port, c.port);
  EXPECT_EQ(server->security, c.security);
  EXPECT_EQ(server->protocol, c.protocol);
}

INSTANTIATE_TEST_SUITE_P(
    Specs, ServerSpecParses,
    ::testing::Values(
        SpecCase{"full", Protocol::imap, "imap.gmail.com:993/tls", "imap.gmail.com", 993,
                 Security::tls},
        SpecCase{"starttls", Protocol::smtp, "smtp.gmail.com:587/starttls", "smtp.gmail.com", 587,
                 Security::starttls},
        SpecCase{"default_security_is_tls", Protocol::pop3, "pop.gmail.com", "pop.gmail.com", 995,
                 Security::tls},
        SpecCase{"port_from_security", Protocol::imap, "mail.test/starttls", "mail.test", 143,
                 Security::starttls},
        SpecCase{"ipv6", Protocol::imap, "[::1]:10143/none", "::1", 10143, Security::none},
        SpecCase{"ipv6_no_port", Protocol::smtp, "[::1]/tls", "::1", 465, Security::tls}),
    [](const auto& test_info) { return test_info.param.name; });

class ServerSpecRejects : public ::testing::TestWithParam<std::string> {};

TEST_P(ServerSpecRejects, WithAUsageMessage) {
  auto server = parse_server_spec(Protocol::imap, GetParam());
  ASSERT_FALSE(server);
  EXPECT_EQ(server.error().kind, ErrorKind::invalid_input);
  EXPECT_NE(server.error().message.find(GetParam()), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Specs, ServerSpecRejects,
                         ::testing::Values("host:0/tls", "host:65536", "host:99x/tls",
                                           "host:993/ssl3", ":993/tls", "::1:993/tls",
                                           "[::1:993/tls", "[::1]x/tls", "host:/tls",
                                           "host:993/ssl", "host:993/TLS"));

}  // namespace
}  // namespace mailassist::cli
