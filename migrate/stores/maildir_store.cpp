#include "migrate/stores/maildir_store.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <system_error>

#include "migrate/stores/crlf_reader.hpp"
#include "migrate/stores/folder_roles.hpp"
#include "migrate/stores/message_date.hpp"
#include "migrate/stores/message_file.hpp"
#include "migrate/stores/message_flags.hpp"
#include "protocols/imap/mailbox_name.hpp"

namespace mailassist::migrate {
namespace {

namespace fs = std::filesystem;

constexpr int kMaxDepth = 64;

// Where the info suffix starts: ":2," (or ";2," / "!2," where ':' cannot be in a name).
std::size_t info_start(std::string_view name) {
  for (std::string_view sep : {":2,", ";2,", "!2,"}) {
    auto at = name.rfind(sep);
    if (at != std::string_view::npos) return at;
  }
  return std::string_view::npos;
}

std::string decoded(const std::string& on_disk) {
  auto name = imap::decode_mailbox_name(on_disk);
  return name ? *name : on_disk;
}

// dovecot-keywords: "N keyword" per line, N = 0 for letter 'a'.
std::vector<std::string> read_keywords(const fs::path& dir) {
  std::vector<std::string> keywords;
  std::ifstream in(dir / "dovecot-keywords", std::ios::binary);
  std::string line;
  while (std::getline(in, line)) {
    auto space = line.find(' ');
    unsigned index = 0;
    auto [end, ec] =
        std::from_chars(line.data(), line.data() + std::min(space, line.size()), index);
    if (ec != std::errc{} || space == std::string::npos || index >= 26) continue;
    std::string keyword = line.substr(space + 1);
    while (!keyword.empty() && (keyword.back() == '\r' || keyword.back() == ' '))
      keyword.pop_back();
    if (keywords.size() <= index) keywords.resize(index + 1);
    keywords[index] = keyword;
  }
  return keywords;
}

// The delivery time that starts a unique name, when it is a plausible one (1990..2100).
std::optional<imap::InternalDate> name_date(std::string_view name) {
  std::int64_t seconds = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), seconds);
  if (ec != std::errc{} || end == name.data() || end == name.data() + name.size() || *end != '.' ||
      seconds < 631152000 || seconds > 4102444800)
    return std::nullopt;
  std::chrono::sys_seconds instant{std::chrono::seconds(seconds)};
  return imap::InternalDate{instant, local_utc_offset(instant)};
}

class MaildirStore final : public MailStore {
 public:
  explicit MaildirStore(fs::path root) : root_(std::move(root)) {}

  std::string description() const override { return "Maildir " + utf8_path(root_); }

