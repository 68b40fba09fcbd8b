#include "core/trace.hpp"

#include <algorithm>

namespace mailassist {

namespace {
constexpr std::string_view kRedacted = "<redacted>";
constexpr std::size_t kMaxTracedLine = 512;  // a 10 MB reply must not flood the terminal
}  // namespace

void Trace::set_label(std::string label) {
  std::lock_guard lock(mutex_);
  label_ = std::move(label);
}

void Trace::add_secret(std::string secret) {
  if (secret.size() < 3) return;
  std::lock_guard lock(mutex_);
  if (std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end())
    secrets_.push_back(std::move(secret));
}

std::string Trace::redact(std::string_view text) const {
  std::string out(text);
  std::lock_guard lock(mutex_);
  for (const auto& secret : secrets_) {
    for (auto pos = out.find(secret); pos != std::string::npos;
         pos = out.find(secret, pos + kRedacted.size())) {
      out.replace(pos, secret.size(), kRedacted);
    }
  }
  return out;
}

void Trace::line(TraceDirection direction, std::string_view text) {
  if (!sink_) return;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  std::string shown = redact(text);
  if (shown.size() > kMaxTracedLine) {
    auto total = shown.size();
    shown.resize(kMaxTracedLine);
    shown += "... (" + std::to_string(total) + " bytes)";
  }
  // Control characters from a hostile server must not drive the user's terminal.
  for (auto& c : shown) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) c = '.';
  }
  std::string prefix;
  {
    std::lock_guard lock(mutex_);
    prefix = label_.empty() ? std::string() : label_ + " ";
  }
  switch (direction) {
    case TraceDirection::sent: prefix += "C: "; break;
    case TraceDirection::received: prefix += "S: "; break;
    case TraceDirection::info: prefix += "* "; break;
  }
  sink_(prefix + shown);
}

}  // namespace mailassist
