#include "protocols/smtp/reply.hpp"

#include <gtest/gtest.h>

#include "protocols/smtp/ehlo.hpp"

namespace mailassist::smtp {
namespace {

// Feeds every line; returns the reply or the first error.
Result<Reply> parse(const std::vector<std::string>& lines) {
  ReplyAssembler assembler;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto step = assembler.add_line(lines[i]);
    if (!step) return std::move(step).error();
    if (*step) {
      if (i + 1 != lines.size()) return make_error(ErrorKind::internal, "ended early");
      return std::move(**step);
    }
  }
  return make_error(ErrorKind::internal, "incomplete");
}

struct ReplyRow {
  std::string name;
  std::vector<std::string> lines;
  int code;
  std::optional<EnhancedCode> enhanced;
  std::string text;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const ReplyRow& row, std::ostream* out) {
  *out << row.name;
}

class SmtpReplyParses : public ::testing::TestWithParam<ReplyRow> {};

TEST_P(SmtpReplyParses, IntoCodeEnhancedCodeAndText) {
  auto reply = parse(GetParam().lines);
  ASSERT_TRUE(reply) << reply.error().message;
  EXPECT_EQ(reply->code, GetParam().code);
  EXPECT_EQ(reply->enhanced, GetParam().enhanced);
  EXPECT_EQ(reply->text(), GetParam().text);
}

INSTANTIATE_TEST_SUITE_P(
    RealServers, SmtpReplyParses,
    ::testing::Values(
        ReplyRow{"dovecot_greeting",
                 {"220 mail.example.test Dovecot ready."},
                 220,
                 std::nullopt,
                 "mail.example.test Dovecot ready."},
        ReplyRow{"gmail_bad_credentials",
                 {"535-5.7.8 Username and Password not accepted. Learn more at",
                  "535 5.7.8  https://support.google.com/mail/?p=BadCredentials a1sm2"},
                 535,
                 EnhancedCode{5, 7, 8},
                 "Username and Password not accepted. Learn more at "
                 "https://support.google.com/mail/?p=BadCredentials a1sm2"},
        ReplyRow{"gmail_app_password",
                 {"534-5.7.9 Application-specific password required. Learn more at",
                  "534 5.7.9  https://support.google.com/mail/?p=InvalidSecondFactor x"},
                 534,
                 EnhancedCode{5, 7, 9},
                 "Application-specific password required. Learn more at "
                 "https://support.google.com/mail/?p=InvalidSecondFactor x"},
        ReplyRow{"microsoft_basic_auth_disabled",
                 {"535 5.7.139 Authentication unsuccessful, basic authentication is disabled."},
                 535,
                 EnhancedCode{5, 7, 139},
                 "Authentication unsuccessful, basic authentication is disabled."},
        ReplyRow{"bare_code", {"250"}, 250, std::nullopt, ""},
        ReplyRow{"challenge", {"334 VXNlcm5hbWU6"}, 334, std::nullopt, "VXNlcm5hbWU6"},
        ReplyRow{"not_an_enhanced_code", {"250 2.0 ok"}, 250, std::nullopt, "2.0 ok"}),
    [](const auto& test_info) { return test_info.param.name; });

struct BadRow {
  std::string name;
  std::vector<std::string> lines;
  std::string message_part;
};

// Names the row in test listings instead of dumping its bytes.
void PrintTo(const BadRow& row, std::ostream* out) {
  *out << row.name;
}

class SmtpReplyRejects : public ::testing::TestWithParam<BadRow> {};

TEST_P(SmtpReplyRejects, SayingWhere) {
  auto reply = parse(GetParam().lines);
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().kind, ErrorKind::protocol_error);
  EXPECT_NE(reply.error().message.find(GetParam().message_part), std::string::npos)
      << reply.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Malformed, SmtpReplyRejects,
    ::testing::Values(
        BadRow{"no_code", {"hello"}, "(line 1, byte 0): expected a three-digit"},
        BadRow{"short", {"25"}, "three-digit"},
        BadRow{"bad_separator", {"250x"}, "(line 1, byte 3)"},
        BadRow{"out_of_range", {"999 no"}, "out of range"},
        BadRow{"code_changes", {"250-a", "251 b"}, "(line 2, byte 0): reply code changed"},
        BadRow{"imap_greeting", {"* OK IMAP ready"}, "three-digit"},
        BadRow{"control_chars_escaped", {"\x1b[2J"}, "near \".[2J\""}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(SmtpReply, RefusesEndlessMultilineReplies) {
  ReplyAssembler assembler;
  Result<std::optional<Reply>> step = std::optional<Reply>();
  for (std::size_t i = 0; i <= ReplyAssembler::kMaxLines && step; ++i)
    step = assembler.add_line("250-more");
  ASSERT_FALSE(step);
  EXPECT_NE(step.error().message.find("more than 512 lines"), std::string::npos);
}

TEST(SmtpEhlo, ReadsKeywordsAuthStarttlsAndSize) {
  auto reply =
      parse({"250-smtp.gmail.com at your service, [203.0.113.9]", "250-SIZE 35882577",
             "250-8BITMIME", "250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER",
             "250-AUTH=LOGIN PLAIN", "250-ENHANCEDSTATUSCODES", "250-starttls", "250 SMTPUTF8"});
  ASSERT_TRUE(reply);
  auto caps = parse_ehlo(*reply);
  EXPECT_TRUE(caps.starttls);
  EXPECT_EQ(caps.size, 35882577u);
  EXPECT_EQ(caps.auth, (std::vector<std::string>{"LOGIN", "PLAIN", "XOAUTH2", "PLAIN-CLIENTTOKEN",
                                                 "OAUTHBEARER"}));
  EXPECT_TRUE(caps.has("8bitmime"));
  EXPECT_TRUE(caps.has("SMTPUTF8"));
  EXPECT_FALSE(caps.has("SMTP"));
  EXPECT_FALSE(caps.has("CHUNKING"));
}

TEST(SmtpEhlo, AGreetingLineAloneMeansNoExtensions) {
  auto reply = parse({"250 mail.example.test"});
  ASSERT_TRUE(reply);
  auto caps = parse_ehlo(*reply);
  EXPECT_TRUE(caps.lines.empty());
  EXPECT_FALSE(caps.starttls);
  EXPECT_TRUE(caps.auth.empty());
}

}  // namespace
}  // namespace mailassist::smtp