  Result<std::vector<SourceFolder>> folders(const CancelToken& cancel) override {
    std::map<std::vector<std::string>, SourceFolder> found;
    auto add = [&](std::vector<std::string> path, const fs::path& dir, bool holds) {
      if (found.count(path)) return;
      SourceFolder f;
      f.path = path;
      f.role = path.size() == 1 ? role_from_name(path.front()) : FolderRole::other;
      f.location = utf8_path(dir);
      f.holds_messages = holds;
      found.emplace(std::move(path), std::move(f));
    };
    if (is_maildir(root_)) add({"Inbox"}, root_, true);
    std::error_code ec;
    for (fs::directory_iterator it(root_, ec), end; !ec && it != end; it.increment(ec)) {
      if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "cancelled");
      std::string name = utf8_path(it->path().filename());
      std::error_code type_ec;
      if (!it->is_directory(type_ec)) continue;
      if (name.size() > 1 && name.front() == '.' && name != "..") {
        if (!is_maildir(it->path())) continue;
        // Maildir++: ".a.b" is folder b inside a.
        std::vector<std::string> path;
        std::string_view rest = std::string_view(name).substr(1);
        while (true) {
          auto dot = rest.find('.');
          path.push_back(decoded(std::string(rest.substr(0, dot))));
          if (dot == std::string_view::npos) break;
          rest.remove_prefix(dot + 1);
        }
        if (std::any_of(path.begin(), path.end(), [](auto& p) { return p.empty(); })) continue;
        add(path, it->path(), true);
      } else if (name != "cur" && name != "new" && name != "tmp") {
        walk_plain(it->path(), {name}, 0, add);
      }
    }
    if (ec) return make_error(ErrorKind::io_error, "cannot list " + root_.string());
    // Parents of Maildir++ folders that have no directory of their own.
    std::vector<std::vector<std::string>> missing;
    for (const auto& [path, folder] : found)
      for (std::size_t n = 1; n < path.size(); ++n) {
        std::vector<std::string> parent(path.begin(), path.begin() + static_cast<long>(n));
        if (!found.count(parent)) missing.push_back(parent);
      }
    for (auto& parent : missing) add(parent, root_, false);
    std::vector<SourceFolder> out;
    for (auto& [path, folder] : found) out.push_back(std::move(folder));
    return out;  // map order: every parent before its children
  }

  Result<void> scan(const SourceFolder& folder, const EnvelopeSink& sink,
                    const ProblemSink& problems, const CancelToken& cancel) override {
    if (!folder.holds_messages) return ok();
    fs::path dir = fs::u8path(folder.location);
    if (!is_maildir(dir))
      return make_error(ErrorKind::io_error, folder.location + " is not a Maildir any more");
    auto keywords = read_keywords(dir);
    struct File {
      std::string name;
      fs::path path;
      bool in_new;
    };
    std::vector<File> files;
    for (bool in_new : {true, false}) {
      std::error_code ec;
      for (fs::directory_iterator it(dir / (in_new ? "new" : "cur"), ec), end; !ec && it != end;
           it.increment(ec)) {
        std::string name = utf8_path(it->path().filename());
        std::error_code type_ec;
        if (name.empty() || name.front() == '.' || !it->is_regular_file(type_ec)) continue;
        files.push_back({name, it->path(), in_new});
      }
    }
    std::sort(files.begin(), files.end(), [](const File& a, const File& b) {
      return maildir_unique_name(a.name) < maildir_unique_name(b.name);
    });
    for (const auto& f : files) {
      if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
      auto info = measure_message_file(f.path);
      if (!info || info->size == 0) {
        if (problems)
          problems(
              {utf8_path(f.path), info ? "empty message file left out" : info.error().message});
        continue;
      }
      MessageEnvelope m;
      m.key = std::string(maildir_unique_name(f.name));
      m.location = utf8_path(f.path);
      m.size = info->size;
      apply_maildir_info(f.name, f.in_new, keywords, m);
      m.date = name_date(f.name);
      fill_date_and_message_id(*info, f.path, m);
      if (sink && !sink(m)) break;
    }
    return ok();
  }

  Result<std::unique_ptr<MessageReader>> open(const SourceFolder& folder,
                                              const MessageEnvelope& message) override {
    fs::path file = fs::u8path(message.location);
    std::error_code ec;
    if (!fs::exists(file, ec)) {
      // A client moved it (new/ -> cur/) or changed its flags since the scan: find it by
      // its unique name.
      fs::path dir = fs::u8path(folder.location);
      for (const char* sub : {"cur", "new"})
        for (fs::directory_iterator it(dir / sub, ec), end; !ec && it != end; it.increment(ec))
          if (maildir_unique_name(utf8_path(it->path().filename())) == message.key)
            file = it->path();
    }
    return open_crlf_range(CrlfRange{file, 0, UINT64_MAX, false, message.size, message.location});
  }

 private:
  template <typename Add>
  void walk_plain(const fs::path& dir, std::vector<std::string> path, int depth, Add& add) {
    if (depth > kMaxDepth) return;
    bool maildir = is_maildir(dir);
    std::vector<std::pair<std::string, fs::path>> children;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::string name = utf8_path(it->path().filename());
      if (name.empty() || name.front() == '.' || name == "cur" || name == "new" || name == "tmp")
        continue;
      std::error_code type_ec;
      if (it->is_directory(type_ec)) children.emplace_back(name, it->path());
    }
    if (!maildir && !contains_maildir(dir, depth)) return;
    add(path, dir, maildir);
    for (auto& [name, child] : children) {
      auto sub = path;
      sub.push_back(name);
      walk_plain(child, sub, depth + 1, add);
    }
  }

  bool contains_maildir(const fs::path& dir, int depth) {
    if (depth > kMaxDepth) return false;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      if (it->is_directory(type_ec) &&
          (is_maildir(it->path()) || contains_maildir(it->path(), depth + 1)))
        return true;
    }
    return false;
  }

  fs::path root_;
};

}  // namespace

bool is_maildir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "cur", ec) && fs::is_directory(dir / "new", ec);
}

std::string_view maildir_unique_name(std::string_view file_name) {
  return file_name.substr(0, info_start(file_name));
}

void apply_maildir_info(std::string_view file_name, bool in_new,
                        const std::vector<std::string>& keywords, MessageEnvelope& message) {
  auto at = info_start(file_name);
  if (at == std::string_view::npos) return;
  for (char c : file_name.substr(at + 3)) {
    switch (c) {
      case 'S':
        if (!in_new) add_flag(message, "\\Seen");
        break;
      case 'R': add_flag(message, "\\Answered"); break;
      case 'F': add_flag(message, "\\Flagged"); break;
      case 'D': add_flag(message, "\\Draft"); break;
      case 'P': add_flag(message, "$Forwarded"); break;
      case 'T': message.deleted = true; break;
      default:
        if (c >= 'a' && c <= 'z') {
          auto index = static_cast<std::size_t>(c - 'a');
          if (index < keywords.size() && is_valid_keyword(keywords[index]))
            add_flag(message, keywords[index]);
        }
        break;
    }
  }
}

std::unique_ptr<MailStore> make_maildir_store(const fs::path& root) {
  return std::make_unique<MaildirStore>(root);
}

}  // namespace mailassist::migrate
