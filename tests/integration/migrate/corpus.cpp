#include "corpus.hpp"

#include <algorithm>
#include <ctime>
#include <fstream>

namespace mailassist::testing {

namespace fs = std::filesystem;

namespace {

std::string from_line_date(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a %b %e %H:%M:%S %Y", &tm);
  return buffer;
}

std::vector<std::string> lines_of(const CorpusMessage& m) {
  char status[16];
  std::snprintf(status, sizeof status, "%04X", m.mozilla_status);
  std::vector<std::string> lines = {std::string("X-Mozilla-Status: ") + status,
                                    "X-Mozilla-Status2: 00000000"};
  if (!m.message_id.empty()) lines.push_back("Message-ID: " + m.message_id);
  lines.push_back("From: Ani <ani@example.test>");
  lines.push_back("Subject: " + m.subject);
  lines.push_back("");
  for (const auto& l : m.body) lines.push_back(l);
  return lines;
}

// mboxrd (RFC 4155 appendix): a body line matching ^>*From  gets one more '>'.
std::string quoted(const std::string& line) {
  auto p = line.find_first_not_of('>');
  return p != std::string::npos && line.compare(p, 5, "From ") == 0 ? ">" + line : line;
}

}  // namespace

std::vector<std::string> CorpusMessage::flags() const {
  std::vector<std::string> out;
  if (mozilla_status & 0x2) out.push_back("\\Answered");
  if (mozilla_status & 0x4) out.push_back("\\Flagged");
  if (mozilla_status & 0x1) out.push_back("\\Seen");
  if (mozilla_status & 0x1000) out.push_back("$Forwarded");
  std::sort(out.begin(), out.end());
  return out;
}

std::string CorpusMessage::bytes() const {
  std::string out;
  for (const auto& l : lines_of(*this)) out += l + "\r\n";
  for (std::size_t done = 0; done < padding; done += 77) out += std::string(76, 'x') + "\r\n";
  return out;
}

std::size_t Corpus::live() const {
  return static_cast<std::size_t>(std::count_if(messages.begin(), messages.end(),
                                                [](const auto& m) { return !m.mailbox.empty(); }));
}

Corpus write_thunderbird_corpus(const fs::path& dir, const CorpusOptions& options) {
  Corpus corpus;
  corpus.profile = dir / "abcd1234.default";
  const auto local = corpus.profile / "Mail" / "Local Folders";
  fs::create_directories(local);
  std::ofstream(corpus.profile / "prefs.js") << "// no accounts: Local Folders only\n";

  const std::int64_t day = 1705312800;  // 2024-01-15 10:00:00 UTC
  auto& m = corpus.messages;
  m.push_back({{"Inbox"},
               "INBOX",
               "<m1@example.test>",
               "first",
               {"Hello,", "From the start of a line", ">From already quoted", "bye"},
               0x1,
               day});
  m.push_back({{"Inbox"}, "", "<gone@example.test>", "expunged", {"deleted"}, 0x9, day + 60});
  m.push_back({{"Inbox"}, "INBOX", "<dup@example.test>", "same id A", {"body A"}, 0x0, day + 120});
  m.push_back(
      {{"Inbox"}, "INBOX", "<dup@example.test>", "same id B", {"body B, longer"}, 0x1, day + 180});
  m.push_back({{"Inbox"}, "INBOX", "", "no message id", {"anonymous"}, 0x4, day + 240});
  m.push_back(
      {{"Sent"}, "Sent", "<s1@example.test>", "terkirim", {"crlf line"}, 0x3, day + 300, true});
  m.push_back({{"Drafts"}, "Drafts", "<d1@example.test>", "draf", {"draft"}, 0x0, day + 360});
  m.push_back(
      {{"Kerja & Proyek"}, "Kerja & Proyek", "<k1@example.test>", "kerja", {"k"}, 0x1, day + 420});
  m.push_back({{"Kerja & Proyek", "Tokó"},
               "Kerja & Proyek/Tokó",
               "<t1@example.test>",
               "toko",
               {"t"},
               0x1004,
               day + 480});
  m.push_back(
      {{"Arsip", "2019"}, "Archive/2019", "<a1@example.test>", "arsip", {"a"}, 0x1, day + 540});
  for (std::size_t i = 0; i < options.bulk; ++i) {
    m.push_back({{"Bulk"},
                 "Bulk",
                 "<bulk" + std::to_string(i) + "@example.test>",
                 "bulk " + std::to_string(i),
                 {"message " + std::to_string(i), std::string(200 + i % 300, 'b')},
                 static_cast<unsigned>(i % 2),
                 day + 600 + static_cast<std::int64_t>(i)});
  }
  if (options.large) {
    CorpusMessage big{{"Besar"}, "Besar", "<big@example.test>", "30 MB", {"big"}, 0x1, day + 700};
    big.padding = 30 * 1000 * 1000;
    m.push_back(big);
    CorpusMessage over{{"Besar"}, "",       "<over@example.test>", "over the limit", {"over"},
                       0x1,       day + 760};
    over.padding = static_cast<std::size_t>(options.append_limit) + 1000;
    m.push_back(over);
  }

  // One mbox per folder; a parent that holds only subfolders exists only as ".sbd".
  // Written message by message, so the test process stays small (its peak memory would
  // otherwise show up in the CLI's: a forked child starts with the parent's pages).
  for (const auto& msg : m) {
    const char* nl = msg.crlf ? "\r\n" : "\n";
    fs::path path = local;
    for (std::size_t i = 0; i + 1 < msg.folder.size(); ++i)
      path /= fs::u8path(msg.folder[i] + ".sbd");
    fs::create_directories(path);
    std::ofstream out(path / fs::u8path(msg.folder.back()), std::ios::binary | std::ios::app);
    out << "From - " << from_line_date(msg.date) << nl;
    for (const auto& l : lines_of(msg)) out << quoted(l) << nl;
    const std::string pad(76, 'x');
    for (std::size_t done = 0; done < msg.padding; done += 77) out << pad << nl;
    out << nl;
  }
  return corpus;
}

std::string digest_tree(const fs::path& dir) {
  std::vector<std::string> entries;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    std::string entry = e.path().string();
    if (e.is_regular_file()) {
      std::ifstream in(e.path(), std::ios::binary);
      std::string content{std::istreambuf_iterator<char>(in), {}};
      std::uint64_t hash = 0xcbf29ce484222325ULL;
      for (char c : content) hash = (hash ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
      entry += " " + std::to_string(content.size()) + " " + std::to_string(hash) + " " +
               std::to_string(fs::last_write_time(e.path()).time_since_epoch().count());
    }
    entries.push_back(entry);
  }
  std::sort(entries.begin(), entries.end());
  std::string out;
  for (const auto& e : entries) out += e + "\n";
  return out;
}

}  // namespace mailassist::testing
