#include "migrate/stores/mime_writer.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/base64.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(MimeWriter, HeaderTextIsLeftAloneWhenAsciiElseEncodedWordsOfWholeCharacters) {
  EXPECT_EQ(encode_header_text("Rapat besok", 9), "Rapat besok");
  EXPECT_EQ(encode_header_text("Rapat — besok", 9), "=?UTF-8?B?UmFwYXQg4oCUIGJlc29r?=");
  // Line breaks cannot end the field early.
  EXPECT_EQ(encode_header_text("a\r\nBcc: x@y", 9), "a  Bcc: x@y");
  // A long non-ASCII text: several words, each at most 75 characters, never splitting a
  // character (each decodes to valid UTF-8 on its own).
  std::string long_text;
  for (int i = 0; i < 40; ++i) long_text += "Tokó ";
  std::string encoded = encode_header_text(long_text, 9);
  std::string joined;
  std::size_t at = 0;
  int words = 0;
  while (at < encoded.size()) {
    std::size_t end = encoded.find("\r\n ", at);
    if (end == std::string::npos) end = encoded.size();
    std::string word = encoded.substr(at, end - at);
    EXPECT_LE(word.size(), 75u);
    ASSERT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
    auto text = base64_decode(word.substr(10, word.size() - 12));
    ASSERT_TRUE(text);
    EXPECT_NE(static_cast<unsigned char>(text->back()), 0xC3u) << "a character was split";
    joined += *text;
    ++words;
    at = end + 3;
  }
  EXPECT_GT(words, 3);
  EXPECT_EQ(joined, long_text);
}

TEST(MimeWriter, DisplayNamesAreAtomsQuotedOrEncoded) {
  EXPECT_EQ(encode_display_name("Budi Santoso"), "Budi Santoso");
  EXPECT_EQ(encode_display_name("Santoso, Budi"), "\"Santoso, Budi\"");
  EXPECT_EQ(encode_display_name("a \"b\" c."), "\"a \\\"b\\\" c.\"");
  EXPECT_EQ(encode_display_name("Tokó"), "=?UTF-8?B?VG9rw7M=?=");
}

TEST(MimeWriter, ParametersAreQuotedOrRfc2231Encoded) {
  EXPECT_EQ(mime_parameter("charset", "utf-8"), "; charset=\"utf-8\"");
  EXPECT_EQ(mime_parameter("filename", "a \"b\".pdf"), "; filename=\"a \\\"b\\\".pdf\"");
  EXPECT_EQ(mime_parameter("filename", "Tokó 100%.txt"),
            "; filename*=utf-8''Tok%C3%B3%20100%25.txt");
}

TEST(MimeWriter, Base64LinesAndCrlf) {
  EXPECT_EQ(base64_lines(""), "");
  EXPECT_EQ(base64_lines(std::string(57, 'a')).size(), 78u);
  EXPECT_EQ(base64_lines(std::string(58, 'a')), base64_lines(std::string(57, 'a')) + "YQ==\r\n");
  EXPECT_EQ(to_crlf("a\nb\r\nc\rd"), "a\r\nb\r\nc\r\nd");
}

TEST(MimeWriter, Rfc5322Date) {
  using namespace std::chrono;
  imap::InternalDate d{sys_days{2026y / 11 / 3} + hours(2) + minutes(15), hours(7)};
  EXPECT_EQ(format_rfc5322_date(d), "Tue, 03 Nov 2026 09:15:00 +0700");
  imap::InternalDate west{sys_days{2026y / 1 / 1}, -minutes(330)};
  EXPECT_EQ(format_rfc5322_date(west), "Wed, 31 Dec 2025 18:30:00 -0530");
}

TEST(MimeWriter, StrippingMimeFieldsKeepsEverythingElseWithItsFolding) {
  std::string headers =
      "Microsoft Mail Internet Headers Version 2.0\r\n"
      "Received: from a\r\n\tby b\r\n"
      "MIME-Version: 1.0\r\n"
      "Content-Type: multipart/mixed;\r\n\tboundary=\"x\"\r\n"
      "content-transfer-encoding: 7bit\r\n"
      "Subject: hi\n"
      "\r\n"
      "this is no longer the header\r\n";
  EXPECT_EQ(strip_mime_fields(headers), "Received: from a\r\n\tby b\r\nSubject: hi\r\n");
  EXPECT_EQ(strip_mime_fields(""), "");
  EXPECT_EQ(strip_mime_fields("  orphan continuation\r\nX: y"), "X: y\r\n");
}

TEST(MimeWriter, MessagesAreDeterministicAndNestTheirParts) {
  MimeMessage m;
  m.header_block = "Subject: x\r\n";
  m.plain = "hello\n";
  m.html = "<p>hello</p>";
  m.attachments.push_back({"a.bin", "Application/Octet-Stream", "cid1", std::string("\0\1\2", 3)});
  m.attachments.push_back({"", "not a type; x=\"", "", "z"});
  m.boundary_seed = "node 42";
  std::string one = write_mime_message(m);
  EXPECT_EQ(write_mime_message(m), one);
  m.boundary_seed = "node 43";
  EXPECT_NE(write_mime_message(m), one);
  EXPECT_TRUE(one.starts_with("Subject: x\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed;"));
  EXPECT_THAT(one, HasSubstr("Content-Transfer-Encoding: 7bit\r\n\r\nhello\r\n--"));
  EXPECT_THAT(one, HasSubstr("Content-Type: application/octet-stream;\r\n name=\"a.bin\""));
  EXPECT_THAT(one, HasSubstr("Content-ID: <cid1>\r\n\r\nAAEC\r\n"));
  EXPECT_THAT(one, Not(HasSubstr("not a type")));
  EXPECT_TRUE(one.ends_with("--\r\n"));

  MimeMessage empty;
  EXPECT_EQ(write_mime_message(empty),
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=\"utf-8\"\r\n"
            "Content-Transfer-Encoding: 7bit\r\n\r\n");  // an empty body
}

// A body that holds our boundary on purpose must not end its part early (RFC 2046 5.1.1).
TEST(MimeWriter, ABoundaryThatABodyHoldsIsLengthenedUntilItOccursNowhere) {
  MimeMessage m;
  m.header_block = "Subject: x\r\n";
  m.plain = "before\n--=_mailassist_alt_node42\nContent-Type: text/html\n\n<b>forged</b>\n";
  m.html = "<p>--=_mailassist_alt_node42_x and --=_mailassist_mixed_node42</p>";
  m.attachments.push_back({"a.eml", "message/rfc822", "",
                           "Subject: in\r\n\r\n--=_mailassist_mixed_node42_x--\r\n", true});
  m.boundary_seed = "node 42";
  std::string out = write_mime_message(m);
  EXPECT_EQ(write_mime_message(m), out);  // still the same bytes on every run
  EXPECT_THAT(out, HasSubstr("boundary=\"=_mailassist_mixed_node42_x_x\""));
  EXPECT_THAT(out, HasSubstr("boundary=\"=_mailassist_alt_node42_x_x\""));
  // Our delimiters enclose the parts (3 each), and the forged lines are body text.
  auto count = [&](const std::string& needle) {
    std::size_t n = 0;
    for (auto at = out.find(needle); at != std::string::npos; at = out.find(needle, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("\r\n--=_mailassist_alt_node42_x_x"), 3u);
  EXPECT_EQ(count("\r\n--=_mailassist_mixed_node42_x_x"), 3u);
  EXPECT_THAT(out, HasSubstr("before\r\n--=_mailassist_alt_node42\r\nContent-Type: text/html"));
}

}  // namespace
}  // namespace mailassist::migrate
