// run_migration(): the journal, the target mailboxes, N connections each taking whole
// target mailboxes (so two connections never race on one mailbox's duplicate check) or
// one range of a large folder (folder_split.hpp), reconnects with backoff, and a final
// check that the server holds what we counted.
#include <algorithm>
#include <map>
#include <thread>

#include "migrate/folder_split.hpp"
#include "migrate/folder_upload.hpp"
#include "migrate/migration.hpp"
#include "migrate/server_index.hpp"

namespace mailassist::migrate {

namespace {

constexpr int kMaxAttempts = 6;

// 1 s, 2 s, 4 s... up to 16 s, waking early on cancel.
void back_off(int attempt, const CancelToken& cancel) {
  auto wait = std::chrono::milliseconds(1000) * (1 << std::min(attempt, 4));
  auto until = std::chrono::steady_clock::now() + wait;
  while (!cancel.cancelled() && std::chrono::steady_clock::now() < until)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
}

class Worker {
 public:
  Worker(const ImapTarget& target, int number, UploadContext& context)
      : target_(target), number_(number), context_(context) {}

  void adopt(std::unique_ptr<ImapConnection> connection) { connection_ = std::move(connection); }

  void upload(FolderUpload& folder, const std::optional<std::string>& create_error) {
    if (create_error) {
      account_unfinished_folder(folder, context_, *create_error);
      return;
    }
    std::string last_error;
    for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
      if (context_.cancel.cancelled()) break;
      if (attempt > 0) back_off(attempt - 1, context_.cancel);
      // Between folders and attempts nothing is outstanding: a safe point to pause.
      if (!context_.hold("Uploading " + folder.plan.target)) break;
      if (!connection_) {
        auto opened = ImapConnection::open(target_, number_, context_.cancel);
        if (!opened) {
          last_error = opened.error().message;
          if (!is_transport_error(opened.error())) break;
          continue;
        }
        connection_ = std::move(*opened);
      }
      auto done = upload_folder(*connection_, folder, context_);
      if (done && folder.complete) return;
      if (done) {
        // Stopped by cancel between messages: what was counted stays counted.
        account_unfinished_folder(folder, context_, "cancelled before it was uploaded",
                                  folder.report.messages);
        return;
      }
      last_error = done.error().message;
      if (!is_transport_error(done.error())) {
        account_unfinished_folder(folder, context_, last_error);
        return;
      }
      connection_.reset();  // broken: the next attempt reconnects
    }
    account_unfinished_folder(folder, context_,
                              context_.cancel.cancelled()
                                  ? std::string("cancelled before it was uploaded")
                                  : "not uploaded: " + last_error);
  }

  void close() {
    if (connection_) connection_->close();
    connection_.reset();
  }

 private:
  const ImapTarget& target_;
  int number_;
  UploadContext& context_;
  std::unique_ptr<ImapConnection> connection_;
};

// The final check: every message counted as uploaded or already there is found in its
// target mailbox, by APPENDUID from the journal or by the duplicate rule.
Result<bool> verify(ImapConnection& connection, const std::vector<std::vector<std::size_t>>& groups,
                    std::vector<FolderUpload>& folders, UploadContext& context) {
  bool verified = true;
  for (const auto& group : groups) {
    const auto& target = folders[group.front()].plan.target;
    auto selected = connection.client().select(target, connection.step());
    if (!selected) return std::move(selected).error();
    auto fetched = fetch_server_index(connection.client(), connection.step());
    if (!fetched) return std::move(fetched).error();
    ServerIndex index(std::move(*fetched));
    for (auto i : group) {
      auto& folder = folders[i];
      if (!folder.plan.source.holds_messages) continue;
      std::uint64_t found = 0;
      auto scanned = context.store.scan(
          folder.plan.source,
          [&](const MessageEnvelope& m) {
            if (m.deleted) return true;
            auto entry =
                context.journal->find({context.store_id, folder.plan.source_path, m.key, m.size});
            bool by_uid = entry && entry->uid && entry->uid_validity == selected->uid_validity &&
                          entry->mailbox == target && index.claim_uid(*entry->uid);
            if (by_uid || index.claim(m)) ++found;
            return true;
          },
          [](const StoreProblem&) {}, context.cancel);
      if (!scanned) return std::move(scanned).error();
      if (found < folder.report.uploaded + folder.report.already_there) verified = false;
    }
  }
  return verified;
}

}  // namespace

