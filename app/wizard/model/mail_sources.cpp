#include "app/wizard/model/mail_sources.hpp"

#include "migrate/stores/open_store.hpp"
#include "migrate/stores/thunderbird_profiles.hpp"

namespace mailassist::wizard {

std::vector<MailSourceChoice> find_mail_sources() {
  std::vector<MailSourceChoice> choices;
  auto profiles = migrate::find_thunderbird_profiles();
  if (!profiles) return choices;
  for (const auto& profile : *profiles)
    choices.push_back({"Thunderbird: " + profile.name, profile.path});
  return choices;
}

namespace {

std::string join_path(const std::vector<std::string>& levels) {
  std::string out;
  for (const auto& level : levels) out += (out.empty() ? "" : "/") + level;
  return out;
}

}  // namespace

Result<SourceSummary> count_source(const std::filesystem::path& path, const CancelToken& cancel,
                                   const CountListener& listener) {
  auto store = migrate::open_store(path);
  if (!store) return std::move(store).error();
  auto folders = (*store)->folders(cancel);
  if (!folders) return std::move(folders).error();
  SourceSummary summary;
  summary.description = (*store)->description();
  for (const auto& folder : *folders)
    summary.folders.push_back(FolderSummary{join_path(folder.path), folder.role});
  if (listener.listed) listener.listed(summary.folders);
  for (std::size_t i = 0; i < folders->size(); ++i) {
    if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "stopped");
    const auto& folder = (*folders)[i];
    auto& row = summary.folders[i];
    if (folder.holds_messages) {
      auto scanned = (*store)->scan(
          folder,
          [&](const migrate::MessageEnvelope& message) {
            if (!message.deleted) {
              ++row.messages;
              row.bytes += message.size;
            }
            return !cancel.cancelled();
          },
          [&](const migrate::StoreProblem& problem) { summary.problems.push_back(problem); },
          cancel);
      if (!scanned) return std::move(scanned).error();
      // A scan the sink stopped is not a count.
      if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "stopped");
    }
    row.counted = true;
    summary.messages += row.messages;
    summary.bytes += row.bytes;
    if (listener.counted) listener.counted(i, row);
  }
  return summary;
}

Result<SourceSummary> summarize_source(const std::filesystem::path& path,
                                       const CancelToken& cancel) {
  return count_source(path, cancel, {});
}

Result<migrate::ImapTarget> imap_target(const autoconfig::AccountConfig& config,
                                        const std::string& email, const std::string& password,
                                        const NetworkContext& network,
                                        const WizardEnvironment& environment) {
  if (config.incoming.empty() || config.incoming.front().protocol != autoconfig::Protocol::imap)
    return make_error(ErrorKind::invalid_input, "the account's incoming server is not IMAP");
  const auto& server = config.incoming.front();
  migrate::ImapTarget target;
  target.host = server.host;
  target.port = server.port;
  switch (server.security) {
    case autoconfig::Security::tls: target.security = migrate::TargetSecurity::tls; break;
    case autoconfig::Security::starttls: target.security = migrate::TargetSecurity::starttls; break;
    case autoconfig::Security::none: target.security = migrate::TargetSecurity::none; break;
  }
  target.username = autoconfig::expand_username(server.username, email);
  target.password = password;
  target.tls = network.tls;
  target.resolver = network.resolver;
  target.timeout = environment.timeout;
  return target;
}

namespace {

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string report_csv(const migrate::MigrationReport& report) {
  std::string out = "source,target,messages,uploaded,already_there,skipped_deleted,failed\r\n";
  auto row = [&](const std::string& source, const std::string& target, std::uint64_t messages,
                 std::uint64_t uploaded, std::uint64_t there, std::uint64_t deleted,
                 std::uint64_t failed) {
    out += csv_field(source) + "," + csv_field(target) + "," + std::to_string(messages) + "," +
           std::to_string(uploaded) + "," + std::to_string(there) + "," + std::to_string(deleted) +
           "," + std::to_string(failed) + "\r\n";
  };
  for (const auto& folder : report.folders)
    row(folder.source, folder.target, folder.messages, folder.uploaded, folder.already_there,
        folder.skipped_deleted, folder.failed.size());
  const auto& t = report.totals;
  row("(total)", "", t.messages, t.uploaded, t.already_there, t.skipped_deleted, t.failed);
  return out;
}

}  // namespace mailassist::wizard
