#include "migrate/server_index.hpp"

#include <algorithm>

#include "migrate/stores/header_fields.hpp"

namespace mailassist::migrate {

Result<std::vector<IndexedMessage>> fetch_server_index(imap::ImapClient& client,
                                                       Deadline deadline) {
  std::vector<IndexedMessage> out;
  auto fetched = client.fetch_message_index(
      [&](const imap::MessageIndexEntry& entry) {
        out.push_back(entry);
        out.back().message_id = message_id_of(entry.message_id);
      },
      deadline);
  if (!fetched) return std::move(fetched).error();
  return out;
}

ServerIndex::ServerIndex(std::vector<IndexedMessage> messages)
    : messages_(std::move(messages)), claimed_(messages_.size(), false) {
  for (std::size_t i = 0; i < messages_.size(); ++i) {
    by_id_.emplace(std::hash<std::string>{}(messages_[i].message_id), i);
    by_uid_.emplace(messages_[i].uid, i);
  }
}

std::vector<std::size_t> ServerIndex::matching(const MessageEnvelope& envelope) const {
  std::vector<std::size_t> out;
  auto [begin, end] = by_id_.equal_range(std::hash<std::string>{}(envelope.message_id));
  for (auto it = begin; it != end; ++it) {
    auto i = it->second;
    const auto& m = messages_[i];
    if (claimed_[i] || m.size != envelope.size || m.message_id != envelope.message_id) continue;
    if (envelope.date && m.internal_date && m.internal_date->time != envelope.date->time) continue;
    out.push_back(i);
  }
  // Of several candidates the one first in the mailbox goes first, so claims repeat.
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::uint32_t> ServerIndex::candidates(const MessageEnvelope& envelope) const {
  std::vector<std::uint32_t> uids;
  for (auto i : matching(envelope)) uids.push_back(messages_[i].uid);
  return uids;
}

std::optional<std::uint32_t> ServerIndex::claim_equal(
    const MessageEnvelope& envelope, const std::function<bool(std::uint32_t)>& same_content) {
  for (auto i : matching(envelope)) {
    if (!same_content(messages_[i].uid)) continue;
    claimed_[i] = true;
    return messages_[i].uid;
  }
  return std::nullopt;
}

std::optional<std::uint32_t> ServerIndex::claim(const MessageEnvelope& envelope) {
  return claim_equal(envelope, [](std::uint32_t) { return true; });
}

bool ServerIndex::claim_uid(std::uint32_t uid) {
  auto found = by_uid_.find(uid);
  if (found == by_uid_.end()) return false;
  claimed_[found->second] = true;
  return true;
}

}  // namespace mailassist::migrate
