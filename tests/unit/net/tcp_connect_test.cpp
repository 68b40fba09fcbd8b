// connect() and the plain stream against real sockets on loopback.
#include <gtest/gtest.h>
#include <sys/socket.h>

#include <chrono>
#include <thread>

#include "net/connect.hpp"
#include "tests/unit/net/loopback.hpp"

namespace mailassist::net {
namespace {

using std::chrono_literals::operator""ms;
using testing::Fd;
using testing::Listen;
using testing::LoopbackSocket;
using testing::OneShotServer;

Deadline soon() {
  return Deadline::after(10'000ms);
}  // a safety net, never asserted on

TEST(TcpConnect, RefusedPortIsUnreachableAndNamesTheAddress) {
  LoopbackSocket closed("127.0.0.1", Listen::bound_only);
  ASSERT_TRUE(closed.valid());
  auto stream = connect({"127.0.0.1", closed.port()}, {}, soon());
  ASSERT_FALSE(stream);
  EXPECT_EQ(stream.error().kind, ErrorKind::unreachable);
  EXPECT_EQ(stream.error().message,
            "connection refused by 127.0.0.1:" + std::to_string(closed.port()));
}

TEST(TcpConnect, ReadsWhatThePeerSendsThenZeroOnClose) {
  LoopbackSocket listener;
  ASSERT_TRUE(listener.valid());
  OneShotServer server(listener, [](int fd) {
    testing::send_text(fd, "* OK hello\r\n");
    EXPECT_EQ(testing::receive_line(fd), "A1 LOGOUT\r\n");
  });
  auto stream = connect({"127.0.0.1", listener.port()}, {}, soon());
  ASSERT_TRUE(stream) << stream.error().message;
  EXPECT_FALSE((*stream)->encrypted());
  EXPECT_EQ((*stream)->peer(), "127.0.0.1:" + std::to_string(listener.port()));
  std::string got;
  char buffer[64];
  while (got.size() < 12) {
    auto n = (*stream)->read_some(buffer, soon());
    ASSERT_TRUE(n) << n.error().message;
    ASSERT_GT(*n, 0u);
    got.append(buffer, *n);
  }
  EXPECT_EQ(got, "* OK hello\r\n");
  ASSERT_TRUE((*stream)->write_all("A1 LOGOUT\r\n", soon()));
  auto end = (*stream)->read_some(buffer, soon());
  ASSERT_TRUE(end) << end.error().message;
  EXPECT_EQ(*end, 0u);
}

TEST(TcpConnect, SilentPeerTimesOutARead) {
  LoopbackSocket listener;  // the kernel completes the TCP handshake; nobody ever speaks
  ASSERT_TRUE(listener.valid());
  auto stream = connect({"127.0.0.1", listener.port()}, {}, soon());
  ASSERT_TRUE(stream) << stream.error().message;
  char buffer[16];
  auto n = (*stream)->read_some(buffer, Deadline::after(200ms));
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().kind, ErrorKind::timeout);
  EXPECT_NE(n.error().message.find("127.0.0.1:"), std::string::npos);
}

TEST(TcpConnect, CancelStopsABlockedRead) {
  LoopbackSocket listener;
  ASSERT_TRUE(listener.valid());
  ConnectOptions options;
  auto stream = connect({"127.0.0.1", listener.port()}, options, soon());
  ASSERT_TRUE(stream) << stream.error().message;
  // Whether cancel() lands before or during the read, the read must end as cancelled.
  std::thread canceller([token = options.cancel] { token.cancel(); });
  char buffer[16];
  auto n = (*stream)->read_some(buffer, Deadline::never());
  canceller.join();
  ASSERT_FALSE(n);
  EXPECT_EQ(n.error().kind, ErrorKind::cancelled);
}

TEST(TcpConnect, CancelledBeforeConnecting) {
  ConnectOptions options;
  options.cancel.cancel();
  auto stream = connect({"127.0.0.1", 1}, options, soon());
  ASSERT_FALSE(stream);
  EXPECT_EQ(stream.error().kind, ErrorKind::cancelled);
}

TEST(TcpConnect, Ipv6Literal) {
  LoopbackSocket listener("::1");
  if (!listener.valid()) GTEST_SKIP() << "no IPv6 loopback on this machine";
  auto stream = connect({"::1", listener.port()}, {}, soon());
  ASSERT_TRUE(stream) << stream.error().message;
  EXPECT_EQ((*stream)->peer(), "[::1]:" + std::to_string(listener.port()));
}

TEST(TcpConnect, BadArgumentsAreInvalidInput) {
  auto no_port = connect({"127.0.0.1", 0}, {}, soon());
  ASSERT_FALSE(no_port);
  EXPECT_EQ(no_port.error().kind, ErrorKind::invalid_input);
  ConnectOptions tls_without_context;
  tls_without_context.encryption = Encryption::implicit_tls;
  auto no_tls = connect({"127.0.0.1", 993}, tls_without_context, soon());
  ASSERT_FALSE(no_tls);
  EXPECT_EQ(no_tls.error().kind, ErrorKind::invalid_input);
}

TEST(TcpConnect, StartTlsWithoutTlsSettingsIsInvalidInput) {
  LoopbackSocket listener;
  ASSERT_TRUE(listener.valid());
  auto stream = connect({"127.0.0.1", listener.port()}, {}, soon());
  ASSERT_TRUE(stream) << stream.error().message;
  auto tls = (*stream)->start_tls(soon());
  ASSERT_FALSE(tls);
  EXPECT_EQ(tls.error().kind, ErrorKind::invalid_input);
}

}  // namespace
}  // namespace mailassist::net
