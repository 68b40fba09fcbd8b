#include "migrate/folder_split.hpp"

#include <gtest/gtest.h>

namespace mailassist::migrate {
namespace {

TEST(FolderSplit, RangesCoverTheFolderOnceAndTheLastRunsToItsEnd) {
  EXPECT_EQ(split_positions(300, 3),
            (std::vector<PositionRange>{{0, 100}, {100, 200}, {200, UINT64_MAX}}));
  EXPECT_EQ(split_positions(1000, 4),
            (std::vector<PositionRange>{{0, 250}, {250, 500}, {500, 750}, {750, UINT64_MAX}}));
  // Uneven: sizes differ by at most one.
  EXPECT_EQ(split_positions(200, 3),
            (std::vector<PositionRange>{{0, 66}, {66, 133}, {133, UINT64_MAX}}));
}

TEST(FolderSplit, SmallFoldersAndOneConnectionAreNotSplit) {
  const std::vector<PositionRange> whole{{0, UINT64_MAX}};
  EXPECT_EQ(split_positions(1000, 1), whole);
  EXPECT_EQ(split_positions(1000, 0), whole);
  EXPECT_EQ(split_positions(0, 4), whole);
  EXPECT_EQ(split_positions(100, 4), whole);  // under 2 x 64
  EXPECT_EQ(split_positions(128, 4).size(), 2u);
  EXPECT_EQ(split_positions(100, 4, 10).size(), 4u);
}

}  // namespace
}  // namespace mailassist::migrate
