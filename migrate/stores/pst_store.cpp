#include "migrate/stores/pst_store.hpp"

#include <libpst/libpst.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <mutex>
#include <unordered_map>

#include "migrate/stores/folder_roles.hpp"
#include "migrate/stores/message_file.hpp"
#include "migrate/stores/pst_item_message.hpp"
#include "migrate/stores/pst_recipient_table.hpp"

namespace mailassist::migrate {
namespace {

namespace fs = std::filesystem;

// libpst keeps global state (its iconv handles) and a FILE* per file: every call into it
// goes through this one lock.
std::mutex& libpst_lock() {
  static std::mutex lock;
  return lock;
}

constexpr std::uint64_t kNidTypeMask = 0x1F;  // [MS-PST] 2.2.2.1
constexpr std::uint64_t kNidTypeNormalFolder = 0x02;
constexpr std::uint64_t kNidTypeNormalMessage = 0x04;
constexpr int kMaxDepth = 64;

bool is_mail_container(const pst_item& folder) {
  // Mail folders are IPF.Note (or IPF.Imap, or unmarked); contacts, calendars and the
  // like have their own classes, and libpst gives them their own types.
  return folder.type == 0 || folder.type == PST_TYPE_NOTE || folder.type == PST_TYPE_OTHER ||
         folder.type == PST_TYPE_REPORT;
}

class StringReader final : public MessageReader {
 public:
  explicit StringReader(std::string bytes) : bytes_(std::move(bytes)) {}
  Result<std::size_t> read(std::span<char> buffer) override {
    std::size_t n = std::min(buffer.size(), bytes_.size() - at_);
    std::copy_n(bytes_.data() + at_, n, buffer.data());
    at_ += n;
    return n;
  }

 private:
  std::string bytes_;
  std::size_t at_ = 0;
};

class PstStore final : public MailStore {
 public:
  explicit PstStore(fs::path file) : file_(std::move(file)) {}

  ~PstStore() override {
    if (!opened_) return;
    std::lock_guard lock(libpst_lock());
    pst_close(&pst_);
  }

  Result<void> open_file() {
    std::lock_guard lock(libpst_lock());
    std::string name = utf8_path(file_);
    if (pst_open(&pst_, name.c_str(), nullptr) != 0)
      return make_error(ErrorKind::invalid_input,
                        name + " is not an Outlook .pst file libpst can read");
    if (pst_load_index(&pst_) != 0) {
      pst_close(&pst_);
      return make_error(ErrorKind::invalid_input, name + ": the .pst file's index cannot be read");
    }
    pst_load_extended_attributes(&pst_);
    pst_desc_tree* store_node = nullptr;
    for (pst_desc_tree* d = pst_.d_head; d; d = d->next)
      if (d->d_id == 0x21) store_node = d;  // NID_MESSAGE_STORE, [MS-PST] 2.4.3
    PstItemPtr store(store_node ? pst_parse_item(&pst_, store_node, nullptr) : nullptr);
    top_ = store ? pst_getTopOfFolders(&pst_, store.get()) : nullptr;
    if (!store || !store->message_store || !top_) {
      pst_close(&pst_);
      return make_error(ErrorKind::invalid_input, name + ": the .pst file has no folder tree");
    }
    if (store->message_store->deleted_items_folder)
      trash_id_ = store->message_store->deleted_items_folder->id;
    if (store->message_store->sent_items_folder)
      sent_id_ = store->message_store->sent_items_folder->id;
    opened_ = true;
    return ok();
  }

  std::string description() const override { return "Outlook data file " + utf8_path(file_); }

  Result<std::vector<SourceFolder>> folders(const CancelToken& cancel) override {
    std::lock_guard lock(libpst_lock());
    std::vector<SourceFolder> out;
    folder_nodes_.clear();
    walk(top_, {}, 0, out, cancel);
    if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "cancelled");
    return out;
  }

  Result<void> scan(const SourceFolder& folder, const EnvelopeSink& sink,
                    const ProblemSink& problems, const CancelToken& cancel) override {
    std::unique_lock lock(libpst_lock());
    auto node = folder_node(folder);
    if (!node) return node.error();
    std::string where = join(folder.path);
    for (pst_desc_tree* d = (*node)->child; d; d = d->next) {
      if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
      if ((d->d_id & kNidTypeMask) != kNidTypeNormalMessage) continue;
      MessageEnvelope m;
      m.key = std::to_string(d->d_id);
      m.location = where + ", message node " + m.key;
      auto report = [&](std::string text) {
        if (problems) problems({m.location, std::move(text)});
      };
      auto built = build(d, m.key);
      if (!built) {
        report(built.error().message);
        continue;
      }
      if (!*built) continue;  // not mail: a contact or meeting in a mail folder
      PstMessage& pm = **built;
      for (auto& p : pm.problems) report(p);
      m.size = pm.bytes.size();
      m.flags = std::move(pm.flags);
      m.date = pm.date;
      m.message_id = std::move(pm.message_id);
      messages_[m.key] = d;
      // The sink may take its time (the uploader hands envelopes to workers that call
      // open()): libpst is not held meanwhile.
      lock.unlock();
      bool more = !sink || sink(m);
      lock.lock();
      if (!more) break;
    }
    return ok();
  }

