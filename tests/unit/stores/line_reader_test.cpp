#include "migrate/stores/line_reader.hpp"

#include <gtest/gtest.h>

#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using testing::TempDir;

struct Seen {
  std::string text;
  bool line_start;
  bool line_end;
  int terminator;
  std::uint64_t offset;
  bool operator==(const Seen&) const = default;
};

std::vector<Seen> pieces(const std::filesystem::path& file, std::size_t buffer,
                         std::uint64_t begin = 0, std::uint64_t end = UINT64_MAX) {
  auto lines = LineReader::open(file, begin, end, buffer);
  EXPECT_TRUE(lines);
  std::vector<Seen> out;
  LinePiece p;
  while (true) {
    auto got = lines->next(p);
    EXPECT_TRUE(got);
    if (!got || !*got) break;
    out.push_back({std::string(p.text), p.line_start, p.line_end, p.terminator, p.offset});
  }
  return out;
}

TEST(LineReader, AcceptsCrlfLfAndLoneCrAsLineEnds) {
  TempDir dir;
  auto file = dir.write("f", "a\r\nbb\ncc\rd");
  EXPECT_EQ(pieces(file, 64), (std::vector<Seen>{{"a", true, true, 2, 0},
                                                 {"bb", true, true, 1, 3},
                                                 {"cc", true, true, 1, 6},
                                                 {"d", true, false, 0, 9}}));
}

TEST(LineReader, SplitsALineLongerThanTheBufferIntoPieces) {
  TempDir dir;
  auto file = dir.write("f", std::string(40, 'x') + "\nend\n");
  auto got = pieces(file, 16);
  ASSERT_EQ(got.size(), 4u);
  EXPECT_EQ(got[0], (Seen{std::string(16, 'x'), true, false, 0, 0}));
  EXPECT_EQ(got[1], (Seen{std::string(16, 'x'), false, false, 0, 16}));
  EXPECT_EQ(got[2], (Seen{std::string(8, 'x'), false, true, 1, 32}));
  EXPECT_EQ(got[3], (Seen{"end", true, true, 1, 41}));
}

TEST(LineReader, KeepsCrlfTogetherAcrossARefill) {
  TempDir dir;
  // The CR of the first line is the 16th byte: the buffer must be refilled to see the LF.
  auto file = dir.write("f", "0123456789abcd\r\nnext\r\n");
  auto got = pieces(file, 16);
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0], (Seen{"0123456789abcd", true, true, 2, 0}));
  EXPECT_EQ(got[1], (Seen{"next", true, true, 2, 16}));
}

TEST(LineReader, ACrAtTheEndOfAFullBufferIsStillOneCrlf) {
  TempDir dir;
  auto file = dir.write("f", std::string(15, 'y') + "\r\nz\r\n");
  auto got = pieces(file, 16);
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[0], (Seen{std::string(15, 'y'), true, false, 0, 0}));
  EXPECT_EQ(got[1], (Seen{"", false, true, 2, 15}));
  EXPECT_EQ(got[2], (Seen{"z", true, true, 2, 17}));
}

TEST(LineReader, ReadsOnlyTheRangeAsked) {
  TempDir dir;
  auto file = dir.write("f", "one\ntwo\nthree\n");
  EXPECT_EQ(pieces(file, 64, 4, 8), (std::vector<Seen>{{"two", true, true, 1, 4}}));
}

TEST(LineReader, AMissingFileIsAnIoError) {
  TempDir dir;
  auto lines = LineReader::open(dir / "missing");
  ASSERT_FALSE(lines);
  EXPECT_EQ(lines.error().kind, ErrorKind::io_error);
}

}  // namespace
}  // namespace mailassist::migrate
