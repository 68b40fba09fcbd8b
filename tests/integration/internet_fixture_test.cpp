// The local internet itself (tests/fixtures/internet): every check each scenario lists in
// env.json holds, through our own Resolver, HttpClient and TLS connections, so that a
// failing detection test means detection is wrong, not the environment.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <set>
#include <string>

#include "internet_environment.hpp"
#include "net/connect.hpp"
#include "net/http_client.hpp"
#include "net/line_reader.hpp"
#include "net/resolver.hpp"
#include "net/tls_context.hpp"

namespace mailassist::testing {
namespace {

using namespace std::chrono_literals;

const InternetEnvironment& env() {
  return InternetEnvironment::get();
}

Deadline soon() {
  return Deadline::after(10s);  // a safety net, never asserted on
}

class InternetFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    auto resolver = net::Resolver::create({{env().dns_server}});
    ASSERT_TRUE(resolver) << resolver.error().message;
    resolver_ = *resolver;
    // The test CA only: whatever verifies here verifies because of --ca-file.
    auto tls = net::TlsContext::create({env().ca_file.string(), false});
    ASSERT_TRUE(tls) << tls.error().message;
    tls_ = *tls;
    http_ = std::make_unique<net::HttpClient>(resolver_, tls_);
  }

  // Runs `check` for every check of kind `kind` ("http", "dns", "tls") of every scenario.
  template <typename Check>
  int for_each_check(const std::string& kind, Check check) {
    int count = 0;
    for (const auto& scenario : env().scenarios) {
      for (const auto& item : scenario.checks) {
        if (!item.contains(kind)) continue;
        SCOPED_TRACE(scenario.name + ": " + item.dump());
        check(item.at(kind));
        ++count;
      }
    }
    return count;
  }

  std::vector<std::string> dns_answers(const std::string& type, const std::string& name,
                                       Error& error) {
    std::vector<std::string> answers;
    if (type == "A") {
      auto result = resolver_->resolve_host(name, soon());
      if (!result) error = result.error();
      if (result) answers = *result;
    } else if (type == "MX") {
      auto result = resolver_->lookup_mx(name, soon());
      if (!result) error = result.error();
      if (result) {
        for (const auto& mx : *result)
          answers.push_back(std::to_string(mx.preference) + " " + mx.host);
      }
    } else if (type == "SRV") {
      auto result = resolver_->lookup_srv(name, soon());
      if (!result) error = result.error();
      if (result) {
        for (const auto& srv : *result) {
          answers.push_back(std::to_string(srv.priority) + " " + std::to_string(srv.weight) + " " +
                            std::to_string(srv.port) + " " + srv.target);
        }
      }
    } else {
      ADD_FAILURE() << "unknown record type " << type;
    }
    return answers;
  }

  std::shared_ptr<net::Resolver> resolver_;
  std::shared_ptr<const net::TlsContext> tls_;
  std::unique_ptr<net::HttpClient> http_;
};

TEST_F(InternetFixture, CoversEveryCaseOfTheDetectionIssue) {
  std::set<std::string> covered;
  std::set<std::string> names;
  for (const auto& scenario : env().scenarios) {
    covered.insert(scenario.covers);
    EXPECT_TRUE(names.insert(scenario.name).second) << "duplicate scenario " << scenario.name;
    EXPECT_FALSE(scenario.checks.empty()) << scenario.name << " checks nothing";
    EXPECT_EQ(scenario.email, "alice@" + scenario.domain);
  }
  for (char letter = 'a'; letter <= 'n'; ++letter) {
    EXPECT_TRUE(covered.count(std::string(1, letter))) << "no scenario covers (" << letter << ")";
  }
  EXPECT_FALSE(env().scenario("nxdomain").best.has_value());
  EXPECT_EQ(env().scenario("srv").best->servers.size(), 3u);
}

