#pragma once
// A net::Stream that plays a server's side of a conversation and checks exactly what the
// client writes: curl's declarative protocol tests, in-process and deterministic.
//
//   ScriptedStream s({{Step::server, "* OK ready\r\n"},
//                     {Step::client, "A1 CAPABILITY\r\n"},
//                     {Step::server, "* CAPABILITY IMAP4rev1\r\nA1 OK done\r\n"}});
//
// The server's bytes of a step are readable only once every earlier client step was
// written. A write that differs from the script fails with ErrorKind::internal and is
// recorded in mismatches(). When the script runs out, reads return 0 (peer closed).
#include <string>
#include <vector>

#include "net/stream.hpp"

namespace mailassist::testing {

struct Step {
  enum Who { server, client, starttls } who;
  std::string bytes;
};

class ScriptedStream final : public net::Stream {
 public:
  explicit ScriptedStream(std::vector<Step> script, std::size_t max_read = 4096);

  Result<std::size_t> read_some(std::span<char> buffer, Deadline deadline) override;
  Result<void> write_all(std::string_view bytes, Deadline deadline) override;
  Result<void> start_tls(Deadline deadline) override;
  const std::optional<net::TlsInfo>& tls() const override { return tls_; }
  const std::string& peer() const override { return peer_; }

  // Everything the client wrote, in order.
  const std::string& written() const { return written_; }
  const std::vector<std::string>& mismatches() const { return mismatches_; }
  // Every step was played: the last one may be fully read without a read past it.
  bool finished() const;

 private:
  void skip_finished_steps();
  std::vector<Step> script_;
  std::size_t step_ = 0;
  std::size_t offset_ = 0;  // within the current step's bytes
  std::size_t max_read_;
  std::string written_;
  std::vector<std::string> mismatches_;
  std::optional<net::TlsInfo> tls_;
  std::string peer_ = "scripted:0";
};

}  // namespace mailassist::testing
