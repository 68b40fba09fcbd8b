#include "migrate/stores/mbox_store.hpp"

#include "core/ascii.hpp"
#include "migrate/stores/folder_roles.hpp"
#include "migrate/stores/mbox_scanner.hpp"

namespace mailassist::migrate {
namespace {

class MboxFileStore final : public MailStore {
 public:
  explicit MboxFileStore(std::filesystem::path file) : file_(std::move(file)) {}

  std::string description() const override { return "mbox file " + file_.string(); }

  Result<std::vector<SourceFolder>> folders(const CancelToken&) override {
    SourceFolder folder;
    folder.path = {mbox_folder_name(file_)};
    folder.role = role_from_name(folder.path.front());
    folder.location = file_.string();
    return std::vector<SourceFolder>{folder};
  }

  Result<void> scan(const SourceFolder& folder, const EnvelopeSink& sink,
                    const ProblemSink& problems, const CancelToken& cancel) override {
    return scan_mbox(file_, folder.path.empty() ? file_.string() : folder.path.back(), sink,
                     problems, cancel);
  }

  Result<std::unique_ptr<MessageReader>> open(const SourceFolder&,
                                              const MessageEnvelope& message) override {
    return open_mbox_message(file_, message);
  }

 private:
  std::filesystem::path file_;
};

}  // namespace

std::string mbox_folder_name(const std::filesystem::path& file) {
  auto ext = to_lower_ascii(file.extension().string());
  auto name = (ext == ".mbox" || ext == ".mbx") ? file.stem() : file.filename();
  auto utf8 = name.u8string();
  return std::string(utf8.begin(), utf8.end());
}

std::unique_ptr<MailStore> make_mbox_file_store(const std::filesystem::path& file) {
  return std::make_unique<MboxFileStore>(file);
}

}  // namespace mailassist::migrate
