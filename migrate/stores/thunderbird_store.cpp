#include "migrate/stores/thunderbird_store.hpp"

#include <algorithm>
#include <array>
#include <map>
#include <system_error>

#include "core/ascii.hpp"
#include "migrate/stores/folder_roles.hpp"
#include "migrate/stores/mbox_scanner.hpp"
#include "migrate/stores/thunderbird_accounts.hpp"
#include "migrate/stores/thunderbird_maildir.hpp"

namespace mailassist::migrate {
namespace {

namespace fs = std::filesystem;

// Deeper than any real folder tree; stops a symlink loop of .sbd directories.
constexpr int kMaxDepth = 64;

std::string utf8(const fs::path& p) {
  auto u = p.u8string();
  return std::string(u.begin(), u.end());
}

struct MailRoot {
  fs::path dir;
  std::vector<std::string> prefix;  // the account's place in the folder tree
};

std::string joined(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& p : path) out += (out.empty() ? "" : "/") + p;
  return out;
}

class ThunderbirdStore final : public MailStore {
 public:
  ThunderbirdStore(std::string description, std::vector<MailRoot> roots)
      : description_(std::move(description)), roots_(std::move(roots)) {}

  std::string description() const override { return description_; }

  Result<std::vector<SourceFolder>> folders(const CancelToken& cancel) override {
    std::vector<SourceFolder> out;
    for (const auto& root : roots_) {
      std::error_code ec;
      if (!fs::is_directory(root.dir, ec))
        return make_error(ErrorKind::io_error, "cannot read " + root.dir.string());
      if (!root.prefix.empty()) {
        SourceFolder account;
        account.path = root.prefix;
        account.location = utf8(root.dir);
        account.holds_messages = false;
        out.push_back(std::move(account));
      }
      if (auto r = walk(root.dir, root.prefix, 0, cancel, out); !r) return r.error();
    }
    return out;
  }

  Result<void> scan(const SourceFolder& folder, const EnvelopeSink& sink,
                    const ProblemSink& problems, const CancelToken& cancel) override {
    if (!folder.holds_messages) return ok();
    fs::path where = fs::u8path(folder.location);
    if (is_thunderbird_maildir_folder(where))
      return scan_thunderbird_maildir(where, joined(folder.path), sink, problems, cancel);
    return scan_mbox(where, joined(folder.path), sink, problems, cancel);
  }

  Result<std::unique_ptr<MessageReader>> open(const SourceFolder& folder,
                                              const MessageEnvelope& message) override {
    fs::path where = fs::u8path(folder.location);
    if (is_thunderbird_maildir_folder(where))
      return open_thunderbird_maildir_message(where, message);
    return open_mbox_message(where, message);
  }

 private:
  // Adds the folders of one directory (an account's, or a .sbd) and their subfolders.
  Result<void> walk(const fs::path& dir, const std::vector<std::string>& parent, int depth,
                    const CancelToken& cancel, std::vector<SourceFolder>& out) {
    if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "listing folders cancelled");
    if (depth > kMaxDepth) return ok();
    struct Entry {
      bool file = false;
      bool sbd = false;
    };
    std::map<std::string, Entry> entries;  // by folder name, sorted
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = utf8(it->path().filename());
      std::error_code type_ec;
      if (it->is_directory(type_ec)) {
        if (name.size() > 4 && iequals(std::string_view(name).substr(name.size() - 4), ".sbd"))
          entries[name.substr(0, name.size() - 4)].sbd = true;
        else if (is_thunderbird_maildir_folder(it->path()))
          entries[name].file = true;  // Thunderbird's maildir store: a folder directory
      } else if (it->is_regular_file(type_ec) && !is_thunderbird_ignored_file(name)) {
        entries[name].file = true;
      }
    }
    if (ec) return make_error(ErrorKind::io_error, "cannot list " + dir.string());
    for (const auto& [name, entry] : entries) {
      SourceFolder folder;
      folder.path = parent;
      folder.path.push_back(name);
      folder.role = depth == 0 ? role_from_name(name) : FolderRole::other;
      folder.holds_messages = entry.file;
      folder.location = utf8(dir / fs::u8path(entry.file ? name : name + ".sbd"));
      out.push_back(folder);
      if (entry.sbd) {
        auto r = walk(dir / fs::u8path(name + ".sbd"), folder.path, depth + 1, cancel, out);
        if (!r) return r;
      }
    }
    return ok();
  }

  std::string description_;
  std::vector<MailRoot> roots_;
};

}  // namespace

bool is_thunderbird_ignored_file(std::string_view name) {
  if (name.empty() || name.front() == '.') return true;  // .DS_Store, editors' files
  static constexpr std::array<std::string_view, 17> kExtensions{
      ".msf", ".dat", ".snm", ".toc", ".html", ".htm", ".log",     ".json", ".sqlite",
      ".js",  ".bak", ".tmp", ".rej", ".ini",  ".xml", ".mozmsgs", ".sbd"};
  for (auto ext : kExtensions)
    if (name.size() > ext.size() && iequals(name.substr(name.size() - ext.size()), ext))
      return true;
  return iequals(name, "Thumbs.db");
}

std::unique_ptr<MailStore> make_thunderbird_profile_store(const fs::path& profile) {
  auto accounts = thunderbird_account_dirs(profile);
  std::vector<MailRoot> roots;
  std::string names;
  for (const auto& a : accounts) {
    std::vector<std::string> prefix;
    if (!a.local_folders && accounts.size() > 1) prefix.push_back(a.name);
    roots.push_back({a.path, prefix});
    names += (names.empty() ? "" : ", ") + a.name;
  }
  return std::make_unique<ThunderbirdStore>(
      "Thunderbird profile " + utf8(profile.filename()) + " (" + names + ")", std::move(roots));
}

std::unique_ptr<MailStore> make_thunderbird_mail_dir_store(const fs::path& dir) {
  return std::make_unique<ThunderbirdStore>("Thunderbird mail directory " + utf8(dir),
                                            std::vector<MailRoot>{{dir, {}}});
}

}  // namespace mailassist::migrate
