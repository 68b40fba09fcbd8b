#include "migrate/server_index.hpp"

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

std::optional<std::uint32_t> ServerIndex::claim(const MessageEnvelope& envelope) {
  // Of several equal candidates the one first in the mailbox, so claims are repeatable.
  std::optional<std::size_t> best;
  auto [begin, end] = by_id_.equal_range(std::hash<std::string>{}(envelope.message_id));
  for (auto it = begin; it != end; ++it) {
    auto i = it->second;
    const auto& m = messages_[i];
    if (claimed_[i] || m.size != envelope.size || m.message_id != envelope.message_id) continue;
    if (envelope.date && m.internal_date && m.internal_date->time != envelope.date->time) continue;
    if (!best || i < *best) best = i;
  }
  if (!best) return std::nullopt;
  claimed_[*best] = true;
  return messages_[*best].uid;
}

bool ServerIndex::claim_uid(std::uint32_t uid) {
  auto found = by_uid_.find(uid);
  if (found == by_uid_.end()) return false;
  claimed_[found->second] = true;
  return true;
}

}  // namespace mailassist::migrate
