#include "tests/support/scripted_stream.hpp"

#include <algorithm>
#include <cstring>

namespace mailassist::testing {

ScriptedStream::ScriptedStream(std::vector<Step> script, std::size_t max_read)
    : script_(std::move(script)), max_read_(max_read) {}

void ScriptedStream::skip_finished_steps() {
  while (step_ < script_.size() && offset_ == script_[step_].bytes.size() &&
         script_[step_].who != Step::starttls) {
    ++step_;
    offset_ = 0;
  }
}

bool ScriptedStream::finished() const {
  if (step_ == script_.size()) return true;
  return step_ + 1 == script_.size() && script_[step_].who != Step::starttls &&
         offset_ == script_[step_].bytes.size();
}

Result<std::size_t> ScriptedStream::read_some(std::span<char> buffer, Deadline) {
  skip_finished_steps();
  if (step_ == script_.size()) return std::size_t{0};
  const auto& s = script_[step_];
  if (s.who != Step::server) {
    return make_error(ErrorKind::timeout,
                      "scripted server is waiting for the client to write: " + s.bytes);
  }
  auto n = std::min({buffer.size(), s.bytes.size() - offset_, max_read_});
  std::memcpy(buffer.data(), s.bytes.data() + offset_, n);
  offset_ += n;
  return n;
}

Result<void> ScriptedStream::write_all(std::string_view bytes, Deadline) {
  written_.append(bytes);
  while (!bytes.empty()) {
    skip_finished_steps();
    if (step_ == script_.size() || script_[step_].who != Step::client) {
      mismatches_.push_back("unexpected write: " + std::string(bytes));
      return make_error(ErrorKind::internal, "unexpected client write");
    }
    const auto& expected = script_[step_].bytes;
    auto n = std::min(bytes.size(), expected.size() - offset_);
    if (bytes.substr(0, n) != std::string_view(expected).substr(offset_, n)) {
      mismatches_.push_back("expected: " + expected.substr(offset_) +
                            " got: " + std::string(bytes));
      return make_error(ErrorKind::internal, "client wrote something else than the script");
    }
    offset_ += n;
    bytes.remove_prefix(n);
  }
  return ok();
}

Result<void> ScriptedStream::start_tls(Deadline) {
  skip_finished_steps();
  if (step_ == script_.size() || script_[step_].who != Step::starttls) {
    mismatches_.push_back("unexpected start_tls");
    return make_error(ErrorKind::internal, "unexpected start_tls");
  }
  ++step_;
  offset_ = 0;
  tls_ = net::TlsInfo{"TLSv1.3", "SCRIPTED", {"CN=scripted", "CN=scripted", "", ""}};
  return ok();
}

}  // namespace mailassist::testing
