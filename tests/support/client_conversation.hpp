#pragma once
// A protocol client (ImapClient, Pop3Client, SmtpClient...) wired to a ScriptedStream,
// with its trace collected, for conversation tests:
//
//   ClientConversation<SmtpClient, SmtpOptions> c({{Step::server, "220 ready\r\n"}, ...});
//   ASSERT_TRUE(c.client->greet(Deadline::never()));
//
// `encrypted` starts the stream as implicit TLS (the script gets a leading starttls step).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/trace.hpp"
#include "protocols/sasl/sasl.hpp"
#include "tests/support/scripted_stream.hpp"

namespace mailassist::testing {

template <typename Client, typename Options>
struct ClientConversation {
  explicit ClientConversation(std::vector<Step> script, bool encrypted = true, Options options = {})
      : trace([this](std::string_view line) { lines.emplace_back(line); }) {
    if (encrypted) script.insert(script.begin(), Step{Step::starttls, ""});
    auto owned = std::make_unique<ScriptedStream>(std::move(script));
    stream = owned.get();
    if (encrypted) (void)owned->start_tls(Deadline::never());
    client = std::make_unique<Client>(std::move(owned), trace, std::move(options));
  }

  Result<void> login(const std::string& username, const std::string& password) {
    sasl::Credentials credentials;
    credentials.username = username;
    credentials.password = password;
    return client->login(credentials, {}, Deadline::never());
  }

  bool trace_mentions(std::string_view secret) const {
    for (const auto& line : lines)
      if (line.find(secret) != std::string::npos) return true;
    return false;
  }

  std::vector<std::string> lines;
  Trace trace;
  ScriptedStream* stream = nullptr;
  std::unique_ptr<Client> client;
};

}  // namespace mailassist::testing
