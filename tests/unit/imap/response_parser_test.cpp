// Table-driven: rows of raw server bytes and the typed response expected, then rows of
// malformed bytes and where the parser must say the problem is.
#include "protocols/imap/response_parser.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/unit/imap/parser_rows.hpp"

namespace mailassist::imap {
namespace {

ResponseCode code(CodeKind kind, std::string name, std::string argument = {}) {
  ResponseCode c;
  c.kind = kind;
  c.name = std::move(name);
  c.argument = std::move(argument);
  return c;
}

StatusResponse status(Status s, std::optional<ResponseCode> c, std::string text,
                      std::string full_text) {
  return StatusResponse{s, std::move(c), std::move(text), std::move(full_text)};
}

ResponseCode capability_code(std::string argument, std::vector<std::string> items) {
  auto c = code(CodeKind::capability, "CAPABILITY", std::move(argument));
  c.items = std::move(items);
  return c;
}

ResponseCode numbered(CodeKind kind, std::string name, std::uint32_t n) {
  auto c = code(kind, std::move(name), std::to_string(n));
  c.number = n;
  return c;
}

struct Row {
  std::string name;
  std::string raw;
  Response expected;
};

const std::string kDovecotCaps =
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ STARTTLS AUTH=PLAIN";
const std::string kGmailCaps =
    "IMAP4rev1 UNSELECT IDLE NAMESPACE QUOTA ID XLIST CHILDREN X-GM-EXT-1 XYZZY SASL-IR "
    "AUTH=XOAUTH2 AUTH=PLAIN AUTH=PLAIN-CLIENTTOKEN AUTH=OAUTHBEARER AUTH=XOAUTH";

std::vector<Row> rows() {
  std::vector<Row> r;
  r.push_back(
      {"DovecotGreeting", "* OK [CAPABILITY " + kDovecotCaps + "] Dovecot (Debian) ready.",
       UntaggedStatus{status(
           Status::ok,
           capability_code(kDovecotCaps, {"IMAP4REV1", "SASL-IR", "LOGIN-REFERRALS", "ID", "ENABLE",
                                          "IDLE", "LITERAL+", "STARTTLS", "AUTH=PLAIN"}),
           "Dovecot (Debian) ready.",
           "[CAPABILITY " + kDovecotCaps + "] Dovecot (Debian) ready.")}});
  r.push_back({"GmailGreeting", "* OK Gimap ready for requests from 198.51.100.7 u8mb1lfr",
               UntaggedStatus{status(Status::ok, std::nullopt,
                                     "Gimap ready for requests from 198.51.100.7 u8mb1lfr",
                                     "Gimap ready for requests from 198.51.100.7 u8mb1lfr")}});
  r.push_back(
      {"GmailCapability", "* CAPABILITY " + kGmailCaps,
       CapabilityData{{"IMAP4REV1", "UNSELECT", "IDLE", "NAMESPACE", "QUOTA", "ID", "XLIST",
                       "CHILDREN", "X-GM-EXT-1", "XYZZY", "SASL-IR", "AUTH=XOAUTH2", "AUTH=PLAIN",
                       "AUTH=PLAIN-CLIENTTOKEN", "AUTH=OAUTHBEARER", "AUTH=XOAUTH"}}});
  r.push_back({"CapabilityNamesUpperCasedArgumentsKept",
               "* capability imap4rev1 auth=plain APPENDLIMIT=35651584 ",
               CapabilityData{{"IMAP4REV1", "AUTH=plain", "APPENDLIMIT=35651584"}}});
  r.push_back(
      {"GmailAppPassword",
       "A2 NO [ALERT] Application-specific password required: "
       "https://support.google.com/accounts/answer/185833 (Failure)",
       TaggedStatus{"A2", status(Status::no, code(CodeKind::alert, "ALERT"),
                                 "Application-specific password required: "
                                 "https://support.google.com/accounts/answer/185833 (Failure)",
                                 "[ALERT] Application-specific password required: "
                                 "https://support.google.com/accounts/answer/185833 (Failure)")}});
  r.push_back(
      {"AuthenticationFailed", "A2 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)",
       TaggedStatus{"A2",
                    status(Status::no, code(CodeKind::authenticationfailed, "AUTHENTICATIONFAILED"),
                           "Invalid credentials (Failure)",
                           "[AUTHENTICATIONFAILED] Invalid credentials (Failure)")}});
  r.push_back({"GmailWebAlert",
               "A2 NO [WEBALERT https://accounts.google.com/signin/continue?sarp=1&scc=1] Web "
               "login required.",
               TaggedStatus{"A2", status(Status::no,
                                         code(CodeKind::webalert, "WEBALERT",
                                              "https://accounts.google.com/signin/"
                                              "continue?sarp=1&scc=1"),
                                         "Web login required.",
                                         "[WEBALERT https://accounts.google.com/signin/"
                                         "continue?sarp=1&scc=1] Web login required.")}});
  r.push_back({"ReadWrite", "A3 OK [READ-WRITE] SELECT completed",
               TaggedStatus{"A3", status(Status::ok, code(CodeKind::read_write, "READ-WRITE"),
                                         "SELECT completed", "[READ-WRITE] SELECT completed")}});
  r.push_back({"ReadOnlyWithoutText", "A3 OK [READ-ONLY]",
               TaggedStatus{"A3", status(Status::ok, code(CodeKind::read_only, "READ-ONLY"), "",
                                         "[READ-ONLY]")}});
  r.push_back(
      {"TaggedWithoutText", "A9 OK", TaggedStatus{"A9", status(Status::ok, std::nullopt, "", "")}});
  r.push_back({"UidValidity", "* OK [UIDVALIDITY 3857529045] UIDs valid",
               UntaggedStatus{status(Status::ok,
                                     numbered(CodeKind::uidvalidity, "UIDVALIDITY", 3857529045u),
                                     "UIDs valid", "[UIDVALIDITY 3857529045] UIDs valid")}});
  r.push_back({"UidNext", "* OK [UIDNEXT 4392] Predicted next UID",
               UntaggedStatus{status(Status::ok, numbered(CodeKind::uidnext, "UIDNEXT", 4392),
                                     "Predicted next UID", "[UIDNEXT 4392] Predicted next UID")}});
  {
    auto c = code(CodeKind::permanentflags, "PERMANENTFLAGS", "(\\Deleted \\Seen \\*)");
    c.items = {"\\Deleted", "\\Seen", "\\*"};
    r.push_back({"PermanentFlags", "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited",
                 UntaggedStatus{status(Status::ok, c, "Limited",
                                       "[PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited")}});
  }
  {
    auto c = code(CodeKind::appenduid, "APPENDUID", "38505 3955");
    c.number = 38505;
    c.uids = {{3955, 3955}};
    r.push_back({"AppendUid", "A4 OK [APPENDUID 38505 3955] APPEND completed",
                 TaggedStatus{"A4", status(Status::ok, c, "APPEND completed",
                                           "[APPENDUID 38505 3955] APPEND completed")}});
  }
  {
    auto c = code(CodeKind::copyuid, "COPYUID", "38505 304,320:319 3956:3958");
    c.number = 38505;
    c.uids = {{304, 304}, {319, 320}};
    c.dest_uids = {{3956, 3958}};
    r.push_back({"CopyUidWithReversedRange", "A5 OK [COPYUID 38505 304,320:319 3956:3958] Done",
                 TaggedStatus{"A5", status(Status::ok, c, "Done",
                                           "[COPYUID 38505 304,320:319 3956:3958] Done")}});
  }
  r.push_back({"TryCreate", "A6 NO [TRYCREATE] Mailbox doesn't exist: Foo",
               TaggedStatus{"A6", status(Status::no, code(CodeKind::trycreate, "TRYCREATE"),
                                         "Mailbox doesn't exist: Foo",
                                         "[TRYCREATE] Mailbox doesn't exist: Foo")}});
  r.push_back({"UnknownCodeKeptAsText", "* OK [X-GM-FOO bar baz] hello",
               UntaggedStatus{status(Status::ok, code(CodeKind::other, "X-GM-FOO", "bar baz"),
                                     "hello", "[X-GM-FOO bar baz] hello")}});
  r.push_back(
      {"Bye", "* BYE [UNAVAILABLE] Server shutting down",
       UntaggedStatus{status(Status::bye, code(CodeKind::unavailable, "UNAVAILABLE"),
                             "Server shutting down", "[UNAVAILABLE] Server shutting down")}});
  r.push_back(
      {"Preauth", "* PREAUTH IMAP4rev1 server logged in as Smith",
       UntaggedStatus{status(Status::preauth, std::nullopt, "IMAP4rev1 server logged in as Smith",
                             "IMAP4rev1 server logged in as Smith")}});
  r.push_back({"TaggedBad", "A1 BAD Command unknown",
               TaggedStatus{
                   "A1", status(Status::bad, std::nullopt, "Command unknown", "Command unknown")}});
  r.push_back({"ContinuationEmpty", "+ ", ContinuationRequest{""}});
  r.push_back({"ContinuationBare", "+", ContinuationRequest{""}});
  r.push_back({"ContinuationChallenge", "+ VXNlcm5hbWU6", ContinuationRequest{"VXNlcm5hbWU6"}});
  r.push_back({"ListSpecialUse", "* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent Items\"",
               ListData{false, {"\\HasNoChildren", "\\Sent"}, '/', "Sent Items"}});
  r.push_back({"ListGmailFolder", "* LIST (\\All \\HasNoChildren) \"/\" \"[Gmail]/All Mail\"",
               ListData{false, {"\\All", "\\HasNoChildren"}, '/', "[Gmail]/All Mail"}});
  r.push_back({"ListNilDelimiter", "* LIST (\\Noinferiors) NIL inbox",
               ListData{false, {"\\Noinferiors"}, std::nullopt, "INBOX"}});
  r.push_back({"ListEscapes", "* LIST () \"\\\\\" \"a \\\"quoted\\\" name\"",
               ListData{false, {}, '\\', "a \"quoted\" name"}});
  r.push_back({"ListLiteralName", "* LIST (\\HasNoChildren) \".\" {15}\r\nKerja &- Proyek",
               ListData{false, {"\\HasNoChildren"}, '.', "Kerja &- Proyek"}});
  r.push_back({"ListLiteralWithCrlfInside", "* LIST () \"/\" {6}\r\na\r\n{2}",
               ListData{false, {}, '/', "a\r\n{2}"}});
  r.push_back({"ListExtended",
               "* LIST (\\Subscribed) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))",
               ListData{false, {"\\Subscribed"}, '/', "Foo"}});
  r.push_back({"Lsub", "* LSUB () \".\" #news.comp.mail.misc",
               ListData{true, {}, '.', "#news.comp.mail.misc"}});
  r.push_back({"GmailXlist", "* XLIST (\\HasNoChildren \\Inbox) \"/\" \"Inbox\"",
               ListData{false, {"\\HasNoChildren", "\\Inbox"}, '/', "INBOX"}});
  r.push_back({"Exists", "* 23 EXISTS", ExistsData{23}});
  r.push_back({"Recent", "* 5 recent", RecentData{5}});
  r.push_back({"Expunge", "* 3 EXPUNGE", ExpungeData{3}});
  r.push_back(
      {"Flags", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)",
       FlagsData{{"\\Answered", "\\Flagged", "\\Deleted", "\\Seen", "\\Draft", "$Forwarded"}}});
  r.push_back({"IdNil", "* ID NIL", IdData{}});
  r.push_back({"IdDovecot", "* ID (\"name\" \"Dovecot\")", IdData{{{{"name", "Dovecot"}}}}});
  r.push_back(
      {"IdGmail", "* ID (\"name\" \"GImap\" \"vendor\" \"Google, Inc.\" \"support-url\" NIL)",
       IdData{{{{"name", "GImap"}, {"vendor", "Google, Inc."}, {"support-url", std::nullopt}}}}});
  r.push_back({"Enabled", "* ENABLED CONDSTORE QRESYNC", EnabledData{{"CONDSTORE", "QRESYNC"}}});
  r.push_back({"EnabledNothing", "* ENABLED", EnabledData{}});
  r.push_back({"FetchKeptUnparsed", "* 12 FETCH (FLAGS (\\Seen) BODY[] {5}\r\nhello)",
               UnknownData{"FETCH", "* 12 FETCH (FLAGS (\\Seen) BODY[] {5}\r\nhello)"}});
  r.push_back({"SearchKeptUnparsed", "* SEARCH 2 3 6", UnknownData{"SEARCH", "* SEARCH 2 3 6"}});
  return r;
}

void PrintTo(const Row& row, std::ostream* os) {
  *os << row.name;
}

class ImapResponseParse : public ::testing::TestWithParam<Row> {};

TEST_P(ImapResponseParse, GivesTheTypedResponse) {
  const auto& row = GetParam();
  auto parsed = parse_response(row.raw);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, row.expected);
}

