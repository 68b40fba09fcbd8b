#include "migrate/journal.hpp"

#include <gtest/gtest.h>

#include <fstream>
#include <random>

namespace mailassist::migrate {
namespace {

namespace fs = std::filesystem;

class JournalTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = fs::temp_directory_path() / ("journal-test-" + std::to_string(rd()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  static JournalEntry entry(std::string key, std::optional<std::uint32_t> uid = std::nullopt) {
    JournalEntry e;
    e.key = {"Thunderbird profile x", "Kerja & Proyek/Tokó", std::move(key), 1234};
    e.mailbox = "Kerja & Proyek/Tokó";
    if (uid) {
      e.uid_validity = 77;
      e.uid = uid;
    }
    return e;
  }
  std::string contents() const {
    std::ifstream in(dir_ / "journal", std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
  }
  fs::path dir_;
};

TEST_F(JournalTest, RecordRoundTripsEvenWithTabsNewlinesAndPercent) {
  auto e = entry("odd\tkey\n%41", 9);
  auto line = format_journal_record(e);
  ASSERT_EQ(line.back(), '\n');
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
  auto back = parse_journal_record(line);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->key, e.key);
  EXPECT_EQ(back->uid, 9u);
  EXPECT_EQ(back->uid_validity, 77u);
  // Any flipped byte fails the checksum.
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    auto bad = line;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_FALSE(parse_journal_record(bad)) << i;
  }
  EXPECT_FALSE(parse_journal_record(""));
  EXPECT_FALSE(parse_journal_record("0000000000000000 \t\t\t\t\t\t"));
}

TEST_F(JournalTest, ReplaysWhatWasRecorded) {
  {
    auto j = Journal::open(dir_);
    ASSERT_TRUE(j);
    ASSERT_TRUE((*j)->record({entry("a", 1), entry("b")}));
    ASSERT_TRUE((*j)->record({entry("c", 3)}));
  }
  auto j = Journal::open(dir_);
  ASSERT_TRUE(j);
  EXPECT_EQ((*j)->size(), 3u);
  EXPECT_EQ((*j)->replay().dropped, 0u);
  ASSERT_TRUE((*j)->find(entry("b").key));
  EXPECT_FALSE((*j)->find(entry("b").key)->uid);
  EXPECT_EQ((*j)->find(entry("c").key)->uid, 3u);
  EXPECT_FALSE((*j)->find(entry("d").key));
  auto other_size = entry("a").key;
  other_size.size = 1235;
  EXPECT_FALSE((*j)->find(other_size)) << "a changed message is not the one uploaded";
}

TEST_F(JournalTest, TornTailIsDroppedAndCutBeforeNewRecords) {
  {
    auto j = Journal::open(dir_);
    ASSERT_TRUE(j);
    ASSERT_TRUE((*j)->record({entry("a", 1), entry("b", 2)}));
  }
  // kill -9 in the middle of writing a record: half a line at the end.
  auto torn = format_journal_record(entry("c", 3));
  {
    std::ofstream out(dir_ / "journal", std::ios::binary | std::ios::app);
    out << torn.substr(0, torn.size() / 2);
  }
  {
    auto j = Journal::open(dir_);
    ASSERT_TRUE(j);
    EXPECT_EQ((*j)->replay().records, 2u);
    EXPECT_EQ((*j)->replay().dropped, 1u);
    EXPECT_FALSE((*j)->find(entry("c").key));
    ASSERT_TRUE((*j)->record({entry("d", 4)}));
  }
  auto j = Journal::open(dir_);
  ASSERT_TRUE(j);
  EXPECT_EQ((*j)->replay().dropped, 0u) << "the torn bytes were cut, not glued to a record";
  EXPECT_EQ((*j)->size(), 3u);
  EXPECT_TRUE((*j)->find(entry("d").key));
}

TEST_F(JournalTest, CorruptMiddleRecordIsSkippedAndDuplicatesCompacted) {
  {
    auto j = Journal::open(dir_);
    ASSERT_TRUE(j);
    ASSERT_TRUE((*j)->record({entry("a", 1)}));
    ASSERT_TRUE((*j)->record({entry("a", 1)}));
    ASSERT_TRUE((*j)->record({entry("b", 2)}));
  }
  auto text = contents();
  auto second_line = text.find('\n') + 1;
  text[second_line + 3] = text[second_line + 3] == 'f' ? 'e' : 'f';
  {
    std::ofstream out(dir_ / "journal", std::ios::binary | std::ios::trunc);
    out << text;
  }
  {
    auto j = Journal::open(dir_);
    ASSERT_TRUE(j);
    EXPECT_EQ((*j)->replay().dropped, 1u);
    EXPECT_EQ((*j)->size(), 2u);
  }
  auto compacted = contents();
  EXPECT_EQ(std::count(compacted.begin(), compacted.end(), '\n'), 2);
  EXPECT_FALSE(fs::exists(dir_ / "journal.new"));
}

TEST_F(JournalTest, OneRunAtATimePerStateDirectory) {
  auto first = Journal::open(dir_);
  ASSERT_TRUE(first);
  auto second = Journal::open(dir_);
  ASSERT_FALSE(second);
  EXPECT_NE(second.error().message.find("another migration"), std::string::npos);
  first->reset();
  EXPECT_TRUE(Journal::open(dir_)) << "the lock goes with the journal";
}

TEST_F(JournalTest, CreatesItsDirectory) {
  auto j = Journal::open(dir_ / "deeper" / "still");
  ASSERT_TRUE(j);
  EXPECT_TRUE(fs::exists(dir_ / "deeper" / "still" / "journal"));
}

}  // namespace
}  // namespace mailassist::migrate
