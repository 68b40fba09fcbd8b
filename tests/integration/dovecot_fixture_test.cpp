// The Dovecot fixture itself: if these fail, the CLI tests' verdicts mean nothing.
#include <gtest/gtest.h>

#include <string>
#include <tuple>

#include "dovecot_environment.hpp"
#include "line_client.hpp"
#include "openssl_tool.hpp"

namespace mailassist::testing {
namespace {

using namespace std::chrono_literals;

const DovecotEnvironment& env() {
  return DovecotEnvironment::get();
}

constexpr HostKind kAllHosts[] = {HostKind::valid,     HostKind::wrong_name,  HostKind::expired,
                                  HostKind::untrusted, HostKind::self_signed, HostKind::no_tls};

TEST(DovecotFixture, EnvironmentNamesUsersHostsAndPorts) {
  EXPECT_TRUE(std::filesystem::exists(env().ca_file));
  EXPECT_TRUE(std::filesystem::exists(env().log));
  EXPECT_EQ(env().users.size(), 3u);
  EXPECT_EQ(env().user("alice@localhost").username, "alice@localhost");
  EXPECT_EQ(env().user("carol@localhost").password, "p@ss \"w\xc3\xb6rd\" \\ {3}");
  EXPECT_EQ(env().ports.size(), 6u);
  for (const auto kind : kAllHosts) EXPECT_FALSE(env().host(kind).empty());
}

TEST(DovecotFixture, EveryListenerOnEveryAddressAcceptsConnections) {
  for (const auto kind : kAllHosts) {
    for (const auto& [name, port] : env().ports) {
      EXPECT_TRUE(accepts_connections(env().host(kind), port))
          << to_string(kind) << " " << name << " " << env().host(kind) << ":" << port;
    }
  }
}

// What openssl's own verification says about each address: exactly the one failure the
// address exists for, on implicit TLS and STARTTLS alike.
struct CertificateCase {
  HostKind host;
  const char* subject;      // CN of the certificate the address must present
  const char* verify_code;  // openssl s_client "Verify return code: N"

  friend std::ostream& operator<<(std::ostream& out, const CertificateCase& c) {
    return out << c.host;
  }
};

class DovecotCertificates
    : public ::testing::TestWithParam<std::tuple<CertificateCase, Protocol, Security>> {};

TEST_P(DovecotCertificates, AddressPresentsTheCertificateForItsFailure) {
  const auto& [expected, protocol, security] = GetParam();
  const std::string host = env().host(expected.host);
  const auto port = env().port(protocol, security);
  const std::string starttls =
      security == Security::starttls ? std::string(to_string(protocol)) : "";
  const auto run = openssl_handshake(host, port, starttls, env().ca_file);
  EXPECT_NE(run.out.find(std::string("CN = ") + expected.subject), std::string::npos)
      << describe(run);
  EXPECT_NE(run.out.find(std::string("Verify return code: ") + expected.verify_code),
            std::string::npos)
      << describe(run);
}

INSTANTIATE_TEST_SUITE_P(
    AllAddresses, DovecotCertificates,
    ::testing::Combine(::testing::Values(CertificateCase{HostKind::valid, "server", "0 "},
                                         CertificateCase{HostKind::wrong_name, "wrong-name", "64 "},
                                         CertificateCase{HostKind::expired, "expired", "10 "},
                                         CertificateCase{HostKind::untrusted, "untrusted", "21 "},
                                         CertificateCase{HostKind::self_signed, "self-signed",
                                                         "18 "}),
                       ::testing::Values(Protocol::imap, Protocol::pop3, Protocol::smtp),
                       ::testing::Values(Security::tls, Security::starttls)),
    [](const auto& test) {
      return std::string(to_string(std::get<0>(test.param).host)) + "_" +
             std::string(to_string(std::get<1>(test.param))) + "_" +
             std::string(to_string(std::get<2>(test.param)));
    });

// The capability list a client sees before TLS on the plaintext port of `host`.
std::string plaintext_capabilities(Protocol protocol, const std::string& host) {
  LineClient client(host, env().port(protocol, Security::starttls));
  std::string seen = client.read_line().value_or("") + "\n";
  const char* command = protocol == Protocol::imap   ? "a CAPABILITY\r\n"
                        : protocol == Protocol::pop3 ? "CAPA\r\n"
                                                     : "EHLO client.example.test\r\n";
  client.send(command);
  while (auto line = client.read_line()) {
    seen += *line + "\n";
    if (line->rfind("a OK", 0) == 0 || *line == "." || line->rfind("250 ", 0) == 0) break;
  }
  return seen;
}

class DovecotStarttls : public ::testing::TestWithParam<Protocol> {};

TEST_P(DovecotStarttls, IsOfferedOnTheValidAddressButNotOnTheNoTlsAddress) {
  const std::string word = GetParam() == Protocol::pop3 ? "STLS" : "STARTTLS";
  EXPECT_NE(plaintext_capabilities(GetParam(), env().host(HostKind::valid)).find(word),
            std::string::npos);
  const auto no_tls = plaintext_capabilities(GetParam(), env().host(HostKind::no_tls));
  EXPECT_EQ(no_tls.find(word), std::string::npos) << no_tls;
}

INSTANTIATE_TEST_SUITE_P(AllProtocols, DovecotStarttls,
                         ::testing::Values(Protocol::imap, Protocol::pop3, Protocol::smtp),
                         [](const auto& test) { return std::string(to_string(test.param)); });

// Logs in over plaintext IMAP on the no-TLS address, the password as a literal so that
// no quoting is involved; returns everything the server said.
std::string imap_session(const TestUser& user, const std::string& after_login) {
  LineClient client(env().host(HostKind::no_tls), env().port(Protocol::imap, Security::none));
  std::string seen = client.read_line().value_or("") + "\n";
  client.send("a LOGIN {" + std::to_string(user.username.size()) + "+}\r\n" + user.username + " {" +
              std::to_string(user.password.size()) + "+}\r\n" + user.password + "\r\n" +
              after_login + "z LOGOUT\r\n");
  return seen + client.read_until_closed(10s, 1 << 20);
}

TEST(DovecotFixture, PasswordWithAwkwardCharactersIsStoredVerbatim) {
  const auto seen = imap_session(env().user("carol@localhost"), "");
  EXPECT_NE(seen.find("a OK"), std::string::npos) << seen;
}

TEST(DovecotFixture, InboxNamespaceHasSpecialUseMailboxesWithSlashSeparator) {
  const auto seen = imap_session(env().user("alice@localhost"), "b LIST \"\" \"*\"\r\n");
  for (const char* mailbox : {"Sent", "Drafts", "Trash", "Junk", "Archive"}) {
    EXPECT_NE(seen.find(std::string("\\") + mailbox + ") \"/\" " + mailbox), std::string::npos)
        << mailbox << " in\n"
        << seen;
  }
}

}  // namespace
}  // namespace mailassist::testing
