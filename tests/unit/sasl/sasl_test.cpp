#include "protocols/sasl/sasl.hpp"

#include <gtest/gtest.h>

#include "core/base64.hpp"

namespace mailassist::sasl {
namespace {

Credentials password_credentials() {
  Credentials c;
  c.username = "alice@example.test";
  c.password = "s3cret!";
  return c;
}

TEST(Sasl, PlainInitialResponseFollowsRfc4616) {
  Exchange e(Mechanism::plain, password_credentials());
  auto ir = e.initial_response();
  ASSERT_TRUE(ir);
  EXPECT_EQ(*base64_decode(*ir), std::string("\0alice@example.test\0s3cret!", 27));
}

TEST(Sasl, PlainAnswersAnEmptyChallengeWithTheInitialResponse) {
  Exchange e(Mechanism::plain, password_credentials());
  auto reply = e.respond("");
  ASSERT_TRUE(reply);
  EXPECT_EQ(*reply, *e.initial_response());
}

TEST(Sasl, LoginSendsUsernameThenPassword) {
  Exchange e(Mechanism::login, password_credentials());
  EXPECT_FALSE(e.initial_response());
  EXPECT_EQ(*base64_decode(*e.respond(base64_encode("Username:"))), "alice@example.test");
  EXPECT_EQ(*base64_decode(*e.respond(base64_encode("Password:"))), "s3cret!");
  EXPECT_FALSE(e.respond(base64_encode("More?")));
}

TEST(Sasl, Xoauth2FormatAndErrorReply) {
  auto c = password_credentials();
  c.oauth_token = "ya29.token";
  Exchange e(Mechanism::xoauth2, c);
  EXPECT_EQ(*base64_decode(*e.initial_response()),
            "user=alice@example.test\x01"
            "auth=Bearer ya29.token\x01\x01");
  auto reply = e.respond(base64_encode(R"({"status":"401"})"));
  ASSERT_TRUE(reply);
  EXPECT_EQ(*reply, "");
  EXPECT_EQ(e.last_challenge(), R"({"status":"401"})");
}

TEST(Sasl, OauthbearerFollowsRfc7628) {
  auto c = password_credentials();
  c.oauth_token = "tok";
  c.host = "imap.example.test";
  c.port = 993;
  Exchange e(Mechanism::oauthbearer, c);
  EXPECT_EQ(*base64_decode(*e.initial_response()),
            "n,a=alice@example.test,\x01host=imap.example.test\x01port=993\x01"
            "auth=Bearer tok\x01\x01");
  EXPECT_EQ(*base64_decode(*e.respond(base64_encode("{}"))), "\x01");
}

TEST(Sasl, RejectsAChallengeThatIsNotBase64) {
  Exchange e(Mechanism::login, password_credentials());
  auto reply = e.respond("not base64!");
  ASSERT_FALSE(reply);
  EXPECT_EQ(reply.error().kind, ErrorKind::protocol_error);
}

TEST(Sasl, ChoosesTheStrongestCommonMechanism) {
  auto c = password_credentials();
  EXPECT_EQ(choose_mechanism({"LOGIN", "plain"}, c), Mechanism::plain);
  EXPECT_EQ(choose_mechanism({"LOGIN"}, c), Mechanism::login);
  EXPECT_EQ(choose_mechanism({"XOAUTH2"}, c), std::nullopt);
  c.oauth_token = "t";
  EXPECT_EQ(choose_mechanism({"PLAIN", "XOAUTH2", "OAUTHBEARER"}, c), Mechanism::oauthbearer);
  EXPECT_EQ(choose_mechanism({"PLAIN"}, c), std::nullopt);
}

TEST(Sasl, ListsEverySecretForRedaction) {
  Exchange e(Mechanism::plain, password_credentials());
  auto secrets = e.secrets();
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), "s3cret!"), secrets.end());
  EXPECT_NE(std::find(secrets.begin(), secrets.end(), *e.initial_response()), secrets.end());
}

TEST(Sasl, ParsesMechanismNamesCaseInsensitively) {
  EXPECT_EQ(parse_mechanism("xoauth2"), Mechanism::xoauth2);
  EXPECT_EQ(parse_mechanism("CRAM-MD5"), std::nullopt);
}

}  // namespace
}  // namespace mailassist::sasl
