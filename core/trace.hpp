#pragma once
// Protocol trace (`-v`): every line a client sends or receives, with secrets redacted.
//
// Two layers keep passwords out of logs: clients log a redacted form of commands that
// carry credentials (LOGIN, PASS, AUTH ...), and every secret a session uses (the
// password and the SASL strings built from it) is registered here, so any occurrence that
// slips through is replaced by "<redacted>" before it is written.
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace mailassist {

enum class TraceDirection { sent, received, info };

class Trace {
 public:
  using Sink = std::function<void(std::string_view line)>;

  Trace() = default;  // disabled: lines are dropped
  explicit Trace(Sink sink) : sink_(std::move(sink)) {}

  bool enabled() const { return static_cast<bool>(sink_); }

  // A prefix shown on every line, e.g. "imap 127.0.0.1:993".
  void set_label(std::string label);

  // Registers a secret; secrets shorter than 3 characters are ignored (they would redact
  // ordinary protocol text).
  void add_secret(std::string secret);

  void line(TraceDirection direction, std::string_view text);
  void sent(std::string_view text) { line(TraceDirection::sent, text); }
  void received(std::string_view text) { line(TraceDirection::received, text); }
  void info(std::string_view text) { line(TraceDirection::info, text); }

  // Replaces every registered secret in `text`.
  std::string redact(std::string_view text) const;

 private:
  Sink sink_;
  std::string label_;
  std::vector<std::string> secrets_;
  mutable std::mutex mutex_;
};

}  // namespace mailassist
