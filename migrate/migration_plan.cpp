// plan_migration(): read the server's mailboxes, map the source's folders, count them.
#include <cstdlib>

#include "migrate/folder_mapping.hpp"
#include "migrate/imap_connection.hpp"
#include "migrate/migration.hpp"
#include "migrate/server_info.hpp"
#include "protocols/imap/mailbox_name.hpp"
#include "protocols/imap/namespace_response.hpp"

namespace mailassist::migrate {

std::filesystem::path default_state_dir(const ImapTarget& target) {
  // XDG Base Directory: state that survives restarts but is not worth backing up.
  std::filesystem::path base;
  if (const char* state = std::getenv("XDG_STATE_HOME"); state && *state) {
    base = state;
  } else if (const char* home = std::getenv("HOME"); home && *home) {
    base = std::filesystem::path(home) / ".local" / "state";
  } else {
    base = ".";
  }
  std::string name = target.username + "@" + target.host + "_" + std::to_string(target.port);
  for (auto& c : name)
    if (c == '/' || c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20) c = '_';
  return base / "mailassist" / "migrate" / name;
}

namespace {

// RFC 2342 section 5: the first personal namespace's prefix, in UTF-8; "" when the server
// does not announce NAMESPACE or refuses it (folders then go where LIST puts them).
Result<std::string> read_personal_prefix(ImapConnection& connection) {
  auto& client = connection.client();
  if (!client.has_capability("NAMESPACE")) return std::string();
  std::optional<imap::NamespaceData> data;
  std::optional<Error> malformed;
  auto done = client.execute(imap::Command("NAMESPACE"), connection.step(),
                             [&](const imap::Response& response) {
                               const auto* unknown = std::get_if<imap::UnknownData>(&response);
                               if (!unknown || unknown->keyword != "NAMESPACE") return;
                               auto parsed = imap::parse_namespace_response(unknown->raw);
                               if (parsed) {
                                 data = std::move(*parsed);
                               } else {
                                 malformed = parsed.error();
                               }
                             });
  if (!done) return std::move(done).error();
  if (malformed) return *malformed;
  if (!done->ok() || !data || data->personal.empty()) return std::string();
  const std::string& prefix = data->personal.front().prefix;
  // Sent as any mailbox name: modified UTF-7 unless UTF8=ACCEPT is on (RFC 6855 section 3).
  if (client.utf8_enabled()) return prefix;
  return imap::decode_mailbox_name(prefix);
}

}  // namespace

Result<ServerInfo> read_server_info(ImapConnection& connection) {
  ServerInfo info;
  auto& client = connection.client();
  auto listed = client.list("", "*", connection.step());
  if (!listed) return std::move(listed).error();
  for (const auto& m : *listed) {
    if (m.delimiter) {
      info.mailboxes.delimiter = m.delimiter;
      break;
    }
  }
  if (!info.mailboxes.delimiter && listed->empty()) {
    // RFC 9051 section 6.3.9: LIST "" "" answers with the delimiter alone.
    auto root = client.list("", "", connection.step());
    if (root && !root->empty()) info.mailboxes.delimiter = root->front().delimiter;
  }
  info.mailboxes.mailboxes = std::move(*listed);
  auto prefix = read_personal_prefix(connection);
  if (!prefix) return std::move(prefix).error();
  info.mailboxes.personal_prefix = std::move(*prefix);
  // RFC 7889 section 2: "APPENDLIMIT=n" is server-wide; a bare APPENDLIMIT means per
  // mailbox, asked for by each folder's upload (STATUS).
  info.append_limit = client.append_limit();
  return info;
}

Result<MigrationPlan> plan_migration(MailStore& store, const ImapTarget& target,
                                     const MigrationOptions& options, const CancelToken& cancel) {
  MigrationPlan plan;
  plan.source = store.description();
  plan.target = describe_target(target);
  auto folders = store.folders(cancel);
  if (!folders) return std::move(folders).error();

  auto connection = ImapConnection::open(target, 1, cancel);
  if (!connection) return std::move(connection).error();
  auto info = read_server_info(**connection);
  (*connection)->close();
  if (!info) return std::move(info).error();
  plan.append_limit = info->append_limit;

  std::vector<SourceFolder> selected;
  for (auto& folder : *folders) {
    auto path = source_path(folder);
    if (folder_selected(path, options.include, options.exclude)) {
      selected.push_back(std::move(folder));
    } else {
      plan.excluded.push_back(path);
    }
  }
  auto targets = map_folders(selected, info->mailboxes, options.maps);
  for (std::size_t i = 0; i < selected.size(); ++i) {
    if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "planning cancelled");
    FolderPlan folder;
    folder.source = selected[i];
    folder.source_path = source_path(selected[i]);
    folder.target = targets[i].mailbox;
    folder.target_exists = targets[i].exists;
    folder.notes = targets[i].notes;
    if (folder.source.holds_messages) {
      auto scanned = store.scan(
          folder.source,
          [&](const MessageEnvelope& m) {
            if (m.deleted) {
              ++folder.deleted;
            } else {
              ++folder.messages;
              folder.bytes += m.size;
            }
            return !cancel.cancelled();
          },
          [&](const StoreProblem& p) { plan.problems.push_back(p); }, cancel);
      if (!scanned) {
        plan.problems.push_back({folder.source.location, scanned.error().message});
      }
    }
    plan.messages += folder.messages;
    plan.bytes += folder.bytes;
    plan.deleted += folder.deleted;
    plan.folders.push_back(std::move(folder));
  }
  return plan;
}

}  // namespace mailassist::migrate
