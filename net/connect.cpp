// connect(): resolve, try each address in turn, then (for implicit TLS) the handshake.
#include "net/connect.hpp"

#include <chrono>

#include "net/detail/socket.hpp"
#include "net/detail/tcp_stream.hpp"

namespace mailassist::net {

namespace {

// A slice of the overall budget for one address, so that a first address that swallows
// SYNs cannot use up the time the others need: the remaining time is split evenly among
// the addresses still to try.
Deadline attempt_deadline(Deadline overall, std::size_t addresses_left) {
  if (overall.is_never() || addresses_left <= 1) return overall;
  auto share = overall.remaining_ms() / static_cast<int>(addresses_left);
  return Deadline::after(std::chrono::milliseconds(share)).min(overall);
}

// One error for all the addresses tried: the single one as is, several joined.
Error combine(const std::vector<Error>& errors, const std::string& peer) {
  if (errors.size() == 1) return errors.front();
  ErrorKind kind = errors.front().kind;
  std::string message = "could not connect to " + peer + ": ";
  for (std::size_t i = 0; i < errors.size(); ++i) {
    if (errors[i].kind != kind) kind = ErrorKind::unreachable;
    if (i > 0) message += "; ";
    message += errors[i].message;
  }
  return make_error(kind, std::move(message));
}

}  // namespace

Result<std::unique_ptr<Stream>> connect(const Endpoint& endpoint, const ConnectOptions& options,
                                        Deadline deadline) {
  if (endpoint.host.empty() || endpoint.port == 0) {
    return make_error(ErrorKind::invalid_input, "a host name and a port are needed to connect");
  }
  const std::string peer = detail::address_with_port(endpoint.host, endpoint.port);
  if (options.encryption == Encryption::implicit_tls && !options.tls) {
    return make_error(ErrorKind::invalid_input, "no TLS settings were given for " + peer);
  }
  if (options.cancel.cancelled()) {
    return make_error(ErrorKind::cancelled, "cancelled before connecting to " + peer);
  }

  std::shared_ptr<Resolver> resolver = options.resolver;
  if (!resolver) {
    auto system = Resolver::create({});
    if (!system) return std::move(system).error();
    resolver = std::move(*system);
  }
  auto addresses = resolver->resolve_host(endpoint.host, deadline);
  if (!addresses) return std::move(addresses).error();

  std::vector<Error> errors;
  for (std::size_t i = 0; i < addresses->size(); ++i) {
    auto socket =
        detail::connect_numeric((*addresses)[i], endpoint.port,
                                attempt_deadline(deadline, addresses->size() - i), options.cancel);
    if (!socket) {
      if (socket.error().kind == ErrorKind::cancelled) return std::move(socket).error();
      errors.push_back(std::move(socket).error());
      continue;
    }
    auto stream = std::make_unique<detail::TcpStream>(
        std::move(*socket),
        detail::StreamSettings{std::string(detail::strip_brackets(endpoint.host)), peer,
                               options.tls, options.cancel, options.on_certificate_rejected});
    if (options.encryption == Encryption::implicit_tls) {
      // A TLS failure is about the server, not the route to it: no other address is tried.
      if (auto secured = stream->start_tls(deadline); !secured) return std::move(secured).error();
    }
    return std::unique_ptr<Stream>(std::move(stream));
  }
  return combine(errors, peer);
}

}  // namespace mailassist::net
