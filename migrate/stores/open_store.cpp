#include "migrate/stores/open_store.hpp"

#include <fstream>
#include <system_error>

#include "core/ascii.hpp"
#include "migrate/stores/eml_dir_store.hpp"
#include "migrate/stores/line_reader.hpp"
#include "migrate/stores/maildir_store.hpp"
#include "migrate/stores/mbox_store.hpp"
#include "migrate/stores/message_date.hpp"
#include "migrate/stores/pst_store.hpp"
#include "migrate/stores/thunderbird_profiles.hpp"
#include "migrate/stores/thunderbird_store.hpp"

namespace mailassist::migrate {
namespace {

namespace fs = std::filesystem;

// The first non-blank line of the file's first few kilobytes is a From_ line.
bool starts_like_mbox(const fs::path& file) {
  auto lines = LineReader::open(file, 0, 4096, 4096);
  if (!lines) return false;
  LinePiece p;
  for (;;) {
    auto got = lines->next(p);
    if (!got || !*got) return false;
    if (!p.line_start) return false;
    if (p.line_end && p.text.empty()) continue;
    return p.line_end && is_from_line(p.text);
  }
}

bool is_dir(const fs::path& p) {
  std::error_code ec;
  return fs::is_directory(p, ec);
}

bool has_extension(const fs::path& p, std::string_view ext) {
  return iequals(p.extension().string(), ext);
}

// .eml/.emlx files somewhere below (Apple Mail keeps them a few levels down), looking at
// a bounded number of entries.
bool holds_message_files(const fs::path& dir) {
  std::error_code ec;
  int seen = 0;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end && ++seen < 5000;
       it.increment(ec)) {
    if (it.depth() > 8) it.disable_recursion_pending();
    if (has_extension(it->path(), ".eml") || has_extension(it->path(), ".emlx")) return true;
  }
  return false;
}

}  // namespace

bool has_pst_magic(const fs::path& file) {
  // [MS-PST] 2.2.2.6: dwMagic, the bytes "!BDN", at offset 0 of every PST and OST file.
  std::ifstream in(file, std::ios::binary);
  char magic[4] = {};
  return in.read(magic, sizeof magic) && std::string_view(magic, 4) == "!BDN";
}

#ifndef MAILASSIST_HAVE_LIBPST
Result<std::unique_ptr<MailStore>> make_pst_store(const fs::path& file) {
  return make_error(ErrorKind::invalid_input,
                    file.string() +
                        " is an Outlook .pst file, but this build has no Outlook .pst " +
                        "support (libpst was not found when it was built)");
}
#endif

Result<StoreKind> detect_store(const fs::path& path) {
  std::error_code ec;
  auto status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    return make_error(ErrorKind::invalid_input, path.string() + " does not exist");
  if (fs::is_regular_file(status)) {
    if (has_pst_magic(path)) return StoreKind::pst_file;
    if (starts_like_mbox(path)) return StoreKind::mbox_file;
    return make_error(ErrorKind::invalid_input,
                      path.string() +
                          " is neither an mbox file (it does not start with a From_ line) nor an " +
                          "Outlook .pst file");
  }
  if (!fs::is_directory(status))
    return make_error(ErrorKind::invalid_input, path.string() + " is not a file or directory");
  if (fs::exists(path / "prefs.js", ec) || fs::exists(path / "profiles.ini", ec) ||
      is_dir(path / "Mail"))
    return StoreKind::thunderbird_profile;
  if (is_dir(path / "cur") && is_dir(path / "new")) return StoreKind::maildir;
  bool mbox_like = false;
  bool eml_like = false;
  bool maildir_like = false;
  int looked = 0;
  for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    const auto& p = it->path();
    if (has_extension(p, ".msf") || (has_extension(p, ".sbd") && is_dir(p))) mbox_like = true;
    // A directory of bare mbox files (exported, or copied without their .msf files).
    if (!mbox_like && ++looked <= 64 && it->is_regular_file(ec) && starts_like_mbox(p))
      mbox_like = true;
    if (has_extension(p, ".eml") || has_extension(p, ".emlx")) eml_like = true;
    // Maildir++ subfolders without a top-level cur/, or plain nested Maildirs.
    if (is_dir(p) && is_maildir(p)) maildir_like = true;
  }
  if (mbox_like) return StoreKind::thunderbird_mail_dir;
  if (maildir_like) return StoreKind::maildir;
  if (eml_like || holds_message_files(path)) return StoreKind::eml_dir;
  return make_error(
      ErrorKind::invalid_input,
      path.string() + " holds no mail store I know (mbox files with .msf, Maildir, .eml)");
}

Result<std::unique_ptr<MailStore>> open_store(const fs::path& path) {
  auto kind = detect_store(path);
  if (!kind) return kind.error();
  switch (*kind) {
    case StoreKind::mbox_file: return make_mbox_file_store(path);
    case StoreKind::thunderbird_profile: {
      std::error_code ec;
      if (!fs::exists(path / "profiles.ini", ec)) return make_thunderbird_profile_store(path);
      // Thunderbird's own directory: its default profile (or its only one).
      auto profiles = read_thunderbird_profiles(path);
      if (!profiles) return profiles.error();
      for (const auto& p : *profiles)
        if (p.is_default || profiles->size() == 1) return make_thunderbird_profile_store(p.path);
      return make_error(ErrorKind::invalid_input,
                        path.string() + " lists several Thunderbird profiles and no default: " +
                            "give the profile's directory");
    }
    case StoreKind::thunderbird_mail_dir: return make_thunderbird_mail_dir_store(path);
    case StoreKind::maildir: return make_maildir_store(path);
    case StoreKind::eml_dir: return make_eml_dir_store(path);
    case StoreKind::pst_file: return make_pst_store(path);
  }
  return make_error(ErrorKind::internal, "unknown kind of store");
}

}  // namespace mailassist::migrate