  Result<std::unique_ptr<MessageReader>> open(const SourceFolder& folder,
                                              const MessageEnvelope& message) override {
    std::lock_guard lock(libpst_lock());
    pst_desc_tree* d = nullptr;
    if (auto it = messages_.find(message.key); it != messages_.end()) {
      d = it->second;
    } else {
      auto node = folder_node(folder);
      if (!node) return node.error();
      for (pst_desc_tree* c = (*node)->child; c && !d; c = c->next)
        if (std::to_string(c->d_id) == message.key) d = c;
    }
    if (!d)
      return make_error(ErrorKind::invalid_input,
                        "no message " + message.key + " in " + join(folder.path));
    auto built = build(d, message.key);
    if (!built) return built.error();
    if (!*built) return make_error(ErrorKind::invalid_input, message.location + " is not mail");
    if ((*built)->bytes.size() != message.size)
      return make_error(ErrorKind::invalid_input,
                        message.location + " changed since it was scanned (size differs)");
    return std::unique_ptr<MessageReader>(
        std::make_unique<StringReader>(std::move((*built)->bytes)));
  }

 private:
  static std::string join(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : "/") + p;
    return out;
  }

  // Called with the lock held.
  Result<pst_desc_tree*> folder_node(const SourceFolder& folder) {
    if (folder_nodes_.empty()) {
      std::vector<SourceFolder> ignored;
      walk(top_, {}, 0, ignored, CancelToken());
    }
    auto it = folder_nodes_.find(folder.path);
    if (it == folder_nodes_.end())
      return make_error(ErrorKind::invalid_input,
                        "no folder " + join(folder.path) + " in " + utf8_path(file_));
    return it->second;
  }

  // The first data block of `bid`, decrypted by libpst; "" when it cannot be read.
  std::string block(std::uint64_t bid) {
    char* buffer = nullptr;
    std::size_t n = pst_ff_getIDblock_dec(&pst_, bid, &buffer);
    std::string out;
    if (buffer) {
      out.assign(buffer, n);
      std::free(buffer);
    }
    return out;
  }

  // The recipient table's rows, when the message has one we can read. Lock held.
  std::vector<PstRecipient> recipients(pst_desc_tree* d) {
    if (!d->assoc_tree) return {};
    auto table = subnode_data_block(block(d->assoc_tree->i_id), kNidRecipientTable);
    // A table spread over several blocks (an XBLOCK, bid bit 0x2) is not read.
    if (!table || (*table & 0x2)) return {};
    return read_recipient_table(block(*table));
  }

  // The message at `d`; nullopt (no error) for items that are not mail. Lock held.
  Result<std::optional<PstMessage>> build(pst_desc_tree* d, const std::string& key) {
    PstItemPtr item(pst_parse_item(&pst_, d, nullptr));
    if (!item) return make_error(ErrorKind::invalid_input, "libpst cannot read this message");
    if (!is_mail_item(*item)) return std::optional<PstMessage>();
    std::string raw = d->desc ? block(d->desc->i_id) : std::string();
    return std::optional<PstMessage>(make_pst_message(pst_, *item, raw, recipients(d), key));
  }

  // Lock held. Adds the mail folders below `node` (not `node` itself).
  void walk(pst_desc_tree* node, const std::vector<std::string>& parent, int depth,
            std::vector<SourceFolder>& out, const CancelToken& cancel) {
    if (!node || depth > kMaxDepth) return;
    for (pst_desc_tree* d = node->child; d; d = d->next) {
      if (cancel.cancelled()) return;
      if ((d->d_id & kNidTypeMask) != kNidTypeNormalFolder) continue;
      PstItemPtr item(pst_parse_item(&pst_, d, nullptr));
      if (!item || !item->folder || !is_mail_container(*item)) continue;
      pst_convert_utf8_null(item.get(), &item->file_as);
      std::string name = item->file_as.str ? item->file_as.str : "";
      if (name.empty()) name = "Folder " + std::to_string(d->d_id);
      std::vector<std::string> path = parent;
      path.push_back(name);
      if (folder_nodes_.contains(path)) {
        path.back() += " (" + std::to_string(d->d_id) + ")";  // two folders of one name
      }
      SourceFolder f;
      f.path = path;
      f.location = utf8_path(file_) + ": " + join(path);
      if (d->d_id == trash_id_) {
        f.role = FolderRole::trash;
      } else if (d->d_id == sent_id_) {
        f.role = FolderRole::sent;
      } else if (parent.empty()) {
        f.role = role_from_name(name);
      }
      folder_nodes_[path] = d;
      out.push_back(std::move(f));
      walk(d, path, depth + 1, out, cancel);
    }
  }

  fs::path file_;
  pst_file pst_{};
  bool opened_ = false;
  pst_desc_tree* top_ = nullptr;
  std::uint64_t trash_id_ = 0;
  std::uint64_t sent_id_ = 0;
  std::map<std::vector<std::string>, pst_desc_tree*> folder_nodes_;
  std::unordered_map<std::string, pst_desc_tree*> messages_;
};

}  // namespace

Result<std::unique_ptr<MailStore>> make_pst_store(const fs::path& file) {
  auto store = std::make_unique<PstStore>(file);
  auto opened = store->open_file();
  if (!opened) return opened.error();
  return std::unique_ptr<MailStore>(std::move(store));
}

}  // namespace mailassist::migrate
