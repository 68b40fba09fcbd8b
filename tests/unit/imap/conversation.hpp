#pragma once
// A client talking to a ScriptedStream, with the trace collected: the fixture of the
// conversation tests (curl-style: server replies and the exact client transcript).
#include <memory>
#include <string>
#include <vector>

#include "core/trace.hpp"
#include "protocols/imap/client.hpp"
#include "tests/support/scripted_stream.hpp"

namespace mailassist::imap {

using mailassist::testing::ScriptedStream;
using mailassist::testing::Step;

class Conversation {
 public:
  // Small reads by default, so responses arrive split at awkward places.
  explicit Conversation(std::vector<Step> script, ClientOptions options = {},
                        std::size_t max_read = 7)
      : trace([this](std::string_view line) { lines.emplace_back(line); }) {
    auto owned = std::make_unique<ScriptedStream>(std::move(script), max_read);
    stream = owned.get();
    client = std::make_unique<ImapClient>(std::move(owned), trace, options);
  }

  // True once every scripted step happened: the client wrote all it should and read all
  // the server said (ScriptedStream::finished() only notices the latter on the next read).
  bool script_done() {
    char byte = 0;
    auto got = stream->read_some(std::span<char>(&byte, 1), Deadline::never());
    return stream->mismatches().empty() && got && *got == 0;
  }

  std::string traced() const {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
  }

  std::vector<std::string> lines;
  Trace trace;
  ScriptedStream* stream = nullptr;
  std::unique_ptr<ImapClient> client;
};

inline const Deadline kNoDeadline = Deadline::never();

inline protocols::LoginPolicy plaintext_ok() {
  return protocols::LoginPolicy{true};
}

}  // namespace mailassist::imap