TEST_F(InternetFixture, EveryDnsCheckAnswers) {
  const int checked = for_each_check("dns", [this](const nlohmann::json& check) {
    Error error;
    const auto answers = dns_answers(check.at("type"), check.at("name"), error);
    if (check.contains("error")) {
      EXPECT_TRUE(answers.empty());
      EXPECT_EQ(to_string(error.kind), check.at("error").get<std::string>()) << error.message;
    } else {
      EXPECT_TRUE(error.message.empty()) << error.message;
      EXPECT_EQ(answers, check.at("answers").get<std::vector<std::string>>());
    }
  });
  EXPECT_GT(checked, 10);
}

TEST_F(InternetFixture, EveryHttpCheckAnswers) {
  const int checked = for_each_check("http", [this](const nlohmann::json& check) {
    net::HttpRequest request;
    request.url = check.at("url");
    request.method = check.at("method");
    if (request.method == "POST") {
      request.content_type = "text/xml";
      request.body = "<Autodiscover/>";
    }
    net::HttpLimits limits;
    limits.allow_http = check.value("allow_http", false) || request.url.rfind("http://", 0) == 0;
    const bool fails = check.contains("error");
    // A server that never answers is proven by a short deadline running out.
    auto response = http_->fetch(request, limits, fails ? Deadline::after(1s) : soon());
    if (fails) {
      ASSERT_FALSE(response) << "status " << response->status;
      EXPECT_EQ(to_string(response.error().kind), check.at("error").get<std::string>())
          << response.error().message;
      return;
    }
    ASSERT_TRUE(response) << response.error().message;
    EXPECT_EQ(response->status, check.at("status").get<long>());
    EXPECT_NE(response->body.find(check.at("contains").get<std::string>()), std::string::npos)
        << response->body.substr(0, 500);
  });
  EXPECT_GT(checked, 15);
}

TEST_F(InternetFixture, EveryTlsCheckHolds) {
  const int checked = for_each_check("tls", [this](const nlohmann::json& check) {
    net::ConnectOptions options;
    options.encryption = net::Encryption::implicit_tls;
    options.tls = tls_;
    options.resolver = resolver_;
    const net::Endpoint endpoint{check.at("host"), check.at("port").get<std::uint16_t>()};
    auto stream = net::connect(endpoint, options, soon());
    const std::string result = stream ? "ok" : std::string(to_string(stream.error().kind));
    EXPECT_EQ(result, check.at("result").get<std::string>())
        << (stream ? "" : stream.error().message);
  });
  EXPECT_GT(checked, 5);
}

// Verification logs in as alice@DOMAIN: the scenario's user exists on the local Dovecot.
TEST_F(InternetFixture, ScenarioUsersCanLogIn) {
  for (const std::string name : {"isp-autoconfig", "srv", "guess"}) {
    const auto& scenario = env().scenario(name);
    SCOPED_TRACE(scenario.email);
    const auto& imap = scenario.best->servers.front();
    ASSERT_EQ(imap.protocol, "imap");
    net::ConnectOptions options;
    options.encryption = net::Encryption::implicit_tls;
    options.tls = tls_;
    options.resolver = resolver_;
    auto stream = net::connect({imap.host, static_cast<std::uint16_t>(imap.port)}, options, soon());
    ASSERT_TRUE(stream) << stream.error().message;
    net::LineReader reader(std::move(*stream));
    auto greeting = reader.read_line(soon());
    ASSERT_TRUE(greeting) << greeting.error().message;
    ASSERT_TRUE(
        reader.write_all("a LOGIN " + scenario.email + " " + scenario.password + "\r\n", soon()));
    std::string line;
    do {
      auto next = reader.read_line(soon());
      ASSERT_TRUE(next) << next.error().message;
      line = *next;
    } while (line.rfind("a ", 0) != 0);
    EXPECT_EQ(line.rfind("a OK", 0), 0u) << line;
  }
}

}  // namespace
}  // namespace mailassist::testing