INSTANTIATE_TEST_SUITE_P(Rows, ImapResponseParse, ::testing::ValuesIn(rows()), RowName{});

TEST(ImapResponseCodes, EveryRfc5530CodeHasItsKind) {
  const std::vector<std::pair<std::string, CodeKind>> codes{
      {"AUTHORIZATIONFAILED", CodeKind::authorizationfailed},
      {"UNAVAILABLE", CodeKind::unavailable},
      {"EXPIRED", CodeKind::expired},
      {"PRIVACYREQUIRED", CodeKind::privacyrequired},
      {"CONTACTADMIN", CodeKind::contactadmin},
      {"NOPERM", CodeKind::noperm},
      {"INUSE", CodeKind::inuse},
      {"LIMIT", CodeKind::limit},
      {"OVERQUOTA", CodeKind::overquota},
      {"ALREADYEXISTS", CodeKind::alreadyexists},
      {"NONEXISTENT", CodeKind::nonexistent},
      {"alert", CodeKind::alert},
  };
  for (const auto& [name, kind] : codes) {
    auto parsed = parse_response("A1 NO [" + name + "] text");
    ASSERT_TRUE(parsed) << name;
    const auto& tagged = std::get<TaggedStatus>(*parsed);
    ASSERT_TRUE(tagged.status.code) << name;
    EXPECT_EQ(tagged.status.code->kind, kind) << name;
  }
}

