#include "app/cli/pop3_source_spec.hpp"

#include <gtest/gtest.h>

namespace mailassist::cli {
namespace {

using autoconfig::Security;

struct SourceCase {
  std::string name;
  std::string source;
  std::string username;
  std::string host;
  int port;
  Security security;
};

void PrintTo(const SourceCase& row, std::ostream* out) {
  *out << row.name;
}

class Pop3SourceParses : public ::testing::TestWithParam<SourceCase> {};

TEST_P(Pop3SourceParses, IntoUserHostPortAndSecurity) {
  const auto& c = GetParam();
  ASSERT_TRUE(is_pop3_source(c.source));
  auto spec = parse_pop3_source(c.source);
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_EQ(spec->username, c.username);
  EXPECT_EQ(spec->server.host, c.host);
  EXPECT_EQ(spec->server.port, c.port);
  EXPECT_EQ(spec->server.security, c.security);
}

INSTANTIATE_TEST_SUITE_P(
    Rows, Pop3SourceParses,
    ::testing::Values(
        SourceCase{"defaults_to_pop3s", "pop3://ani@pop.example.com", "ani", "pop.example.com", 995,
                   Security::tls},
        SourceCase{"scheme_any_case", "POP3://ani@pop.example.com", "ani", "pop.example.com", 995,
                   Security::tls},
        SourceCase{"starttls_port_110", "pop3://ani@pop.example.com/starttls", "ani",
                   "pop.example.com", 110, Security::starttls},
        SourceCase{"explicit_port", "pop3://ani@pop.example.com:1995/tls", "ani", "pop.example.com",
                   1995, Security::tls},
        SourceCase{"none", "pop3://ani@127.0.0.1:110/none", "ani", "127.0.0.1", 110,
                   Security::none},
        SourceCase{"percent_encoded_at", "pop3://ani%40example.com@pop.example.com",
                   "ani@example.com", "pop.example.com", 995, Security::tls},
        SourceCase{"raw_at_in_user_last_at_splits", "pop3://ani@example.com@pop.example.com",
                   "ani@example.com", "pop.example.com", 995, Security::tls},
        SourceCase{"ipv6", "pop3://ani@[::1]:995/tls", "ani", "::1", 995, Security::tls},
        SourceCase{"utf8_user", "pop3://bud%C3%AD@pop.example.com", "bud\xC3\xAD",
                   "pop.example.com", 995, Security::tls}),
    [](const auto& row) { return row.param.name; });

class Pop3SourceRejects : public ::testing::TestWithParam<std::string> {};

TEST_P(Pop3SourceRejects, WithAReason) {
  auto spec = parse_pop3_source(GetParam());
  ASSERT_FALSE(spec);
  EXPECT_EQ(spec.error().kind, ErrorKind::invalid_input);
  EXPECT_NE(spec.error().message.find("pop3://USER@HOST"), std::string::npos)
      << spec.error().message;
}

INSTANTIATE_TEST_SUITE_P(Rows, Pop3SourceRejects,
                         ::testing::Values("pop3://pop.example.com",             // no user
                                           "pop3://@pop.example.com",            // empty user
                                           "pop3://ani@",                        // no host
                                           "pop3://ani:secret@pop.example.com",  // password
                                           "pop3://ani%4@pop.example.com",       // short escape
                                           "pop3://ani%zz@pop.example.com",      // not hex
                                           "pop3://ani%0A@pop.example.com",      // control
                                           "pop3://ani@pop.example.com:0",
                                           "pop3://ani@pop.example.com/ssl",
                                           "imap://ani@pop.example.com"));

TEST(Pop3Source, APathIsNotAPop3Source) {
  EXPECT_FALSE(is_pop3_source("/home/ani/Mail"));
  EXPECT_FALSE(is_pop3_source("pop3"));
  EXPECT_FALSE(is_pop3_source("thunderbird"));
}

}  // namespace
}  // namespace mailassist::cli
