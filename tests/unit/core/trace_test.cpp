#include "core/trace.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace mailassist {
namespace {

TEST(Trace, RedactsRegisteredSecretsEverywhere) {
  std::vector<std::string> lines;
  Trace trace([&](std::string_view line) { lines.emplace_back(line); });
  trace.add_secret("hunter22");
  trace.sent("A1 LOGIN alice hunter22");
  trace.received("echo hunter22 and hunter22 again");
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0], "C: A1 LOGIN alice <redacted>");
  EXPECT_EQ(lines[1], "S: echo <redacted> and <redacted> again");
}

TEST(Trace, IgnoresSecretsTooShortToRedactSafely) {
  Trace trace([](std::string_view) {});
  trace.add_secret("OK");
  EXPECT_EQ(trace.redact("A1 OK done"), "A1 OK done");
}

TEST(Trace, NeutralisesControlCharactersAndLongLines) {
  std::vector<std::string> lines;
  Trace trace([&](std::string_view line) { lines.emplace_back(line); });
  trace.received("\x1b[2Jcleared\r\n");
  trace.received(std::string(5000, 'x'));
  EXPECT_EQ(lines[0], "S: .[2Jcleared");
  EXPECT_LT(lines[1].size(), 600u);
  EXPECT_NE(lines[1].find("(5000 bytes)"), std::string::npos);
}

TEST(Trace, DisabledTraceDropsLines) {
  Trace trace;
  EXPECT_FALSE(trace.enabled());
  trace.sent("nothing happens");
}

}  // namespace
}  // namespace mailassist
