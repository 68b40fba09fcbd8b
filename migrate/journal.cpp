#include "migrate/journal.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

namespace mailassist::migrate {

namespace {

constexpr std::string_view kFileName = "journal";

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (char byte : bytes) {
    hash ^= static_cast<unsigned char>(byte);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// Tabs separate fields and newlines records, so both (and '%') are escaped in values.
std::string escape(std::string_view value) {
  std::string out;
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char byte : value) {
    auto c = static_cast<unsigned char>(byte);
    if (c == '%' || c == '\t' || c == '\n' || c == '\r') {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += byte;
    }
  }
  return out;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::optional<std::string> unescape(std::string_view value) {
  std::string out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '%') {
      out += value[i];
      continue;
    }
    if (i + 2 >= value.size()) return std::nullopt;
    int hi = hex_value(value[i + 1]), lo = hex_value(value[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

template <typename T>
std::optional<T> number(std::string_view text) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string hex64(std::uint64_t value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 15; i >= 0; --i, value >>= 4) out[static_cast<std::size_t>(i)] = kHex[value & 0xF];
  return out;
}

std::string optional_number(const std::optional<std::uint32_t>& n) {
  return n ? std::to_string(*n) : std::string();
}

}  // namespace

std::string format_journal_record(const JournalEntry& entry) {
  std::string fields = escape(entry.key.store) + '\t' + escape(entry.key.folder) + '\t' +
                       escape(entry.key.message) + '\t' + std::to_string(entry.key.size) + '\t' +
                       escape(entry.mailbox) + '\t' + optional_number(entry.uid_validity) + '\t' +
                       optional_number(entry.uid);
  return hex64(fnv1a(fields)) + ' ' + fields + '\n';
}

std::optional<JournalEntry> parse_journal_record(std::string_view line) {
  if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
  if (line.size() < 17 || line[16] != ' ') return std::nullopt;
  auto fields = line.substr(17);
  if (hex64(fnv1a(fields)) != line.substr(0, 16)) return std::nullopt;
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    auto tab = fields.find('\t', start);
    parts.push_back(fields.substr(start, tab == std::string_view::npos ? tab : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  if (parts.size() != 7) return std::nullopt;
  JournalEntry entry;
  auto store = unescape(parts[0]), folder = unescape(parts[1]), message = unescape(parts[2]),
       mailbox = unescape(parts[4]);
  auto size = number<std::uint64_t>(parts[3]);
  if (!store || !folder || !message || !mailbox || !size) return std::nullopt;
  entry.key = {std::move(*store), std::move(*folder), std::move(*message), *size};
  entry.mailbox = std::move(*mailbox);
  if (!parts[5].empty()) {
    entry.uid_validity = number<std::uint32_t>(parts[5]);
    if (!entry.uid_validity) return std::nullopt;
  }
  if (!parts[6].empty()) {
    entry.uid = number<std::uint32_t>(parts[6]);
    if (!entry.uid) return std::nullopt;
  }
  return entry;
}

std::size_t Journal::KeyHash::operator()(const PackedKey& k) const {
  return static_cast<std::size_t>(fnv1a(k.message) ^ (std::uint64_t{k.store} << 40) ^
                                  (std::uint64_t{k.folder} << 20) ^
                                  (k.size * 0x9E3779B97F4A7C15ULL));
}

std::uint32_t Journal::intern(const std::string& name) {
  auto [it, added] = name_ids_.emplace(name, static_cast<std::uint32_t>(names_.size()));
  if (added) names_.push_back(name);
  return it->second;
}

std::optional<std::uint32_t> Journal::interned(const std::string& name) const {
  auto found = name_ids_.find(name);
  if (found == name_ids_.end()) return std::nullopt;
  return found->second;
}

void Journal::insert(const JournalEntry& entry, bool this_run) {
  PackedKey key{intern(entry.key.store), intern(entry.key.folder), entry.key.message,
                entry.key.size};
  entries_.insert_or_assign(
      std::move(key), PackedValue{intern(entry.mailbox), entry.uid_validity, entry.uid, this_run});
}

JournalEntry Journal::unpack(const PackedKey& key, const PackedValue& value) const {
  return {{names_[key.store], names_[key.folder], key.message, key.size},
          names_[value.mailbox],
          value.uid_validity,
          value.uid,
          value.this_run};
}

Result<std::unique_ptr<Journal>> Journal::open(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return make_error(ErrorKind::io_error,
                      "cannot create the state directory " + dir.string() + ": " + ec.message());
  }
  const auto path = dir / kFileName;
  std::unique_ptr<Journal> journal(new Journal());
  auto lock = DirectoryLock::acquire(dir);
  if (!lock) return std::move(lock).error();
  journal->lock_ = std::move(*lock);
  std::string compacted;
  {
    std::ifstream in(path, std::ios::binary);
    std::string line;
    while (in && std::getline(in, line)) {
      // A last line without '\n' was torn by a crash: getline() hands it over all the
      // same, and its checksum (or its missing end) rejects it.
      bool whole = !in.eof();
      auto entry = whole ? parse_journal_record(line) : std::nullopt;
      if (!entry) {
        ++journal->replay_.dropped;
        continue;
      }
      ++journal->replay_.records;
      journal->insert(*entry, false);
    }
  }
  for (const auto& [key, value] : journal->entries_)
    compacted += format_journal_record(journal->unpack(key, value));
  std::uintmax_t keep = 0;
  if (journal->replay_.dropped > 0 || journal->replay_.records != journal->entries_.size()) {
    if (auto r = replace_file(path, compacted); !r) return std::move(r).error();
    keep = compacted.size();
  } else {
    keep = std::filesystem::exists(path, ec) ? std::filesystem::file_size(path, ec) : 0;
  }
  auto file = AppendFile::open(path, keep);
  if (!file) return std::move(file).error();
  journal->file_ = std::move(*file);
  return journal;
}

std::optional<JournalEntry> Journal::find(const JournalKey& key) const {
  std::lock_guard lock(mutex_);
  auto store = interned(key.store);
  auto folder = interned(key.folder);
  if (!store || !folder) return std::nullopt;
  auto found = entries_.find(PackedKey{*store, *folder, key.message, key.size});
  if (found == entries_.end()) return std::nullopt;
  return unpack(found->first, found->second);
}

std::size_t Journal::size() const {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

Result<void> Journal::record(const std::vector<JournalEntry>& entries) {
  if (entries.empty()) return ok();
  std::string batch;
  for (const auto& entry : entries) batch += format_journal_record(entry);
  std::lock_guard lock(mutex_);
  if (auto r = file_.append(batch); !r) return r;
  if (auto r = file_.sync(); !r) return r;
  for (const auto& entry : entries) insert(entry, true);
  return ok();
}

}  // namespace mailassist::migrate
