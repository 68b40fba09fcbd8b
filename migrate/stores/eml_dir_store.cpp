#include "migrate/stores/eml_dir_store.hpp"

#include <algorithm>
#include <system_error>
#include <vector>

#include "core/ascii.hpp"
#include "migrate/stores/crlf_reader.hpp"
#include "migrate/stores/emlx_file.hpp"
#include "migrate/stores/folder_roles.hpp"
#include "migrate/stores/message_date.hpp"
#include "migrate/stores/message_file.hpp"
#include "migrate/stores/message_flags.hpp"

namespace mailassist::migrate {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 64;

bool ends_with_ci(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

bool is_emlx(std::string_view name) {
  return ends_with_ci(name, ".emlx");
}
bool is_message_file(std::string_view name) {
  return !name.empty() && name.front() != '.' && (ends_with_ci(name, ".eml") || is_emlx(name));
}
bool is_apple_mailbox(std::string_view name) {
  return ends_with_ci(name, ".mbox");
}

std::string folder_name(const fs::path& dir) {
  std::string name = utf8_path(dir.filename());
  return is_apple_mailbox(name) ? name.substr(0, name.size() - 5) : name;
}

struct DirListing {
  std::vector<fs::path> files;    // message files of this folder, sorted
  std::vector<fs::path> folders;  // subdirectories that are folders of their own, sorted
};

// What belongs to the folder at `dir`: its message files (for an Apple mailbox, also those
// in its non-mailbox subdirectories) and its subfolders.
void list_folder(const fs::path& dir, bool apple, int depth, DirListing& out) {
  if (depth > kMaxDepth) return;
  std::error_code ec;
  std::vector<fs::path> dirs;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = utf8_path(it->path().filename());
    std::error_code type_ec;
    if (it->is_directory(type_ec)) {
      if (!name.empty() && name.front() != '.') dirs.push_back(it->path());
    } else if (is_message_file(name) && it->is_regular_file(type_ec)) {
      out.files.push_back(it->path());
    }
  }
  for (const auto& d : dirs) {
    if (apple && !is_apple_mailbox(utf8_path(d.filename()))) {
      list_folder(d, apple, depth + 1, out);  // Apple's <uuid>/Data/... inside a mailbox
    } else {
      out.folders.push_back(d);
    }
  }
  std::sort(out.files.begin(), out.files.end());
  std::sort(out.folders.begin(), out.folders.end());
}

class EmlDirStore final : public MailStore {
 public:
  explicit EmlDirStore(fs::path root) : root_(std::move(root)) {}

  std::string description() const override {
    return "directory of message files " + utf8_path(root_);
  }

  Result<std::vector<SourceFolder>> folders(const CancelToken& cancel) override {
    std::vector<SourceFolder> out;
    DirListing top;
    list_folder(root_, is_apple_mailbox(utf8_path(root_.filename())), 0, top);
    if (!top.files.empty()) add(out, {folder_name(root_)}, root_, true);
    for (const auto& d : top.folders) {
      if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "cancelled");
      walk(d, {}, 0, out);
    }
    return out;
  }

  Result<void> scan(const SourceFolder& folder, const EnvelopeSink& sink,
                    const ProblemSink& problems, const CancelToken& cancel) override {
    if (!folder.holds_messages) return ok();
    fs::path dir = fs::u8path(folder.location);
    DirListing listing;
    list_folder(dir, is_apple_mailbox(utf8_path(dir.filename())), 0, listing);
    for (const auto& file : listing.files) {
      if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
      auto report = [&](std::string message) {
        if (problems) problems({utf8_path(file), std::move(message)});
      };
      MessageEnvelope m;
      m.key = utf8_path(file.lexically_relative(dir));
      m.location = utf8_path(file);
      std::uint64_t begin = 0;
      std::uint64_t end = UINT64_MAX;
      std::string name = utf8_path(file.filename());
      if (is_emlx(name)) {
        auto layout = read_emlx_layout(file);
        if (!layout) {
          report(layout.error().message);
          continue;
        }
        begin = layout->message_begin;
        end = layout->message_end;
        if (layout->flags) apply_emlx_flags(*layout->flags, m);
        if (layout->date_received) {
          std::chrono::sys_seconds t{std::chrono::seconds(*layout->date_received)};
          m.date = imap::InternalDate{t, local_utc_offset(t)};
        }
        if (ends_with_ci(name, ".partial.emlx"))
          report(
              "Apple Mail keeps this message's attachments in separate files: it is "
              "migrated without them");
      }
      auto info = measure_message_file(file, begin, end);
      if (!info || info->size == 0) {
        report(info ? "empty message file left out" : info.error().message);
        continue;
      }
      m.size = info->size;
      apply_header_flags(info->headers, m);
      fill_date_and_message_id(*info, file, m);
      if (sink && !sink(m)) break;
    }
    return ok();
  }

  Result<std::unique_ptr<MessageReader>> open(const SourceFolder& folder,
                                              const MessageEnvelope& message) override {
    fs::path file = fs::u8path(message.location);
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      // An envelope rebuilt from the key alone: the key is the path under the folder.
      auto relative = fs::u8path(message.key).lexically_normal();
      if (relative.empty() || relative.is_absolute() || *relative.begin() == "..")
        return make_error(ErrorKind::invalid_input, "not a message file key: " + message.key);
      file = fs::u8path(folder.location) / relative;
    }
    std::uint64_t begin = 0;
    std::uint64_t end = UINT64_MAX;
    if (is_emlx(utf8_path(file.filename()))) {
      auto layout = read_emlx_layout(file);
      if (!layout) return layout.error();
      begin = layout->message_begin;
      end = layout->message_end;
    }
    return open_crlf_range(CrlfRange{file, begin, end, false, message.size, message.location});
  }

 private:
  void add(std::vector<SourceFolder>& out, std::vector<std::string> path, const fs::path& dir,
           bool holds) {
    SourceFolder f;
    f.role = path.size() == 1 ? role_from_name(path.front()) : FolderRole::other;
    f.path = std::move(path);
    f.location = utf8_path(dir);
    f.holds_messages = holds;
    out.push_back(std::move(f));
  }

  // Adds the folder at `dir` and its subfolders; false when nothing below holds messages.
  bool walk(const fs::path& dir, std::vector<std::string> parent, int depth,
            std::vector<SourceFolder>& out) {
    if (depth > kMaxDepth) return false;
    DirListing listing;
    list_folder(dir, is_apple_mailbox(utf8_path(dir.filename())), 0, listing);
    parent.push_back(folder_name(dir));
    std::size_t at = out.size();
    add(out, parent, dir, !listing.files.empty());
    bool any = !listing.files.empty();
    for (const auto& d : listing.folders) any = walk(d, parent, depth + 1, out) || any;
    if (!any) out.erase(out.begin() + static_cast<long>(at), out.end());
    return any;
  }

  fs::path root_;
};

}  // namespace

std::unique_ptr<MailStore> make_eml_dir_store(const fs::path& root) {
  return std::make_unique<EmlDirStore>(root);
}

}  // namespace mailassist::migrate
