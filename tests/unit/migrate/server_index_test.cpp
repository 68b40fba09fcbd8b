#include "migrate/server_index.hpp"

#include <gtest/gtest.h>

namespace mailassist::migrate {
namespace {

using std::chrono::sys_days;
using namespace std::chrono_literals;

MessageEnvelope envelope(std::string id, std::uint64_t size,
                         std::optional<std::chrono::sys_seconds> date = std::nullopt) {
  MessageEnvelope e;
  e.message_id = std::move(id);
  e.size = size;
  if (date) e.date = imap::InternalDate{*date, 420min};
  return e;
}

TEST(ServerIndex, DuplicateRuleClaimsEachServerMessageOnce) {
  auto day = sys_days(std::chrono::year(2024) / 2 / 1) + 0s;
  // The server shows the instant in its own zone: the same instant still matches.
  imap::InternalDate shown{day, 0min};
  ServerIndex index({{1, 100, shown, "<a@x>"},
                     {2, 100, shown, "<a@x>"},
                     {3, 200, shown, "<b@x>"},
                     {4, 50, shown, ""}});
  // Same id, size and date: claimed, once per server copy.
  EXPECT_EQ(index.claim(envelope("<a@x>", 100, day)), 1u);
  EXPECT_EQ(index.claim(envelope("<a@x>", 100, day)), 2u);
  EXPECT_FALSE(index.claim(envelope("<a@x>", 100, day)));
  // Shared Message-ID, different size or date: a different message.
  EXPECT_FALSE(index.claim(envelope("<b@x>", 201, day)));
  EXPECT_FALSE(index.claim(envelope("<b@x>", 200, day + 1s)));
  // No date in the source: id and size decide.
  EXPECT_EQ(index.claim(envelope("<b@x>", 200)), 3u);
  // No Message-ID on either side.
  EXPECT_EQ(index.claim(envelope("", 50, day)), 4u);
  ServerIndex by_uid({{9, 1, shown, "<c@x>"}});
  EXPECT_TRUE(by_uid.claim_uid(9));
  EXPECT_FALSE(by_uid.claim(envelope("<c@x>", 1)));
  EXPECT_FALSE(by_uid.claim_uid(10));
}

TEST(ServerIndex, SameKeyCountsOnlyWithTheSameContent) {
  auto day = sys_days(std::chrono::year(2024) / 2 / 1) + 0s;
  imap::InternalDate shown{day, 0min};
  // Three server messages with one key; only UID 2 has the source's bytes.
  ServerIndex index({{1, 100, shown, "<a@x>"}, {2, 100, shown, "<a@x>"}, {3, 100, shown, "<a@x>"}});
  EXPECT_EQ(index.candidates(envelope("<a@x>", 100, day)), (std::vector<std::uint32_t>{1, 2, 3}));
  auto only_two = [](std::uint32_t uid) { return uid == 2; };
  EXPECT_EQ(index.claim_equal(envelope("<a@x>", 100, day), only_two), 2u);
  // Claimed once: a second copy of the same bytes is not there.
  EXPECT_FALSE(index.claim_equal(envelope("<a@x>", 100, day), only_two));
  EXPECT_EQ(index.candidates(envelope("<a@x>", 100, day)), (std::vector<std::uint32_t>{1, 3}));
  // Content is only asked of candidates by key.
  bool asked = false;
  EXPECT_FALSE(index.claim_equal(envelope("<a@x>", 101, day), [&](std::uint32_t) {
    asked = true;
    return true;
  }));
  EXPECT_FALSE(asked);
  EXPECT_TRUE(index.has_uid(3));
  EXPECT_FALSE(index.has_uid(4));
}

}  // namespace
}  // namespace mailassist::migrate