Result<MigrationReport> run_migration(MailStore& store, const MigrationPlan& plan,
                                      const ImapTarget& target, const MigrationOptions& options,
                                      const CancelToken& cancel, Progress& progress) {
  if (options.dry_run) {
    return make_error(ErrorKind::invalid_input, "a dry run only plans; nothing to run");
  }
  auto state_dir = options.state_dir.empty() ? default_state_dir(target) : options.state_dir;
  auto journal = Journal::open(state_dir);
  if (!journal) return std::move(journal).error();

  UploadContext context{store,  plan.source,   journal->get(), plan.append_limit,
                        cancel, options.pause, progress};
  context.total = plan.messages;
  context.bytes_total = plan.bytes;

  auto first = ImapConnection::open(target, 1, cancel);
  if (!first) return std::move(first).error();

  // Target mailboxes, in plan order (parents before children), created by one connection
  // before any upload so that workers never race to create a parent.
  std::vector<std::optional<std::string>> create_errors(plan.folders.size());
  std::vector<bool> created(plan.folders.size(), false);
  std::map<std::string, std::size_t> group_of;
  std::vector<std::vector<std::size_t>> groups;
  for (std::size_t i = 0; i < plan.folders.size(); ++i) {
    const auto& folder = plan.folders[i];
    if (!folder.target_exists) {
      auto made = (*first)->client().create(folder.target, (*first)->step());
      if (!made) {
        if (is_transport_error(made.error())) return std::move(made).error();
        create_errors[i] = "cannot create " + folder.target + ": " + made.error().message;
      } else {
        created[i] = true;
      }
    }
    auto [it, added] = group_of.emplace(folder.target, groups.size());
    if (added) groups.emplace_back();
    groups[it->second].push_back(i);
  }

  // Units of work, each done by one connection in order: the source folders of one target
  // mailbox (so two connections never race on its duplicate check), or one range of a
  // large folder split over the connections (folder_split.hpp).
  std::vector<std::unique_ptr<FolderUpload>> parts;
  std::vector<std::vector<std::size_t>> units;
  auto add_part = [&](std::size_t i, PositionRange range, bool split) {
    auto part = std::make_unique<FolderUpload>(
        FolderUpload{plan.folders[i], {}, range.first, range.end, split, {}, 0, 0, false});
    part->report.source = plan.folders[i].source_path;
    part->report.target = plan.folders[i].target;
    parts.push_back(std::move(part));
    return parts.size() - 1;
  };
  std::vector<std::size_t> plan_index_of_part;
  for (const auto& group : groups) {
    const auto i = group.front();
    const auto& folder = plan.folders[i];
    auto ranges = split_positions(folder.messages + folder.deleted, options.connections);
    bool split =
        ranges.size() > 1 && group.size() == 1 && !create_errors[i] && folder.source.holds_messages;
    if (split && !created[i]) {
      // An existing mailbox is split only when it is empty (folder_split.hpp).
      auto selected = (*first)->client().select(folder.target, (*first)->step());
      if (!selected && is_transport_error(selected.error())) return std::move(selected).error();
      split = selected && selected->exists == 0;
    }
    if (split) {
      for (const auto& range : ranges) {
        units.push_back({add_part(i, range, true)});
        plan_index_of_part.push_back(i);
      }
    } else {
      units.emplace_back();
      for (auto j : group) {
        units.back().push_back(add_part(j, {}, false));
        plan_index_of_part.push_back(j);
      }
    }
  }

  const auto count =
      std::clamp<std::size_t>(options.connections, 1, std::max<std::size_t>(units.size(), 1));
  std::vector<std::unique_ptr<Worker>> workers;
  for (std::size_t w = 0; w < count; ++w)
    workers.push_back(std::make_unique<Worker>(target, static_cast<int>(w + 1), context));
  workers.front()->adopt(std::move(*first));
  std::atomic<std::size_t> next_unit{0};
  auto work = [&](Worker& worker) {
    for (std::size_t u; (u = next_unit.fetch_add(1)) < units.size();)
      for (auto p : units[u]) worker.upload(*parts[p], create_errors[plan_index_of_part[p]]);
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t w = 1; w < count; ++w) threads.emplace_back([&, w] { work(*workers[w]); });
    work(*workers.front());
  }
  for (std::size_t w = 1; w < count; ++w) workers[w]->close();

  // One report per source folder: the ranges of a split folder added up.
  std::vector<FolderUpload> folders;
  folders.reserve(plan.folders.size());
  for (const auto& folder : plan.folders) {
    folders.push_back(FolderUpload{folder, {}, 0, UINT64_MAX, false, {}, 0, 0, false});
    folders.back().report.source = folder.source_path;
    folders.back().report.target = folder.target;
  }
  for (std::size_t p = 0; p < parts.size(); ++p) {
    auto& to = folders[plan_index_of_part[p]].report;
    auto& from = parts[p]->report;
    to.messages += from.messages;
    to.uploaded += from.uploaded;
    to.already_there += from.already_there;
    to.skipped_deleted += from.skipped_deleted;
    to.bytes_uploaded += from.bytes_uploaded;
    for (auto& f : from.failed) to.failed.push_back(std::move(f));
    for (auto& problem : from.problems) to.problems.push_back(std::move(problem));
  }

  MigrationReport report;
  report.cancelled = cancel.cancelled();
  for (auto& folder : folders) {
    auto& r = folder.report;
    report.totals.messages += r.messages;
    report.totals.uploaded += r.uploaded;
    report.totals.already_there += r.already_there;
    report.totals.skipped_deleted += r.skipped_deleted;
    report.totals.failed += r.failed.size();
    report.totals.bytes_uploaded += r.bytes_uploaded;
    report.folders.push_back(std::move(r));
  }
  if (!report.cancelled) {
    // A fresh connection when the first one was lost along the way.
    auto checker = ImapConnection::open(target, 1, cancel);
    if (checker) {
      // verify() reads the reports through `folders`; put them back for it.
      for (std::size_t i = 0; i < folders.size(); ++i) folders[i].report = report.folders[i];
      auto verified = verify(**checker, groups, folders, context);
      report.verified = verified && *verified;
      (*checker)->close();
    }
  }
  workers.front()->close();
  return report;
}

}  // namespace mailassist::migrate
