#include "core/random_uuid.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <set>

namespace mailassist {
namespace {

TEST(RandomUuid, HasTheVersion4LayoutInUpperCase) {
  // RFC 9562 section 5.4: version nibble 4, variant bits 10 (8, 9, A or B).
  const std::regex layout("^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$");
  for (int i = 0; i < 64; ++i) {
    auto uuid = random_uuid();
    EXPECT_TRUE(std::regex_match(uuid, layout)) << uuid;
  }
}

TEST(RandomUuid, NeverRepeats) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) EXPECT_TRUE(seen.insert(random_uuid()).second);
}

}  // namespace
}  // namespace mailassist
