#include "migrate/stores/thunderbird_maildir.hpp"

#include <algorithm>
#include <system_error>
#include <vector>

#include "migrate/stores/crlf_reader.hpp"
#include "migrate/stores/message_file.hpp"
#include "migrate/stores/message_flags.hpp"

namespace mailassist::migrate {

namespace fs = std::filesystem;

bool is_thunderbird_maildir_folder(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir / "cur", ec);
}

Result<void> scan_thunderbird_maildir(const fs::path& dir, const std::string& label,
                                      const EnvelopeSink& sink, const ProblemSink& problems,
                                      const CancelToken& cancel) {
  std::vector<fs::path> files;
  std::error_code ec;
  for (fs::directory_iterator it(dir / "cur", ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = utf8_path(it->path().filename());
    std::error_code type_ec;
    if (!name.empty() && name.front() != '.' && it->is_regular_file(type_ec))
      files.push_back(it->path());
  }
  if (ec) return make_error(ErrorKind::io_error, "cannot list " + utf8_path(dir / "cur"));
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    if (cancel.cancelled()) return make_error(ErrorKind::cancelled, "scan cancelled");
    auto info = measure_message_file(file);
    if (!info || info->size == 0) {
      if (problems)
        problems({utf8_path(file), info ? "empty message file left out" : info.error().message});
      continue;
    }
    MessageEnvelope m;
    m.key = utf8_path(file.filename());
    m.location = label + ", " + m.key;
    m.size = info->size;
    apply_header_flags(info->headers, m);
    fill_date_and_message_id(*info, file, m);
    if (sink && !sink(m)) break;
  }
  return ok();
}

Result<std::unique_ptr<MessageReader>> open_thunderbird_maildir_message(
    const fs::path& dir, const MessageEnvelope& message) {
  auto file = dir / "cur" / fs::u8path(message.key);
  if (message.key.find('/') != std::string::npos || message.key.find('\\') != std::string::npos)
    return make_error(ErrorKind::invalid_input, "not a message file name: " + message.key);
  return open_crlf_range(CrlfRange{file, 0, UINT64_MAX, false, message.size, message.location});
}

}  // namespace mailassist::migrate
