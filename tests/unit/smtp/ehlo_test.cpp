// EHLO replies of real servers (raw bytes, as sent) and the capabilities read from them.
#include "protocols/smtp/ehlo.hpp"

#include <gtest/gtest.h>

#include <string_view>

namespace mailassist::smtp {
namespace {

// Splits raw reply bytes into lines and assembles them into one reply.
Reply assemble(std::string_view bytes) {
  ReplyAssembler assembler;
  while (!bytes.empty()) {
    auto end = bytes.find("\r\n");
    auto step = assembler.add_line(bytes.substr(0, end));
    EXPECT_TRUE(step) << step.error().message;
    if (!step) break;
    if (*step) return std::move(**step);
    bytes.remove_prefix(end == std::string_view::npos ? bytes.size() : end + 2);
  }
  ADD_FAILURE() << "the reply did not end";
  return {};
}

struct Expected {
  std::vector<std::string> auth;
  bool starttls;
  std::optional<std::uint64_t> size;
  bool eightbitmime, pipelining, smtputf8, enhanced_status_codes, chunking;
};

struct EhloRow {
  std::string name;
  std::string bytes;
  Expected expected;
};

void PrintTo(const EhloRow& row, std::ostream* out) {
  *out << row.name;
}

class SmtpEhloTable : public ::testing::TestWithParam<EhloRow> {};

TEST_P(SmtpEhloTable, ReadsTheExtensions) {
  auto caps = parse_ehlo(assemble(GetParam().bytes));
  const auto& want = GetParam().expected;
  EXPECT_EQ(caps.auth, want.auth);
  EXPECT_EQ(caps.starttls, want.starttls);
  EXPECT_EQ(caps.size, want.size);
  EXPECT_EQ(caps.eightbitmime, want.eightbitmime);
  EXPECT_EQ(caps.pipelining, want.pipelining);
  EXPECT_EQ(caps.smtputf8, want.smtputf8);
  EXPECT_EQ(caps.enhanced_status_codes, want.enhanced_status_codes);
  EXPECT_EQ(caps.chunking, want.chunking);
}

INSTANTIATE_TEST_SUITE_P(
    RealServers, SmtpEhloTable,
    ::testing::Values(
        EhloRow{"gmail_587_before_starttls",
                "250-smtp.gmail.com at your service, [203.0.113.9]\r\n250-SIZE 35882577\r\n"
                "250-8BITMIME\r\n250-STARTTLS\r\n250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n"
                "250-CHUNKING\r\n250 SMTPUTF8\r\n",
                {{}, true, 35882577u, true, true, true, true, true}},
        EhloRow{"gmail_after_starttls",
                "250-smtp.gmail.com at your service, [203.0.113.9]\r\n250-SIZE 35882577\r\n"
                "250-8BITMIME\r\n250-AUTH LOGIN PLAIN XOAUTH2 PLAIN-CLIENTTOKEN OAUTHBEARER "
                "XOAUTH\r\n250-ENHANCEDSTATUSCODES\r\n250-PIPELINING\r\n250-CHUNKING\r\n"
                "250 SMTPUTF8\r\n",
                {{"LOGIN", "PLAIN", "XOAUTH2", "PLAIN-CLIENTTOKEN", "OAUTHBEARER", "XOAUTH"},
                 false,
                 35882577u,
                 true,
                 true,
                 true,
                 true,
                 true}},
        EhloRow{"office365_before_starttls",
                "250-SN4PR0501CA0123.outlook.office365.com Hello [203.0.113.9]\r\n"
                "250-SIZE 157286400\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n"
                "250-STARTTLS\r\n250-8BITMIME\r\n250-BINARYMIME\r\n250-CHUNKING\r\n"
                "250 SMTPUTF8\r\n",
                {{}, true, 157286400u, true, true, true, true, true}},
        EhloRow{"office365_after_starttls",
                "250-SN4PR0501CA0123.outlook.office365.com Hello [203.0.113.9]\r\n"
                "250-SIZE 157286400\r\n250-PIPELINING\r\n250-DSN\r\n250-ENHANCEDSTATUSCODES\r\n"
                "250-AUTH LOGIN XOAUTH2\r\n250-8BITMIME\r\n250-BINARYMIME\r\n250-CHUNKING\r\n"
                "250 SMTPUTF8\r\n",
                {{"LOGIN", "XOAUTH2"}, false, 157286400u, true, true, true, true, true}},
        EhloRow{"dovecot_submission",
                "250-mail.example.test\r\n250-8BITMIME\r\n250-AUTH PLAIN LOGIN\r\n"
                "250-BURL imap\r\n250-CHUNKING\r\n250-ENHANCEDSTATUSCODES\r\n250-SIZE\r\n"
                "250-PIPELINING\r\n250 SMTPUTF8\r\n",
                {{"PLAIN", "LOGIN"}, false, 0u, true, true, true, true, true}},
        EhloRow{
            "old_exchange_auth_equals",
            "250-mail.example.test Hello\r\n250-AUTH=LOGIN\r\n250-AUTH GSSAPI NTLM LOGIN\r\n"
            "250 SIZE not-a-number\r\n",
            {{"LOGIN", "GSSAPI", "NTLM"}, false, std::nullopt, false, false, false, false, false}},
        EhloRow{"greeting_only",
                "250 mail.example.test\r\n",
                {{}, false, std::nullopt, false, false, false, false, false}}),
    [](const auto& test_info) { return test_info.param.name; });

TEST(SmtpEhlo, KeepsKeywordLinesUpperCasedWithTheirArguments) {
  auto caps = parse_ehlo(assemble("250-x\r\n250-auth=login plain\r\n250 size 10\r\n"));
  EXPECT_EQ(caps.lines, (std::vector<std::string>{"AUTH login plain", "SIZE 10"}));
  EXPECT_EQ(caps.auth, (std::vector<std::string>{"LOGIN", "PLAIN"}));
}

}  // namespace
}  // namespace mailassist::smtp
