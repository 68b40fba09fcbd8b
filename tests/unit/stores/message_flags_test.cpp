#include "migrate/stores/message_flags.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "migrate/stores/mbox_store.hpp"
#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;

MessageEnvelope flags_of(std::vector<std::string> header_lines) {
  HeaderFields headers;
  for (const auto& line : header_lines) headers.add(LinePiece{line, 0, true, true, 1});
  MessageEnvelope message;
  apply_header_flags(headers, message);
  return message;
}

TEST(MozillaStatus, EachBitBecomesItsFlag) {
  EXPECT_THAT(flags_of({"X-Mozilla-Status: 0001"}).flags, ElementsAre("\\Seen"));
  EXPECT_THAT(flags_of({"X-Mozilla-Status: 0002"}).flags, ElementsAre("\\Answered"));
  EXPECT_THAT(flags_of({"X-Mozilla-Status: 0004"}).flags, ElementsAre("\\Flagged"));
  EXPECT_THAT(flags_of({"X-Mozilla-Status: 1000"}).flags, ElementsAre("$Forwarded"));
  EXPECT_THAT(flags_of({"X-Mozilla-Status: 1007"}).flags,
              UnorderedElementsAre("\\Seen", "\\Answered", "\\Flagged", "$Forwarded"));
  EXPECT_THAT(flags_of({"X-Mozilla-Status: 0000"}).flags, IsEmpty());
}

TEST(MozillaStatus, ExpungedMarksTheMessageDeleted) {
  auto m = flags_of({"X-Mozilla-Status: 0009"});
  EXPECT_TRUE(m.deleted);
  EXPECT_THAT(m.flags, ElementsAre("\\Seen"));
  EXPECT_FALSE(flags_of({"X-Mozilla-Status: 0001"}).deleted);
}

TEST(MozillaStatus, Status2NewIsIgnoredAndBadHexIsNoFlags) {
  EXPECT_THAT(flags_of({"X-Mozilla-Status: 0000", "X-Mozilla-Status2: 00010000"}).flags, IsEmpty());
  auto bad = flags_of({"X-Mozilla-Status: zz01"});
  EXPECT_THAT(bad.flags, IsEmpty());
  EXPECT_FALSE(bad.deleted);
}

TEST(MozillaKeys, TagsBecomeKeywordsAndInvalidOnesAreDropped) {
  auto m = flags_of({"X-Mozilla-Status: 0001",
                     "X-Mozilla-Keys: $label1 $label5 kerja  bad\\tag (paren) t%x caf\xc3\xa9"
                     "                                        "});
  EXPECT_THAT(m.flags, ElementsAre("\\Seen", "$label1", "$label5", "kerja"));
}

TEST(MozillaKeys, AFoldedKeysHeaderIsUnfolded) {
  auto m = flags_of({"X-Mozilla-Keys: one", " two"});
  EXPECT_THAT(m.flags, ElementsAre("one", "two"));
}

TEST(MboxStatus, MuttStatusHeadersAreUsedWithoutMozillaHeaders) {
  auto m = flags_of({"Status: RO", "X-Status: AFT"});
  EXPECT_THAT(m.flags, ElementsAre("\\Seen", "\\Answered", "\\Flagged", "\\Draft"));
  EXPECT_TRUE(flags_of({"Status: O", "X-Status: D"}).deleted);
  // Thunderbird's header wins when both are there.
  EXPECT_THAT(flags_of({"Status: R", "X-Mozilla-Status: 0004"}).flags, ElementsAre("\\Flagged"));
}

TEST(Keywords, AreImapAtomsNotStartingWithABackslash) {
  EXPECT_TRUE(is_valid_keyword("$Forwarded"));
  EXPECT_TRUE(is_valid_keyword("$label3"));
  EXPECT_FALSE(is_valid_keyword(""));
  EXPECT_FALSE(is_valid_keyword("\\Seen"));
  EXPECT_FALSE(is_valid_keyword("a]b"));
  EXPECT_FALSE(is_valid_keyword("a*b"));
  EXPECT_FALSE(is_valid_keyword("\x7f"));
}

TEST(MozillaStatus, FlagsReachTheEnvelopeThroughAnMboxScanAndTheHeadersStay) {
  testing::TempDir dir;
  auto file = dir.write("Inbox",
                        "From - Thu Nov 26 22:33:05 2026\n"
                        "X-Mozilla-Status: 0001\n"
                        "X-Mozilla-Status2: 00000000\n"
                        "X-Mozilla-Keys: $label1                    \n"
                        "Subject: live\n"
                        "\n"
                        "a\n"
                        "\n"
                        "From - Thu Nov 26 22:34:05 2026\n"
                        "X-Mozilla-Status: 0009\n"
                        "Subject: expunged\n"
                        "\n"
                        "b\n");
  auto store = make_mbox_file_store(file);
  auto folder = store->folders(CancelToken{})->front();
  auto scanned = testing::scan_all(*store, folder);
  ASSERT_EQ(scanned.messages.size(), 2u);
  EXPECT_THAT(scanned.messages[0].flags, ElementsAre("\\Seen", "$label1"));
  EXPECT_FALSE(scanned.messages[0].deleted);
  EXPECT_TRUE(scanned.messages[1].deleted);
  EXPECT_EQ(testing::read_message(*store, folder, scanned.messages[0]),
            "X-Mozilla-Status: 0001\r\nX-Mozilla-Status2: 00000000\r\n"
            "X-Mozilla-Keys: $label1                    \r\nSubject: live\r\n\r\na\r\n");
}

}  // namespace
}  // namespace mailassist::migrate
