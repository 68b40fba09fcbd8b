// DNS over c-ares, driven by poll() in this thread until the answer or the Deadline.
//
// Threading: every lookup opens its own c-ares channel and closes it before returning, so
// a Resolver holds nothing but its (immutable) settings and may be used from any number of
// threads at once. Detection runs MX, SRV and host lookups in parallel; a shared channel
// behind a mutex would serialise them. Opening a channel costs a read of resolv.conf,
// which is negligible next to a network round trip.
//
// Name lookups consult the hosts file before DNS (c-ares' default "fb" order, like the
// system's getaddrinfo), also when --dns-server is given, so "localhost" keeps working.
#include "net/resolver.hpp"

#include <ares.h>
#include <ares_nameser.h>

#include <algorithm>
#include <array>
#include <mutex>

#include "net/detail/socket.hpp"

namespace mailassist::net {

struct Resolver::Impl {
  std::string servers_csv;  // for ares_set_servers_ports_csv; empty = system configuration
};

namespace {

// c-ares asks for one global init (ares_library_init(3)); it is never undone because
// other threads may still be resolving while the process exits.
Result<void> init_library() {
  static std::once_flag once;
  static int status = ARES_SUCCESS;
  std::call_once(once, [] { status = ares_library_init(ARES_LIB_INIT_ALL); });
  if (status != ARES_SUCCESS) {
    return make_error(ErrorKind::internal,
                      std::string("could not initialise c-ares: ") + ares_strerror(status));
  }
  return ok();
}

// One c-ares channel for one lookup. It tracks the sockets c-ares opens (through the
// socket-state callback) so that they can be polled here, under our Deadline.
class Channel {
 public:
  Channel() = default;
  ~Channel() {
    if (channel_ != nullptr) ares_destroy(channel_);
  }
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  Result<void> open(const std::string& servers_csv) {
    if (auto init = init_library(); !init) return init;
    ares_options options{};
    options.sock_state_cb = &Channel::on_socket_state;
    options.sock_state_cb_data = this;
    int status = ares_init_options(&channel_, &options, ARES_OPT_SOCK_STATE_CB);
    if (status != ARES_SUCCESS) {
      channel_ = nullptr;
      return make_error(ErrorKind::internal,
                        std::string("could not set up DNS lookups: ") + ares_strerror(status));
    }
    if (!servers_csv.empty()) {
      status = ares_set_servers_ports_csv(channel_, servers_csv.c_str());
      if (status != ARES_SUCCESS) {
        return make_error(ErrorKind::invalid_input,
                          "bad DNS server list \"" + servers_csv + "\": " + ares_strerror(status));
      }
    }
    return ok();
  }

  ares_channel get() const { return channel_; }

