// The process runner every CLI test stands on: stdin delivered, streams kept apart,
// exit codes and signals told apart, and a hung program killed at its timeout.
#include "subprocess.hpp"

#include <gtest/gtest.h>

namespace mailassist::testing {
namespace {

using namespace std::chrono_literals;

TEST(Subprocess, StdinReachesTheProgramAndStdoutComesBack) {
  const auto run = run_process({"/bin/cat"}, "p@ss \"w\xc3\xb6rd\" \\ {3}\n", 10s);
  EXPECT_EQ(run.exit_code, 0) << describe(run);
  EXPECT_EQ(run.out, "p@ss \"w\xc3\xb6rd\" \\ {3}\n");
  EXPECT_GT(run.max_rss_kb, 0);
}

TEST(Subprocess, StderrAndExitCodeAreKeptApart) {
  const auto run = run_process({"/bin/sh", "-c", "echo out; echo err >&2; exit 3"}, "", 10s);
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_EQ(run.out, "out\n");
  EXPECT_EQ(run.err, "err\n");
}

TEST(Subprocess, ProgramThatIgnoresStdinDoesNotBlockUs) {
  const auto run = run_process({"/bin/true"}, std::string(1 << 20, 'x'), 10s);
  EXPECT_EQ(run.exit_code, 0) << describe(run);
}

TEST(Subprocess, HungProgramIsKilledAtTheTimeout) {
  const auto run = run_process({"/bin/sleep", "600"}, "", 300ms);
  EXPECT_TRUE(run.timed_out);
  EXPECT_EQ(run.signal, 9);
  EXPECT_EQ(run.exit_code, -1);
}

TEST(Subprocess, MissingProgramExits127) {
  const auto run = run_process({"/nonexistent/program"}, "", 10s);
  EXPECT_EQ(run.exit_code, 127);
}

}  // namespace
}  // namespace mailassist::testing
