#include "autoconfig/verify.hpp"

#include <gtest/gtest.h>

namespace mailassist::autoconfig {
namespace {

ServerConfig server_with(const std::string& username_template) {
  ServerConfig server;
  server.username = username_template;
  return server;
}

TEST(VerifyUsernames, TheTemplateFirstThenTheOtherCommonForm) {
  EXPECT_EQ(username_candidates(server_with("%EMAILADDRESS%"), "alice@example.test"),
            (std::vector<std::string>{"alice@example.test", "alice"}));
  EXPECT_EQ(username_candidates(server_with("%EMAILLOCALPART%"), "alice@example.test"),
            (std::vector<std::string>{"alice", "alice@example.test"}));
  EXPECT_EQ(username_candidates(server_with("mailbox-17"), "alice@example.test"),
            (std::vector<std::string>{"mailbox-17", "alice@example.test", "alice"}));
}

TEST(Verification, NothingTriedMeansNothingVerified) {
  Verification v;
  EXPECT_FALSE(v.verified_config());
  ConfigVerification c;
  c.config_index = 2;
  v.configs.push_back(c);
  EXPECT_FALSE(v.verified_config());  // no attempts at all is not "ok"
}

}  // namespace
}  // namespace mailassist::autoconfig