  // Runs c-ares until `done` is set by a callback. When the deadline passes or `cancel` is
  // set, the pending queries are cancelled (their callbacks run with ARES_ECANCELLED) and
  // false returned. With a token, poll() waits at most kCancelSliceMs at a time so that a
  // cancel is seen even while the DNS server is silent.
  bool run(const bool& done, Deadline deadline, const CancelToken* cancel = nullptr) {
    constexpr int kCancelSliceMs = 100;
    while (!done) {
      if (deadline.expired() || (cancel != nullptr && cancel->cancelled())) {
        ares_cancel(channel_);
        return false;
      }
      std::vector<detail::PollEntry> entries;
      for (const auto& watched : sockets_) {
        entries.push_back({watched.socket, watched.read, watched.write, false, false});
      }
      int wait = deadline.remaining_ms();
      timeval tv{};
      if (ares_timeout(channel_, nullptr, &tv) != nullptr) {
        auto ares_ms = static_cast<int>(std::min<long long>(
            static_cast<long long>(tv.tv_sec) * 1000 + tv.tv_usec / 1000 + 1, 60'000));
        wait = wait < 0 ? ares_ms : std::min(wait, ares_ms);
      }
      // Never an endless poll: with no deadline and no c-ares timer, look again each second.
      if (wait < 0) wait = 1000;
      if (cancel != nullptr) wait = std::min(wait, kCancelSliceMs);
      if (!detail::poll_sockets(entries, wait)) {
        ares_cancel(channel_);
        return false;
      }
      bool any = false;
      for (const auto& e : entries) {
        if (!e.readable && !e.writable) continue;
        any = true;
        auto fd = static_cast<ares_socket_t>(e.socket);
        ares_process_fd(channel_, e.readable ? fd : ARES_SOCKET_BAD,
                        e.writable ? fd : ARES_SOCKET_BAD);
      }
      // Nothing ready: let c-ares handle its own retransmission timeouts.
      if (!any) ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);
    }
    return true;
  }

 private:
  struct Watched {
    detail::NativeSocket socket;
    bool read;
    bool write;
  };

  static void on_socket_state(void* data, ares_socket_t fd, int readable, int writable) {
    auto& sockets = static_cast<Channel*>(data)->sockets_;
    auto native = static_cast<detail::NativeSocket>(fd);
    std::erase_if(sockets, [native](const Watched& w) { return w.socket == native; });
    if (readable != 0 || writable != 0) sockets.push_back({native, readable != 0, writable != 0});
  }

  ares_channel channel_ = nullptr;
  std::vector<Watched> sockets_;
};

// What a failed lookup means to the user. `what` names the query: "the name
// imap.example.test", "MX records of example.test".
Error lookup_error(int status, const std::string& name, const std::string& what) {
  switch (status) {
    case ARES_ENOTFOUND:
      return make_error(ErrorKind::unreachable, name + " does not exist (DNS: no such name)");
    case ARES_ENODATA:
      return make_error(ErrorKind::unreachable, name + " has no " + what + " in DNS");
    case ARES_ESERVFAIL:
    case ARES_EREFUSED:
    case ARES_ECONNREFUSED:
      return make_error(ErrorKind::unreachable, "the DNS server could not answer for " + name +
                                                    ": " + ares_strerror(status));
    case ARES_ETIMEOUT:
    case ARES_ECANCELLED:
    case ARES_EDESTRUCTION:
      return make_error(ErrorKind::timeout,
                        "no DNS answer for " + name + " (" + what + ") within the time limit");
    case ARES_EBADNAME:
      return make_error(ErrorKind::invalid_input, "\"" + name + "\" is not a valid DNS name");
    default:
      return make_error(ErrorKind::unreachable,
                        "DNS lookup of " + name + " failed: " + ares_strerror(status));
  }
}

Error deadline_error(const std::string& name, const std::string& what) {
  return lookup_error(ARES_ETIMEOUT, name, what);
}

struct HostLookup {
  bool done = false;
  int status = ARES_SUCCESS;
  std::vector<std::string> addresses;
};

void on_addrinfo(void* arg, int status, int /*timeouts*/, ares_addrinfo* result) {
  auto& lookup = *static_cast<HostLookup*>(arg);
  lookup.done = true;
  lookup.status = status;
  if (result == nullptr) return;
  for (auto* node = result->nodes; node != nullptr; node = node->ai_next) {
    std::array<char, 64> text{};
    const void* raw = nullptr;
    if (node->ai_family == AF_INET) {
      raw = &reinterpret_cast<const sockaddr_in*>(node->ai_addr)->sin_addr;
    } else if (node->ai_family == AF_INET6) {
      raw = &reinterpret_cast<const sockaddr_in6*>(node->ai_addr)->sin6_addr;
    }
    if (raw == nullptr) continue;
    if (ares_inet_ntop(node->ai_family, raw, text.data(), text.size()) == nullptr) continue;
    std::string address(text.data());
    if (std::find(lookup.addresses.begin(), lookup.addresses.end(), address) ==
        lookup.addresses.end()) {
      lookup.addresses.push_back(std::move(address));
    }
  }
  ares_freeaddrinfo(result);
}

// A raw query (MX, SRV) whose answer is parsed inside the callback, where abuf is valid.
template <typename Record>
struct RecordLookup {
  bool done = false;
  int status = ARES_SUCCESS;
  std::vector<Record> records;
};

void on_mx(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) {
  auto& lookup = *static_cast<RecordLookup<MxRecord>*>(arg);
  lookup.done = true;
  lookup.status = status;
  if (status != ARES_SUCCESS) return;
  ares_mx_reply* reply = nullptr;
  lookup.status = ares_parse_mx_reply(abuf, alen, &reply);
  for (auto* r = reply; r != nullptr; r = r->next) {
    lookup.records.push_back({r->priority, r->host != nullptr ? r->host : ""});
  }
  if (reply != nullptr) ares_free_data(reply);
}

void on_srv(void* arg, int status, int /*timeouts*/, unsigned char* abuf, int alen) {
  auto& lookup = *static_cast<RecordLookup<SrvRecord>*>(arg);
  lookup.done = true;
  lookup.status = status;
  if (status != ARES_SUCCESS) return;
  ares_srv_reply* reply = nullptr;
  lookup.status = ares_parse_srv_reply(abuf, alen, &reply);
  for (auto* r = reply; r != nullptr; r = r->next) {
    // c-ares expands the root name to "": RFC 2782's "." (service decidedly not offered).
    // Built in one expression: assigning "." afterwards trips GCC 12's -Wrestrict false
    // positive at -O2.
    bool root = r->host == nullptr || *r->host == '\0';
    std::string target = root ? std::string(".") : std::string(r->host);
    lookup.records.push_back({r->priority, r->weight, r->port, std::move(target)});
  }
  if (reply != nullptr) ares_free_data(reply);
}

template <typename Record>
Result<std::vector<Record>> run_query(const std::string& servers_csv, const std::string& name,
                                      int type, ares_callback callback, const std::string& what,
                                      Deadline deadline) {
  if (name.empty()) return make_error(ErrorKind::invalid_input, "empty DNS name");
  RecordLookup<Record> lookup;  // declared before the channel: callbacks run in its destructor
  Channel channel;
  if (auto opened = channel.open(servers_csv); !opened) return std::move(opened).error();
  // ares_query, not ares_search: MX and SRV owners are absolute names, never completed
  // with the local search domains.
  ares_query(channel.get(), name.c_str(), ns_c_in, type, callback, &lookup);
  if (!channel.run(lookup.done, deadline)) return deadline_error(name, what);
  if (lookup.status != ARES_SUCCESS) return lookup_error(lookup.status, name, what);
  if (lookup.records.empty()) return lookup_error(ARES_ENODATA, name, what);
  return std::move(lookup.records);
}

}  // namespace

Resolver::Resolver(std::unique_ptr<Impl> impl, ResolverSettings settings)
    : impl_(std::move(impl)), settings_(std::move(settings)) {}

Resolver::~Resolver() = default;

Result<std::shared_ptr<Resolver>> Resolver::create(const ResolverSettings& settings) {
  auto impl = std::make_unique<Impl>();
  for (const auto& server : settings.servers) {
    if (server.empty() || server.find(',') != std::string::npos) {
      return make_error(ErrorKind::invalid_input, "bad DNS server \"" + server + "\"");
    }
    if (!impl->servers_csv.empty()) impl->servers_csv += ',';
    impl->servers_csv += server;
  }
  // Open one channel now so that a malformed server list fails here, not on first use.
  Channel probe;
  if (auto opened = probe.open(impl->servers_csv); !opened) return std::move(opened).error();
  return std::shared_ptr<Resolver>(new Resolver(std::move(impl), settings));
}

Result<HostAnswer> Resolver::lookup_host(const std::string& name, Deadline deadline,
                                         const CancelToken& cancel) {
  if (detail::ip_literal_family(name)) {
    return HostAnswer{{std::string(detail::strip_brackets(name))}, ""};
  }
  if (name.empty()) return make_error(ErrorKind::invalid_input, "empty host name");
  const std::string what = "IPv4 or IPv6 address";
  HostLookup lookup;  // declared before the channel: callbacks run in its destructor
  Channel channel;
  if (auto opened = channel.open(impl_->servers_csv); !opened) return std::move(opened).error();
  ares_addrinfo_hints hints{};
  hints.ai_family = AF_UNSPEC;  // A and AAAA
  hints.ai_socktype = SOCK_STREAM;
  ares_getaddrinfo(channel.get(), name.c_str(), nullptr, &hints, &on_addrinfo, &lookup);
  if (!channel.run(lookup.done, deadline, &cancel)) {
    if (cancel.cancelled())
      return make_error(ErrorKind::cancelled, "looking up " + name + " was cancelled");
    return deadline_error(name, what);
  }
  // RFC 2308's negative answers: the name does not exist, or has no address records.
  if (lookup.status == ARES_ENOTFOUND || lookup.status == ARES_ENODATA ||
      (lookup.status == ARES_SUCCESS && lookup.addresses.empty())) {
    int status = lookup.status == ARES_ENOTFOUND ? ARES_ENOTFOUND : ARES_ENODATA;
    return HostAnswer{{}, lookup_error(status, name, what).message};
  }
  if (lookup.status != ARES_SUCCESS) return lookup_error(lookup.status, name, what);
  return HostAnswer{std::move(lookup.addresses), ""};
}

Result<std::vector<std::string>> Resolver::resolve_host(const std::string& name,
                                                        Deadline deadline) {
  auto answer = lookup_host(name, deadline);
  if (!answer) return std::move(answer).error();
  if (answer->addresses.empty()) return make_error(ErrorKind::unreachable, answer->negative);
  return std::move(answer->addresses);
}

Result<std::vector<MxRecord>> Resolver::lookup_mx(const std::string& domain, Deadline deadline) {
  auto records =
      run_query<MxRecord>(impl_->servers_csv, domain, ns_t_mx, &on_mx, "MX records", deadline);
  if (!records) return records;
  // RFC 5321 section 5.1: lower preference first; equal ones keep the server's order.
  std::stable_sort(records->begin(), records->end(), [](const MxRecord& a, const MxRecord& b) {
    return a.preference < b.preference;
  });
  return records;
}

Result<std::vector<SrvRecord>> Resolver::lookup_srv(const std::string& name, Deadline deadline) {
  auto records =
      run_query<SrvRecord>(impl_->servers_csv, name, ns_t_srv, &on_srv, "SRV records", deadline);
  if (!records) return records;
  // RFC 2782: lowest priority first. Within a priority we order by weight, heaviest first,
  // instead of the RFC's weighted random pick: settings shown to a person must be stable.
  std::stable_sort(records->begin(), records->end(), [](const SrvRecord& a, const SrvRecord& b) {
    return a.priority != b.priority ? a.priority < b.priority : a.weight > b.weight;
  });
  return records;
}

}  // namespace mailassist::net
