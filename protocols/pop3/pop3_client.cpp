#include "protocols/pop3/pop3_client.hpp"

#include <limits>

#include "protocols/pop3/multiline.hpp"

namespace mailassist::pop3 {

Pop3Client::Pop3Client(std::unique_ptr<net::Stream> stream, Trace& trace, Pop3Options options)
    : MailSession(std::move(stream), trace), options_(options) {}

Result<void> Pop3Client::usable() const {
  if (!broken_) return ok();
  return make_error(ErrorKind::protocol_error,
                    "the POP3 session is no longer usable after an earlier error");
}

Error Pop3Client::refused(std::string_view command_line, const StatusLine& status) const {
  return make_error(ErrorKind::protocol_error,
                    "the server refused " + std::string(command_line) + ": " + status.text);
}

Result<StatusLine> Pop3Client::command(std::string_view line, Deadline deadline,
                                       std::optional<std::string_view> shown) {
  if (auto u = usable(); !u) return std::move(u).error();
  // Any failure from here on leaves us unsure which reply belongs to which command.
  broken_ = true;
  if (auto sent = send_line(line, deadline, shown); !sent) return std::move(sent).error();
  auto reply = read_line(deadline);
  if (!reply) return std::move(reply).error();
  auto status = parse_status_line(*reply);
  if (!status) return std::move(status).error();
  broken_ = false;
  return status;
}

Result<void> Pop3Client::read_body(const LineSink& sink, std::size_t max_lines, bool trace_lines,
                                   Deadline deadline) {
  std::size_t count = 0;
  std::size_t bytes = 0;
  std::optional<Error> failure;
  broken_ = true;
  for (;;) {
    // Read past MailSession::read_line: a message body must not flood the trace.
    auto line = reader().read_line(deadline);
    if (!line) return std::move(line).error();
    if (trace_lines) trace().received(*line);
    auto body = unstuff_line(*line);
    if (!body) break;
    ++count;
    bytes += line->size() + 2;
    // After a failure the rest is still read (and dropped) up to the "." line, so the
    // next command gets its own reply.
    if (failure) continue;
    if (count > max_lines) {
      failure = make_error(
          ErrorKind::protocol_error,
          "the server sent more than " + std::to_string(max_lines) + " lines in one response");
      continue;
    }
    if (auto delivered = sink(*body); !delivered) failure = std::move(delivered).error();
  }
  broken_ = false;
  if (!trace_lines) {
    trace().info("(" + std::to_string(count) + " lines, " + std::to_string(bytes) +
                 " bytes of data)");
  }
  if (failure) return std::move(*failure);
  return ok();
}

Result<std::vector<std::string>> Pop3Client::read_body_lines(std::size_t max_lines,
                                                             bool trace_lines, Deadline deadline) {
  std::vector<std::string> lines;
  auto read = read_body(
      [&](std::string_view line) -> Result<void> {
        lines.emplace_back(line);
        return ok();
      },
      max_lines, trace_lines, deadline);
  if (!read) return std::move(read).error();
  return lines;
}

Result<void> Pop3Client::greet(Deadline deadline) {
  broken_ = true;
  auto line = read_line(deadline);
  if (!line) return std::move(line).error();
  auto status = parse_status_line(*line);
  if (!status) return std::move(status).error();
  broken_ = false;
  if (!status->ok) {
    return make_error(ErrorKind::protocol_error,
                      "the POP3 server refuses service; the server said: " + status->text);
  }
  greeting_ = std::move(*status);
  apop_timestamp_ = pop3::apop_timestamp(greeting_.text);
  return refresh_capabilities(deadline);
}

Result<void> Pop3Client::refresh_capabilities(Deadline deadline) {
  capa_ = {};
  capa_supported_ = false;
  auto status = command("CAPA", deadline);
  if (!status) return std::move(status).error();
  // RFC 2449 section 5: a server without CAPA answers -ERR; it has only RFC 1939's
  // commands, and USER/PASS is the way to log in.
  if (!status->ok) return ok();
  auto lines = read_body_lines(options_.max_capability_lines, true, deadline);
  if (!lines) return std::move(lines).error();
  auto caps = parse_capabilities(*lines);
  if (!caps) return std::move(caps).error();
  capa_ = std::move(*caps);
  capa_supported_ = true;
  return ok();
}

Result<void> Pop3Client::start_tls(Deadline deadline) {
  if (auto u = usable(); !u) return u;
  if (encrypted()) return make_error(ErrorKind::internal, "the connection is already encrypted");
  // RFC 2595 section 4: STLS is only used when CAPA lists it. Asking anyway would invite a
  // man in the middle to answer -ERR; we stop instead and write nothing.
  if (!capa_.stls) {
    return make_error(ErrorKind::starttls_unavailable,
                      "the POP3 server does not offer STLS, so the connection was not "
                      "continued unencrypted");
  }
  auto status = command("STLS", deadline);
  if (!status) return std::move(status).error();
  if (!status->ok) {
    return make_error(ErrorKind::starttls_unavailable,
                      "the POP3 server refused STLS; the server said: " + status->text);
  }
  broken_ = true;
  if (auto upgraded = upgrade_to_tls(deadline); !upgraded) return upgraded;
  broken_ = false;
  // RFC 2595 section 4: capabilities learnt in the clear may have been forged.
  return refresh_capabilities(deadline);
}

Result<void> Pop3Client::quit(Deadline deadline) {
  auto status = command("QUIT", deadline);
  if (!status) return std::move(status).error();
  if (!status->ok) return refused("QUIT", *status);
  return ok();
}

std::vector<std::string> Pop3Client::capabilities() const {
  return capa_.lines;
}

std::vector<std::string> Pop3Client::auth_mechanisms() const {
  return capa_.sasl_mechanisms;
}

Result<MaildropStat> Pop3Client::stat(Deadline deadline) {
  auto status = command("STAT", deadline);
  if (!status) return std::move(status).error();
  if (!status->ok) return refused("STAT", *status);
  return parse_stat(status->text);
}

Result<std::vector<ListEntry>> Pop3Client::list(Deadline deadline) {
  auto status = command("LIST", deadline);
  if (!status) return std::move(status).error();
  if (!status->ok) return refused("LIST", *status);
  auto lines = read_body_lines(options_.max_listing_lines, false, deadline);
  if (!lines) return std::move(lines).error();
  return parse_list(*lines);
}

Result<std::vector<UidEntry>> Pop3Client::uidl(Deadline deadline) {
  auto status = command("UIDL", deadline);
  if (!status) return std::move(status).error();
  if (!status->ok) return refused("UIDL", *status);
  auto lines = read_body_lines(options_.max_listing_lines, false, deadline);
  if (!lines) return std::move(lines).error();
  return parse_uidl(*lines);
}

Result<void> Pop3Client::retr(std::uint32_t number, const LineSink& sink, Deadline deadline) {
  auto line = "RETR " + std::to_string(number);
  auto status = command(line, deadline);
  if (!status) return std::move(status).error();
  if (!status->ok) return refused(line, *status);
  return read_body(sink, std::numeric_limits<std::size_t>::max(), false, deadline);
}

Result<std::string> Pop3Client::read_message(std::string_view command_line, Deadline deadline) {
  auto status = command(command_line, deadline);
  if (!status) return std::move(status).error();
  if (!status->ok) return refused(command_line, *status);
  std::string message;
  const auto limit = options_.max_message_bytes;
  auto read = read_body(
      [&](std::string_view line) -> Result<void> {
        if (line.size() + 2 > limit - message.size()) {
          return make_error(ErrorKind::protocol_error, std::string(command_line) +
                                                           ": the message is larger than " +
                                                           std::to_string(limit) + " bytes");
        }
        message.append(line);
        message.append("\r\n");
        return ok();
      },
      std::numeric_limits<std::size_t>::max(), false, deadline);
  if (!read) return std::move(read).error();
  return message;
}

Result<std::string> Pop3Client::retr(std::uint32_t number, Deadline deadline) {
  return read_message("RETR " + std::to_string(number), deadline);
}

Result<std::string> Pop3Client::top(std::uint32_t number, std::uint32_t body_lines,
                                    Deadline deadline) {
  return read_message("TOP " + std::to_string(number) + " " + std::to_string(body_lines), deadline);
}

}  // namespace mailassist::pop3