std::vector<RejectedRow> bad_rows() {
  return {
      {"Empty", "", 0, "empty line"},
      {"NumberRunsIntoText", "* 12abc EXISTS", 4, "expected a space"},
      {"NumberTooBig", "* 99999999999 EXISTS", 2, "number out of range"},
      {"UnknownTaggedStatus", "A1 MAYBE done", 3, "OK, NO or BAD"},
      {"TaggedBye", "A1 BYE done", 3, "OK, NO or BAD"},
      {"UidNextNotANumber", "A1 OK [UIDNEXT abc] x", 15, "expected a number"},
      {"UnterminatedCode", "A1 OK [ALERT unterminated", 7, "']'"},
      {"UnterminatedQuoted", "* LIST (\\HasNoChildren) \"/\" \"unterminated", 41, "closing"},
      {"LongDelimiter", "* LIST () \"ab\" foo", 10, "one-character"},
      {"LiteralPastTheEnd", "* LIST () \"/\" {10}\r\nabc", 14, "literal longer"},
      {"IdWithoutValue", "* ID (\"name\")", 12, "expected a space"},
      {"FlagsUnclosed", "* FLAGS (\\Seen", 14, "expected a space"},
      {"LineBreakInText", "* OK hello {3}\r\nabc", 14, "line break"},
      {"CapabilityNotAtom", "* CAPABILITY IMAP4rev1 (bad)", 23, "an atom"},
      {"LineBreakInContinuation", "+ a{1}\r\nb", 6, "line break"},
      {"AppendUidZero", "A1 OK [APPENDUID 0 5] x", 17, "non-zero"},
      {"AppendUidStar", "A1 OK [APPENDUID 7 5:*] x", 21, "expected a number"},
      {"ExpungeZero", "* 0 EXPUNGE", 2, "non-zero"},
      {"BadEscape", "* LIST () \"/\" \"a\\x\"", 17, "after '\\'"},
      {"NulInQuoted", std::string("* LIST () \"/\" \"a\0b\"", 19), 16, "NUL"},
      {"TrailingGarbage", "* 4 EXISTS now", 10, "end of the response"},
      {"DeepNesting", "* LIST () \"/\" x " + std::string(40, '('), 48, "nested too deeply"},
      {"NoSpaceAfterStar", "*OK hi", 1, "space after '*'"},
  };
}

class ImapResponseReject : public ::testing::TestWithParam<RejectedRow> {};

TEST_P(ImapResponseReject, NamesTheOffset) {
  expect_rejected_as_row_says(parse_response(GetParam().raw), GetParam());
}

INSTANTIATE_TEST_SUITE_P(Rows, ImapResponseReject, ::testing::ValuesIn(bad_rows()), RowName{});

TEST(ImapResponseErrors, ExcerptEscapesControlBytes) {
  auto parsed = parse_response(std::string("* 1x\x1b[31m", 10));
  ASSERT_FALSE(parsed);
  EXPECT_EQ(parsed.error().message.find('\x1b'), std::string::npos);
  EXPECT_NE(parsed.error().message.find("\\x1B"), std::string::npos) << parsed.error().message;
}

}  // namespace
}  // namespace mailassist::imap
