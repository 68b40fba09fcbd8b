#include "protocols/pop3/capabilities.hpp"

#include <gtest/gtest.h>

#include "protocols/pop3/multiline.hpp"

namespace mailassist::pop3 {
namespace {

Capabilities parse_raw(std::string_view bytes) {
  auto response = parse_multiline_response(bytes);
  EXPECT_TRUE(response) << response.error().message;
  if (!response) return {};
  auto caps = parse_capabilities(response->lines);
  EXPECT_TRUE(caps) << caps.error().message;
  return caps ? *caps : Capabilities{};
}

TEST(Pop3Capabilities, DovecotBeforeAndAfterStls) {
  auto before = parse_raw(
      "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nSTLS\r\n"
      "SASL\r\n.\r\n");
  EXPECT_TRUE(before.stls);
  EXPECT_FALSE(before.user);  // disable_plaintext_auth: no USER in the clear
  EXPECT_TRUE(before.sasl_mechanisms.empty());
  EXPECT_TRUE(before.top && before.uidl && before.resp_codes && before.pipelining);
  EXPECT_TRUE(before.auth_resp_code);

  auto after = parse_raw(
      "+OK\r\nCAPA\r\nTOP\r\nUIDL\r\nRESP-CODES\r\nPIPELINING\r\nAUTH-RESP-CODE\r\nUSER\r\n"
      "SASL PLAIN LOGIN\r\n.\r\n");
  EXPECT_FALSE(after.stls);
  EXPECT_TRUE(after.user);
  EXPECT_EQ(after.sasl_mechanisms, (std::vector<std::string>{"PLAIN", "LOGIN"}));
}

TEST(Pop3Capabilities, Gmail) {
  auto caps = parse_raw(
      "+OK Capability list follows\r\nUSER\r\nRESP-CODES\r\nEXPIRE 0\r\nLOGIN-DELAY 300\r\n"
      "TOP\r\nUIDL\r\nX-GOOGLE-RICO\r\nSASL PLAIN XOAUTH2 OAUTHBEARER\r\n.\r\n");
  EXPECT_TRUE(caps.user);
  EXPECT_EQ(caps.sasl_mechanisms, (std::vector<std::string>{"PLAIN", "XOAUTH2", "OAUTHBEARER"}));
  EXPECT_EQ(caps.expire, "0");
  EXPECT_TRUE(caps.retrieval_deletes());  // migration must warn before RETR
  EXPECT_EQ(caps.login_delay_seconds, 300u);
  EXPECT_TRUE(caps.has("x-google-rico"));
  EXPECT_FALSE(caps.has("STLS"));
}

TEST(Pop3Capabilities, MicrosoftAndImplementation) {
  auto outlook = parse_raw("+OK\r\nTOP\r\nUIDL\r\nSASL PLAIN XOAUTH2\r\nUSER\r\n.\r\n");
  EXPECT_EQ(outlook.sasl_mechanisms, (std::vector<std::string>{"PLAIN", "XOAUTH2"}));
  EXPECT_EQ(outlook.lines, (std::vector<std::string>{"TOP", "UIDL", "SASL PLAIN XOAUTH2", "USER"}));

  auto exchange = parse_raw(
      "+OK\r\nTOP\r\nUIDL\r\nSASL NTLM GSSAPI PLAIN\r\nUSER\r\nSTLS\r\n"
      "implementation Example  POP3 v2\r\nEXPIRE NEVER\r\n.\r\n");
  EXPECT_TRUE(exchange.stls);
  EXPECT_EQ(exchange.implementation, "Example  POP3 v2");
  EXPECT_FALSE(exchange.retrieval_deletes());
  EXPECT_EQ(exchange.lines.back(), "EXPIRE NEVER");
  EXPECT_EQ(exchange.lines[5], "IMPLEMENTATION Example  POP3 v2");
}

TEST(Pop3Capabilities, ToleratesOddButHarmlessLines) {
  auto caps = parse_raw("+OK\r\nsasl plain plain login\r\nLOGIN-DELAY soon\r\n  TOP\r\n.\r\n");
  EXPECT_EQ(caps.sasl_mechanisms, (std::vector<std::string>{"PLAIN", "LOGIN"}));
  EXPECT_EQ(caps.login_delay_seconds, std::nullopt);
  EXPECT_TRUE(caps.top);
}

TEST(Pop3Capabilities, RejectsHostileLinesSayingWhere) {
  struct Row {
    std::vector<std::string> lines;
    std::string_view message_part;
  };
  const Row rows[] = {
      {{"TOP", ""}, "(line 3, byte 0): empty capability line"},
      {{"TOP", "   "}, "(line 3, byte 0): empty capability line"},
      {{"SASL PLAIN\x1b[31m"}, "(line 2, byte 10): control character"},
      {{"SASL PLAIN L/OGIN"}, "(line 2, byte 11): invalid SASL mechanism name"},
      {{"SASL " + std::string(21, 'A')}, "invalid SASL mechanism name"},
      {{std::string("US\0ER", 5)}, "(line 2, byte 2): control character"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.message_part);
    auto caps = parse_capabilities(row.lines);
    ASSERT_FALSE(caps);
    EXPECT_EQ(caps.error().kind, ErrorKind::protocol_error);
    EXPECT_NE(caps.error().message.find(row.message_part), std::string::npos)
        << caps.error().message;
  }
}

}  // namespace
}  // namespace mailassist::pop3
