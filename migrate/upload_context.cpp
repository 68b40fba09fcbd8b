// What the workers of run_migration() share (UploadContext: progress, pause) and the
// accounting of a folder given up on (folder_upload.hpp).
#include "migrate/folder_upload.hpp"

namespace mailassist::migrate {

void UploadContext::advance(std::int64_t messages, std::int64_t bytes, const std::string& stage) {
  auto d =
      done.fetch_add(static_cast<std::uint64_t>(messages)) + static_cast<std::uint64_t>(messages);
  auto b =
      bytes_done.fetch_add(static_cast<std::uint64_t>(bytes)) + static_cast<std::uint64_t>(bytes);
  std::lock_guard lock(progress_mutex);
  progress.report({stage, d, total, b, bytes_total});
}

bool UploadContext::hold(const std::string& stage) {
  if (!pause.paused()) return !cancel.cancelled();
  auto report = [&](bool paused) {
    std::lock_guard lock(progress_mutex);
    progress.report({stage, done.load(), total, bytes_done.load(), bytes_total, paused});
  };
  report(true);
  bool open = pause.wait(cancel);
  report(false);
  return open;
}

void account_unfinished_folder(FolderUpload& folder, UploadContext& context,
                               const std::string& reason, std::uint64_t keep_first) {
  const auto& plan = folder.plan;
  if (keep_first == 0) {
    folder.report =
        FolderReport{plan.source_path, plan.target, 0, 0, 0, 0, {}, folder.report.problems, 0};
  }
  if (!plan.source.holds_messages) return;
  std::uint64_t position = 0;
  auto scanned = context.store.scan(
      plan.source,
      [&](const MessageEnvelope& envelope) {
        const auto at = position++;
        if (at < folder.first) return true;  // another range's
        if (at >= folder.end) return false;
        if (at - folder.first < keep_first) return true;  // counted by the attempt already
        ++folder.report.messages;
        if (envelope.deleted) {
          ++folder.report.skipped_deleted;
        } else if (auto entry = context.journal->find(
                       {context.store_id, plan.source_path, envelope.key, envelope.size});
                   entry && entry->mailbox == plan.target) {
          if (entry->this_run) {
            ++folder.report.uploaded;
            folder.report.bytes_uploaded += envelope.size;
          } else {
            ++folder.report.already_there;
          }
        } else {
          folder.report.failed.push_back({envelope.location, reason});
        }
        return true;
      },
      [](const StoreProblem&) {}, CancelToken());
  if (!scanned)
    folder.report.problems.push_back("cannot read the folder: " + scanned.error().message);
}

bool is_transport_error(const Error& error) {
  switch (error.kind) {
    case ErrorKind::unreachable:
    case ErrorKind::timeout:
    case ErrorKind::connection_closed:
    case ErrorKind::tls_handshake:
    case ErrorKind::io_error: return true;
    default: return false;
  }
}

}  // namespace mailassist::migrate
