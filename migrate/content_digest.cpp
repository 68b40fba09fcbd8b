#include "migrate/content_digest.hpp"

#include <algorithm>
#include <map>

#include "protocols/imap/response_parser.hpp"

namespace mailassist::migrate {

Result<ContentDigest> source_digest(MailStore& store, const SourceFolder& folder,
                                    const MessageEnvelope& envelope) {
  auto reader = store.open(folder, envelope);
  if (!reader) return std::move(reader).error();
  net::Sha256 hash;
  std::vector<char> buffer(64 * 1024);
  for (;;) {
    auto n = (*reader)->read(buffer);
    if (!n) return std::move(n).error();
    if (*n == 0) break;
    hash.update(std::string_view(buffer.data(), *n));
  }
  return hash.finish();
}

namespace {

// RFC 9051 section 6.4.9: a UID set is comma-separated numbers.
std::string uid_set(const std::map<std::uint32_t, net::Sha256>& uids) {
  std::string out;
  for (const auto& [uid, hash] : uids) {
    if (!out.empty()) out += ',';
    out += std::to_string(uid);
  }
  return out;
}

// One group: ranges from `offset` until every message ended or went away.
Result<void> digest_group(imap::ImapClient& client, std::map<std::uint32_t, net::Sha256> pending,
                          std::unordered_map<std::uint32_t, ContentDigest>& out,
                          const std::function<Deadline()>& step, std::size_t range) {
  for (std::uint64_t offset = 0; !pending.empty(); offset += range) {
    imap::Command command("UID FETCH");
    command.raw(uid_set(pending))
        .raw("(UID BODY.PEEK[]<" + std::to_string(offset) + "." + std::to_string(range) + ">)");
    std::map<std::uint32_t, std::size_t> got;  // bytes of this range, per UID answered
    Result<void> parsed = ok();
    auto done = client.execute(command, step(), [&](const imap::Response& r) {
      const auto* data = std::get_if<imap::UnknownData>(&r);
      if (!data || data->keyword != "FETCH" || !parsed) return;
      auto fetch = imap::parse_fetch_response(data->raw);
      if (!fetch) {
        parsed = std::move(fetch).error();
        return;
      }
      // Unsolicited FETCH responses (flag changes, RFC 9051 section 7.5.2) may come along.
      if (!fetch->uid || got.count(*fetch->uid)) return;
      auto hash = pending.find(*fetch->uid);
      if (hash == pending.end()) return;
      for (const auto& section : fetch->sections) {
        bool here = section.origin ? *section.origin == offset : offset == 0;
        if (!section.section.empty() || !here) continue;
        std::string_view bytes = section.data ? std::string_view(*section.data) : "";
        if (bytes.size() > range) {
          parsed = make_error(ErrorKind::protocol_error, "the server sent more of message " +
                                                             std::to_string(*fetch->uid) +
                                                             " than was asked for");
          return;
        }
        hash->second.update(bytes);
        got[*fetch->uid] = bytes.size();
        return;
      }
    });
    if (!done) return std::move(done).error();
    if (!parsed) return std::move(parsed).error();
    if (!done->ok()) {
      return make_error(ErrorKind::protocol_error,
                        "the server refused UID FETCH: " + done->status.text);
    }
    for (auto it = pending.begin(); it != pending.end();) {
      auto answered = got.find(it->first);
      if (answered == got.end()) {
        it = pending.erase(it);  // expunged meanwhile (RFC 9051 section 6.4.9): no digest
      } else if (answered->second < range) {
        auto digest = it->second.finish();
        if (!digest) return std::move(digest).error();
        out[it->first] = *digest;
        it = pending.erase(it);
      } else {
        ++it;
      }
    }
  }
  return ok();
}

}  // namespace

Result<void> fetch_server_digests(imap::ImapClient& client, const std::vector<std::uint32_t>& uids,
                                  std::unordered_map<std::uint32_t, ContentDigest>& out,
                                  const std::function<Deadline()>& step,
                                  const ServerDigestOptions& options) {
  const auto per_command = std::max<std::size_t>(options.uids_per_command, 1);
  const auto range = std::max<std::size_t>(options.range, 1);
  std::map<std::uint32_t, net::Sha256> group;
  auto flush = [&]() -> Result<void> {
    if (group.empty()) return ok();
    auto done = digest_group(client, std::move(group), out, step, range);
    group.clear();
    return done;
  };
  for (auto uid : uids) {
    if (uid == 0 || out.count(uid) || group.count(uid)) continue;
    group.emplace(uid, net::Sha256());
    if (group.size() >= per_command) {
      if (auto done = flush(); !done) return done;
    }
  }
  return flush();
}

}  // namespace mailassist::migrate
