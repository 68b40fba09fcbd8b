#include "protocols/pop3/status_line.hpp"

#include <gtest/gtest.h>

namespace mailassist::pop3 {
namespace {

struct StatusRow {
  std::string_view bytes;
  StatusLine expected;
};

TEST(Pop3StatusLine, ParsesRealServerLines) {
  const StatusRow rows[] = {
      {"+OK Dovecot (Debian) ready.", {true, "", ResponseCode::none, "Dovecot (Debian) ready."}},
      {"+OK Gpop ready for requests from 203.0.113.7 a1mb123456pjb",
       {true, "", ResponseCode::none, "Gpop ready for requests from 203.0.113.7 a1mb123456pjb"}},
      {"+OK The Microsoft Exchange POP3 service is ready. [UwBJADIAUABSADAAMQBDAEEAMAAwADEA]",
       {true, "", ResponseCode::none,
        "The Microsoft Exchange POP3 service is ready. [UwBJADIAUABSADAAMQBDAEEAMAAwADEA]"}},
      {"+OK", {true, "", ResponseCode::none, ""}},
      {"+ok lower case", {true, "", ResponseCode::none, "lower case"}},
      {"-ERR [AUTH] Authentication failed.",
       {false, "AUTH", ResponseCode::auth, "Authentication failed."}},
      {"-ERR [AUTH] Username and password not accepted.",
       {false, "AUTH", ResponseCode::auth, "Username and password not accepted."}},
      {"-ERR [AUTH] Application-specific password required: "
       "https://support.google.com/accounts/answer/185833",
       {false, "AUTH", ResponseCode::auth,
        "Application-specific password required: "
        "https://support.google.com/accounts/answer/185833"}},
      {"-ERR [SYS/TEMP] Temporary authentication failure. [host:2026-11-26 19:30:00]",
       {false, "SYS/TEMP", ResponseCode::sys_temp,
        "Temporary authentication failure. [host:2026-11-26 19:30:00]"}},
      {"-ERR [SYS/PERM] Mailbox quota exceeded",
       {false, "SYS/PERM", ResponseCode::sys_perm, "Mailbox quota exceeded"}},
      {"-ERR [IN-USE] Couldn't open INBOX: Mailbox is locked by another session",
       {false, "IN-USE", ResponseCode::in_use,
        "Couldn't open INBOX: Mailbox is locked by another session"}},
      {"-ERR [LOGIN-DELAY] Wait 300 seconds",
       {false, "LOGIN-DELAY", ResponseCode::login_delay, "Wait 300 seconds"}},
      {"-ERR [x-vendor/thing] odd", {false, "X-VENDOR/THING", ResponseCode::other, "odd"}},
      {"-ERR Logon failure: unknown user name or bad password.",
       {false, "", ResponseCode::none, "Logon failure: unknown user name or bad password."}},
      // Brackets that do not form a code are ordinary text.
      {"-ERR [not a code] text", {false, "", ResponseCode::none, "[not a code] text"}},
      {"-ERR [unclosed text", {false, "", ResponseCode::none, "[unclosed text"}},
      {"-ERR [] empty", {false, "", ResponseCode::none, "[] empty"}},
      {"-ERR [SYS//TEMP] x", {false, "", ResponseCode::none, "[SYS//TEMP] x"}},
      {"-ERR", {false, "", ResponseCode::none, ""}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.bytes);
    auto parsed = parse_status_line(row.bytes);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(*parsed, row.expected);
  }
}

struct BadRow {
  std::string_view bytes;
  std::string_view message_part;
};

TEST(Pop3StatusLine, RejectsMalformedLinesSayingWhere) {
  const BadRow rows[] = {
      {"", "(line 3, byte 0): expected \"+OK\" or \"-ERR\""},
      {"* OK IMAP4rev1 ready", "(line 3, byte 0): expected \"+OK\" or \"-ERR\""},
      {"220 smtp.example.test ESMTP", "byte 0"},
      {"+OKAY", "(line 3, byte 3): expected a space after the status indicator"},
      {"-ERRor", "(line 3, byte 4)"},
      {std::string_view("\x01\x02\x03", 3), "near \"...\""},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.bytes);
    auto parsed = parse_status_line(row.bytes, 3);
    ASSERT_FALSE(parsed);
    EXPECT_EQ(parsed.error().kind, ErrorKind::protocol_error);
    EXPECT_NE(parsed.error().message.find(row.message_part), std::string::npos)
        << parsed.error().message;
  }
}

TEST(Pop3StatusLine, TellsSaslChallengesFromFinalReplies) {
  struct Row {
    std::string_view bytes;
    AuthStep expected;
  };
  const Row rows[] = {
      {"+ VXNlcm5hbWU6", {true, "VXNlcm5hbWU6", {}}},
      {"+ ", {true, "", {}}},
      {"+", {true, "", {}}},
      {"+OK Logged in.", {false, "", {true, "", ResponseCode::none, "Logged in."}}},
      {"-ERR [AUTH] Authentication failed.",
       {false, "", {false, "AUTH", ResponseCode::auth, "Authentication failed."}}},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.bytes);
    auto parsed = parse_auth_step(row.bytes);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_EQ(*parsed, row.expected);
  }
  EXPECT_FALSE(parse_auth_step("+x"));
  EXPECT_FALSE(parse_auth_step("334 VXNlcm5hbWU6"));
}

TEST(Pop3StatusLine, FindsTheApopTimestamp) {
  struct Row {
    std::string_view greeting;
    std::optional<std::string> expected;
  };
  const Row rows[] = {
      // RFC 1939 section 7's example.
      {"POP3 server ready <1896.697170952@dbc.mtview.ca.us>", "<1896.697170952@dbc.mtview.ca.us>"},
      {"Dovecot ready. <1c2d.3@mail.example.test>", "<1c2d.3@mail.example.test>"},
      {"<a> then <1.2@host> wins", "<1.2@host>"},
      {"Dovecot (Debian) ready.", std::nullopt},
      {"no at <sign.only>", std::nullopt},
      {"space <a b@c>", std::nullopt},
      {"<@host>", std::nullopt},
      {"<user@>", std::nullopt},
      {"unclosed <1.2@host", std::nullopt},
      {"nested <<1.2@host>", "<1.2@host>"},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.greeting);
    EXPECT_EQ(apop_timestamp(row.greeting), row.expected);
  }
  EXPECT_EQ(apop_timestamp("<" + std::string(300, 'a') + "@b>"), std::nullopt);
}

}  // namespace
}  // namespace mailassist::pop3
