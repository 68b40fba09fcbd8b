// Implicit TLS and STARTTLS against a real OpenSSL server thread on loopback, with the test
// PKI made by tests/fixtures/make-pki at build time.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <regex>

#include "net/connect.hpp"
#include "net/line_reader.hpp"
#include "tests/unit/net/tls_test_server.hpp"

namespace mailassist::net {
namespace {

using std::chrono_literals::operator""ms;
using testing::LoopbackSocket;
using testing::OneShotServer;
using testing::pki_file;
using testing::TlsServerOptions;
using testing::TlsTestServer;

Deadline soon() {
  return Deadline::after(10'000ms);
}  // a safety net, never asserted on

// Trust only the test CA, as `--ca-file ca.pem` would with an empty system store.
std::shared_ptr<const TlsContext> test_ca_context() {
  auto context = TlsContext::create({pki_file("ca.pem"), false});
  EXPECT_TRUE(context) << context.error().message;
  return context ? *context : nullptr;
}

ConnectOptions implicit_tls(std::shared_ptr<const TlsContext> context = test_ca_context()) {
  ConnectOptions options;
  options.encryption = Encryption::implicit_tls;
  options.tls = std::move(context);
  return options;
}

// The fingerprint as the openssl CLI prints it, an independent check of ours.
std::string cli_fingerprint(const std::string& pem) {
  std::string command = "openssl x509 -noout -fingerprint -sha256 -in '" + pem + "'";
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(command.c_str(), "r"), &pclose);
  std::string out;
  char buffer[256];
  while (pipe && fgets(buffer, sizeof buffer, pipe.get()) != nullptr) out += buffer;
  auto equals = out.find('=');
  if (equals == std::string::npos) return {};
  out.erase(0, equals + 1);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

Error expect_failure(const std::string& certificate, const std::string& host = "127.0.0.1") {
  TlsTestServer server({certificate});
  auto stream = connect({host, server.port()}, implicit_tls(), soon());
  EXPECT_FALSE(stream);
  return stream ? Error{} : stream.error();
}

TEST(Tls, ImplicitTlsWithTheTestCaFillsTlsInfo) {
  TlsTestServer server({"server"});
  auto stream = connect({"127.0.0.1", server.port()}, implicit_tls(), soon());
  ASSERT_TRUE(stream) << stream.error().message;
  ASSERT_TRUE((*stream)->encrypted());
  const TlsInfo& info = *(*stream)->tls();
  EXPECT_EQ(info.version.rfind("TLSv1.", 0), 0u) << info.version;
  EXPECT_FALSE(info.cipher.empty());
  EXPECT_EQ(info.certificate.subject, "CN=server,O=MailAssist tests");
  EXPECT_EQ(info.certificate.issuer, "CN=ca,O=MailAssist tests");
  EXPECT_TRUE(std::regex_match(info.certificate.not_after,
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << info.certificate.not_after;
  EXPECT_EQ(info.certificate.sha256, cli_fingerprint(pki_file("server.pem")));

  LineReader reader(std::move(*stream));
  auto greeting = reader.read_line(soon());
  ASSERT_TRUE(greeting) << greeting.error().message;
  EXPECT_EQ(*greeting, "* OK tls");
  ASSERT_TRUE(reader.write_all("A1 NOOP\r\n", soon()));
  auto echo = reader.read_line(soon());
  ASSERT_TRUE(echo) << echo.error().message;
  EXPECT_EQ(*echo, "A1 NOOP");
}

TEST(Tls, IpLiteralIsCheckedAgainstTheIpSanAndSendsNoSni) {
  TlsTestServer server({"server"});
  {
    auto stream = connect({"127.0.0.1", server.port()}, implicit_tls(), soon());
    ASSERT_TRUE(stream) << stream.error().message;
  }
  server.finish();
  EXPECT_EQ(server.server_name(), "");  // RFC 6066 section 3: no literals in SNI
}

TEST(Tls, HostNameIsSentAsSniAndMatched) {
  TlsTestServer server({"server"});
  auto resolver = Resolver::create({});
  ASSERT_TRUE(resolver);
  // "localhost" comes from the hosts file, which c-ares reads before DNS.
  auto addresses = (*resolver)->resolve_host("localhost", soon());
  if (!addresses) GTEST_SKIP() << "localhost does not resolve here: " << addresses.error().message;
  {
    auto stream = connect({"localhost", server.port()}, implicit_tls(), soon());
    ASSERT_TRUE(stream) << stream.error().message;
    EXPECT_EQ((*stream)->peer(), "localhost:" + std::to_string(server.port()));
  }
  server.finish();
  EXPECT_EQ(server.server_name(), "localhost");
}

TEST(Tls, WithoutTheTestCaTheChainIsNotTrusted) {
  TlsTestServer server({"server"});
  auto empty = TlsContext::create({"", false});
  ASSERT_TRUE(empty);
  auto stream = connect({"127.0.0.1", server.port()}, implicit_tls(*empty), soon());
  ASSERT_FALSE(stream);
  EXPECT_EQ(stream.error().kind, ErrorKind::tls_certificate);
  EXPECT_NE(stream.error().message.find("not trust"), std::string::npos) << stream.error().message;
}

TEST(Tls, WrongNameIsTlsHostname) {
  Error error = expect_failure("wrong-name");
  EXPECT_EQ(error.kind, ErrorKind::tls_hostname);
  EXPECT_NE(error.message.find("other.invalid"), std::string::npos) << error.message;
  EXPECT_NE(error.message.find("not for 127.0.0.1"), std::string::npos) << error.message;
}

TEST(Tls, ExpiredCertificateSaysExpiredAndWhen) {
  Error error = expect_failure("expired");
  EXPECT_EQ(error.kind, ErrorKind::tls_certificate);
  EXPECT_TRUE(std::regex_search(error.message,
                                std::regex(R"(of 127\.0\.0\.1:\d+ expired on \d{4}-\d\d-\d\d$)")))
      << error.message;
}

TEST(Tls, UnknownAuthoritySaysNotTrustedAndNamesIt) {
  Error error = expect_failure("untrusted");
  EXPECT_EQ(error.kind, ErrorKind::tls_certificate);
  EXPECT_NE(error.message.find("does not trust (CN=untrusted-ca"), std::string::npos)
      << error.message;
}

TEST(Tls, SelfSignedSaysSelfSigned) {
  Error error = expect_failure("self-signed");
  EXPECT_EQ(error.kind, ErrorKind::tls_certificate);
  EXPECT_NE(error.message.find("self-signed"), std::string::npos) << error.message;
}

TEST(Tls, RejectedCertificateIsHandedToTheCaller) {
  TlsTestServer server({"self-signed"});
  auto options = implicit_tls();
  std::optional<CertificateInfo> rejected;
  ErrorKind reported = ErrorKind::internal;
  options.on_certificate_rejected = [&](const CertificateInfo& certificate, const Error& error) {
    rejected = certificate;
    reported = error.kind;
  };
  auto stream = connect({"127.0.0.1", server.port()}, options, soon());
  ASSERT_FALSE(stream);
  ASSERT_TRUE(rejected.has_value());
  EXPECT_EQ(reported, ErrorKind::tls_certificate);
  EXPECT_EQ(rejected->sha256, cli_fingerprint(pki_file("self-signed.pem")));
  EXPECT_EQ(rejected->subject, "CN=self-signed,O=MailAssist tests");
}

TEST(Tls, ServerOfferingOnlyTls11IsTlsHandshake) {
  TlsTestServer server({"server", false, true});
  auto stream = connect({"127.0.0.1", server.port()}, implicit_tls(), soon());
  server.finish();
  const std::string& why = server.handshake_error();
  if (why.find("no protocols available") != std::string::npos ||
      why.find("no shared cipher") != std::string::npos ||
      why.find("no ciphers available") != std::string::npos) {
    GTEST_SKIP() << "this OpenSSL cannot serve TLS 1.1 even at security level 0: " << why;
  }
  ASSERT_FALSE(stream);
  EXPECT_EQ(stream.error().kind, ErrorKind::tls_handshake);
  EXPECT_NE(stream.error().message.find("protocol"), std::string::npos) << stream.error().message;
}

TEST(Tls, PeerClosingDuringTheHandshakeIsTlsHandshake) {
  LoopbackSocket listener;
  ASSERT_TRUE(listener.valid());
  OneShotServer closer(listener, [](int fd) {
    char hello[16];
    (void)::recv(fd, hello, sizeof hello, 0);  // part of the ClientHello, then close
  });
  auto stream = connect({"127.0.0.1", listener.port()}, implicit_tls(), soon());
  ASSERT_FALSE(stream);
  EXPECT_EQ(stream.error().kind, ErrorKind::tls_handshake);
  EXPECT_NE(stream.error().message.find("closed the connection"), std::string::npos)
      << stream.error().message;
}

TEST(Tls, SilentPeerTimesOutTheHandshake) {
  LoopbackSocket listener;
  ASSERT_TRUE(listener.valid());
  auto stream = connect({"127.0.0.1", listener.port()}, implicit_tls(), Deadline::after(300ms));
  ASSERT_FALSE(stream);
  EXPECT_EQ(stream.error().kind, ErrorKind::timeout);
}

TEST(Tls, MissingCaFileIsInvalidInput) {
  auto context = TlsContext::create({pki_file("no-such-ca.pem"), false});
  ASSERT_FALSE(context);
  EXPECT_EQ(context.error().kind, ErrorKind::invalid_input);
  auto not_pem = TlsContext::create({MAILASSIST_TEST_SOURCE_DIR "/tls_test.cpp", false});
  ASSERT_FALSE(not_pem);
  EXPECT_EQ(not_pem.error().kind, ErrorKind::invalid_input);
}

TEST(StartTls, UpgradesInPlaceAndRefusesASecondTime) {
  TlsTestServer server({"server", true});
  ConnectOptions options;
  options.tls = test_ca_context();
  auto stream = connect({"127.0.0.1", server.port()}, options, soon());
  ASSERT_TRUE(stream) << stream.error().message;
  LineReader reader(std::move(*stream));
  auto greeting = reader.read_line(soon());
  ASSERT_TRUE(greeting) << greeting.error().message;
  EXPECT_EQ(*greeting, "* OK plain");
  EXPECT_FALSE(reader.stream().encrypted());
  ASSERT_TRUE(reader.write_all("STARTTLS\r\n", soon()));
  auto go_ahead = reader.read_line(soon());
  ASSERT_TRUE(go_ahead) << go_ahead.error().message;
  EXPECT_EQ(*go_ahead, "OK begin");

  auto upgraded = reader.start_tls(soon());
  ASSERT_TRUE(upgraded) << upgraded.error().message;
  ASSERT_TRUE(reader.stream().encrypted());
  EXPECT_EQ(reader.stream().tls()->certificate.sha256, cli_fingerprint(pki_file("server.pem")));
  auto secure_greeting = reader.read_line(soon());
  ASSERT_TRUE(secure_greeting) << secure_greeting.error().message;
  EXPECT_EQ(*secure_greeting, "* OK tls");

  auto again = reader.stream().start_tls(soon());
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().message.find("already encrypted"), std::string::npos);
}

TEST(StartTls, VerificationFailureIsReportedLikeImplicitTls) {
  TlsTestServer server({"expired", true});
  ConnectOptions options;
  options.tls = test_ca_context();
  bool handed_over = false;
  options.on_certificate_rejected = [&](const CertificateInfo&, const Error&) {
    handed_over = true;
  };
  auto stream = connect({"127.0.0.1", server.port()}, options, soon());
  ASSERT_TRUE(stream) << stream.error().message;
  LineReader reader(std::move(*stream));
  ASSERT_TRUE(reader.read_line(soon()));
  ASSERT_TRUE(reader.write_all("STARTTLS\r\n", soon()));
  ASSERT_TRUE(reader.read_line(soon()));
  auto upgraded = reader.start_tls(soon());
  ASSERT_FALSE(upgraded);
  EXPECT_EQ(upgraded.error().kind, ErrorKind::tls_certificate);
  EXPECT_TRUE(handed_over);
  EXPECT_FALSE(reader.stream().encrypted());
}

}  // namespace
}  // namespace mailassist::net
