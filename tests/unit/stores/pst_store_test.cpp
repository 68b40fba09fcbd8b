// The .pst store on a real PST file: tests/tools/make_pst.py writes it ([MS-PST], checked
// with readpst), libpst reads it. Python's email package, which shares no code with us,
// parses every message we produce.
#include "migrate/stores/pst_store.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>

#include "core/base64.hpp"
#include "migrate/stores/open_store.hpp"
#include "migrate/stores/pst_recipient_table.hpp"
#include "store_test_support.hpp"

namespace mailassist::migrate {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;
using testing::TempDir;
using ::testing::UnorderedElementsAre;

namespace fs = std::filesystem;

fs::path make_pst(const TempDir& dir, const std::string& name = "outlook.pst") {
  fs::path out = dir / name;
  std::string command = std::string("python3 '") + MAILASSIST_MAKE_PST + "' '" + out.string() + "'";
  EXPECT_EQ(std::system(command.c_str()), 0) << command;
  return out;
}

std::string slurp(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class PstStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    file_ = make_pst(dir_);
    auto store = open_store(file_);
    ASSERT_TRUE(store) << store.error().message;
    store_ = std::move(*store);
    auto folders = store_->folders(CancelToken{});
    ASSERT_TRUE(folders) << folders.error().message;
    folders_ = *folders;
  }

  const SourceFolder& folder(std::vector<std::string> path) {
    for (const auto& f : folders_)
      if (f.path == path) return f;
    ADD_FAILURE() << "no folder " << path.back();
    return folders_.front();
  }

  // Subject line -> envelope, for the folder.
  std::map<std::string, std::pair<MessageEnvelope, std::string>> messages(const SourceFolder& f) {
    std::map<std::string, std::pair<MessageEnvelope, std::string>> out;
    auto scanned = testing::scan_all(*store_, f);
    EXPECT_THAT(scanned.problems, IsEmpty());
    for (const auto& m : scanned.messages) {
      std::string bytes = testing::read_message(*store_, f, m);
      EXPECT_EQ(bytes.size(), m.size) << m.location;
      out[m.message_id] = {m, bytes};
    }
    return out;
  }

  TempDir dir_;
  fs::path file_;
  std::unique_ptr<MailStore> store_;
  std::vector<SourceFolder> folders_;
};

TEST_F(PstStoreTest, FoldersAreOutlooksTreeWithRolesParentsFirst) {
  std::vector<std::pair<std::vector<std::string>, FolderRole>> got;
  for (const auto& f : folders_) got.push_back({f.path, f.role});
  using P = std::vector<std::string>;
  EXPECT_THAT(got, ElementsAre(std::pair{P{"Inbox"}, FolderRole::inbox},
                               std::pair{P{"Sent Items"}, FolderRole::sent},
                               std::pair{P{"Deleted Items"}, FolderRole::trash},
                               std::pair{P{"Drafts"}, FolderRole::drafts},
                               std::pair{P{"Outbox"}, FolderRole::other},
                               std::pair{P{"Junk E-mail"}, FolderRole::junk},
                               std::pair{P{"Kerja & Proyek"}, FolderRole::other},
                               std::pair{P{"Kerja & Proyek", "Tokó"}, FolderRole::other}));
  EXPECT_THAT(store_->description(), HasSubstr("outlook.pst"));
}

TEST_F(PstStoreTest, CountsFlagsDatesAndMessageIds) {
  std::map<std::vector<std::string>, std::size_t> counts;
  for (const auto& f : folders_) counts[f.path] = testing::scan_all(*store_, f).messages.size();
  EXPECT_EQ(counts[{"Inbox"}], 2u);
  EXPECT_EQ(counts[{"Sent Items"}], 1u);
  EXPECT_EQ(counts[{"Deleted Items"}], 1u);
  EXPECT_EQ(counts[{"Drafts"}], 1u);
  EXPECT_EQ(counts[{"Kerja & Proyek"}], 1u);
  EXPECT_EQ(counts[{"Outbox"}], 0u);
  EXPECT_EQ((counts[{"Kerja & Proyek", "Tokó"}]), 1u);

  auto inbox = messages(folder({"Inbox"}));
  ASSERT_EQ(inbox.size(), 2u);
  const auto& report = inbox.at("<laporan-q3@contoh.co.id>").first;
  EXPECT_THAT(report.flags, UnorderedElementsAre("\\Seen", "\\Flagged"));
  ASSERT_TRUE(report.date);
  // Delivery time 2026-11-03 09:15:02 +0700, in UTC.
  EXPECT_EQ(imap::format_internal_date(*report.date), "03-Nov-2026 02:15:02 +0000");
  EXPECT_FALSE(report.deleted);
  const auto& meeting = inbox.at("<rapat-besok@contoh.co.id>").first;
  EXPECT_THAT(meeting.flags, ElementsAre("\\Answered"));  // unread, replied to
  EXPECT_EQ(imap::format_internal_date(*meeting.date), "05-Nov-2026 01:00:05 +0000");

  auto sent = messages(folder({"Sent Items"}));
  const auto& reply = sent.at("<re-rapat@example.net>").first;
  EXPECT_THAT(reply.flags, UnorderedElementsAre("\\Seen", "$Forwarded"));
  // No delivery time: the client submit time.
  EXPECT_EQ(imap::format_internal_date(*reply.date), "05-Nov-2026 02:30:00 +0000");

  // A draft: unsent, dated by its last change.
  auto drafts = testing::scan_all(*store_, folder({"Drafts"}));
  ASSERT_EQ(drafts.messages.size(), 1u);
  EXPECT_THAT(drafts.messages[0].flags, UnorderedElementsAre("\\Seen", "\\Draft"));
  EXPECT_EQ(imap::format_internal_date(*drafts.messages[0].date), "06-Nov-2026 13:00:00 +0000");

  auto trash = messages(folder({"Deleted Items"}));
  ASSERT_EQ(trash.size(), 1u);
  EXPECT_EQ(trash.begin()->first, "");  // no Message-ID in the source: none made up
}

TEST_F(PstStoreTest, TransportHeadersAreKeptAndTheBodyIsRebuiltWithItsAttachment) {
  auto inbox = messages(folder({"Inbox"}));
  const std::string& bytes = inbox.at("<laporan-q3@contoh.co.id>").second;
  // The header as it arrived, without its own MIME fields (their boundary is gone).
  EXPECT_TRUE(bytes.starts_with("Return-Path: <budi@contoh.co.id>\r\nReceived: from "));
  EXPECT_THAT(bytes, HasSubstr("\r\n\tby pop.example.net with ESMTPS;"));
  EXPECT_THAT(bytes, HasSubstr("\r\nX-Mailer: Contoh Mail 1.0\r\n"));
  EXPECT_THAT(bytes, Not(HasSubstr("Part_original")));
  EXPECT_THAT(bytes, HasSubstr("MIME-Version: 1.0\r\nContent-Type: multipart/mixed;"));
  EXPECT_THAT(bytes, HasSubstr("Content-Type: multipart/alternative;"));
  EXPECT_THAT(bytes, HasSubstr("Content-Type: text/html; charset=\"utf-8\""));
  EXPECT_THAT(bytes, HasSubstr("filename*=utf-8''Laporan%20Q3%20%E2%80%94%20ringkas.pdf"));
  // Every line ends in CRLF.
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (bytes[i] == '\n') {
      ASSERT_TRUE(i > 0 && bytes[i - 1] == '\r') << "bare LF at " << i;
    }
  }
  // The attachment's bytes come back exactly (every byte value, four times).
  auto begin = bytes.find("\r\n\r\n", bytes.find("Content-Type: application/pdf"));
  ASSERT_NE(begin, std::string::npos);
  auto end = bytes.find("\r\n--", begin);
  std::string b64;
  for (char c : bytes.substr(begin + 4, end - begin - 4))
    if (c != '\r' && c != '\n') b64 += c;
  auto decoded = base64_decode(b64);
  ASSERT_TRUE(decoded);
  std::string expected;
  for (int r = 0; r < 4; ++r)
    for (int i = 0; i < 256; ++i) expected += static_cast<char>(i);
  EXPECT_EQ(*decoded, expected);
  // The same bytes on every open (the uploader's duplicate check needs it).
  EXPECT_EQ(messages(folder({"Inbox"})).at("<laporan-q3@contoh.co.id>").second, bytes);
}

TEST_F(PstStoreTest, AnAttachedOutlookMessageIsAMessageRfc822Part) {
  auto sent = messages(folder({"Sent Items"}));
  const std::string& bytes = sent.at("<re-rapat@example.net>").second;
  EXPECT_THAT(bytes, HasSubstr("Content-Type: message/rfc822\r\n"
                               "Content-Transfer-Encoding: 7bit\r\n"
                               "Content-Disposition: attachment\r\n\r\n"
                               "From: Citra Lestari <citra@contoh.co.id>\r\n"
                               "To: Ani Wijaya:;\r\n"
                               "Subject: =?UTF-8?B?SmFkd2FsIHJ1YW5nIFRva8Oz?=\r\n"
                               "Date: Wed, 04 Nov 2026 09:00:00 +0000\r\n"
                               "Message-ID: <jadwal-ruang@contoh.co.id>\r\n"));
  EXPECT_EQ(bytes.find("Ruang Tok"), std::string::npos);  // its body is base64 (not ASCII)
}

TEST_F(PstStoreTest, AnExchangeRecipientGetsItsSmtpAddressAndNamesAloneAreEmptyGroups) {
  auto sent = messages(folder({"Sent Items"}));
  EXPECT_THAT(sent.at("<re-rapat@example.net>").second,
              HasSubstr("\r\nTo: Budi Santoso <budi@contoh.co.id>\r\n"));
  // The draft has no recipient table: PR_DISPLAY_TO's name, as a group without members.
  auto drafts = testing::scan_all(*store_, folder({"Drafts"}));
  ASSERT_EQ(drafts.messages.size(), 1u);
  EXPECT_THAT(testing::read_message(*store_, folder({"Drafts"}), drafts.messages[0]),
              HasSubstr("\r\nTo: Budi Santoso:;\r\n"));
}

TEST_F(PstStoreTest, WithoutTransportHeadersTheHeaderIsMadeFromProperties) {
  auto inbox = messages(folder({"Inbox"}));
  const std::string& bytes = inbox.at("<rapat-besok@contoh.co.id>").second;
  EXPECT_TRUE(bytes.starts_with("From: Budi Santoso <budi@contoh.co.id>\r\n")) << bytes;
  // Addresses from the recipient table: PR_SMTP_ADDRESS, or PR_EMAIL_ADDRESS of type SMTP.
  EXPECT_THAT(bytes, HasSubstr("\r\nTo: Ani Wijaya <ani@example.net>\r\n"
                               "Cc: Citra Lestari <citra@contoh.co.id>\r\n"));
  EXPECT_THAT(bytes, HasSubstr("\r\nSubject: =?UTF-8?B?UmFwYXQgYmVzb2sg4oCUIGphbSAxMA==?=\r\n"));
  EXPECT_THAT(bytes, HasSubstr("\r\nDate: Thu, 05 Nov 2026 01:00:00 +0000\r\n"));
  EXPECT_THAT(bytes, HasSubstr("\r\nMessage-ID: <rapat-besok@contoh.co.id>\r\n"));
  // One text part, base64 because it is not ASCII.
  EXPECT_THAT(bytes, HasSubstr("Content-Type: text/plain; charset=\"utf-8\"\r\n"
                               "Content-Transfer-Encoding: base64\r\n\r\n"));
}

TEST_F(PstStoreTest, PythonsEmailParserReadsEveryMessageBackWithoutDefects) {
  int n = 0;
  for (const auto& f : folders_) {
    for (const auto& [id, m] : messages(f)) {
      dir_.write("eml/" + std::to_string(n++) + ".eml", m.second);
    }
  }
  ASSERT_EQ(n, 7);
  // For each message: its defects, its subject, its parts' types and attachment names
  // and sizes, as Python's email package (policy=default) sees them.
  std::string script = dir_.write("check.py", R"(
import email, email.policy, pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1]).glob('*.eml')):
    m = email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
    parts = [x for x in m.walk()]
    defects = sum(len(x.defects) for x in parts)
    atts = [('message', str(a.get_content()['subject'])) if a.get_content_type() == 'message/rfc822'
            else (a.get_filename(), len(a.get_content())) for a in m.iter_attachments()]
    body = m.get_body(('plain', 'html'))
    print(p.stem, defects, m['subject'], [x.get_content_type() for x in parts], atts,
          body.get_content().strip()[:20] if body else None)
)")
                           .string();
  std::string out_file = (dir_ / "out.txt").string();
  std::string command =
      "python3 '" + script + "' '" + (dir_ / "eml").string() + "' > '" + out_file + "'";
  ASSERT_EQ(std::system(command.c_str()), 0);
  std::string out = slurp(out_file);
  EXPECT_THAT(out, Not(HasSubstr(" 1 "))) << out;  // no message has a defect
  EXPECT_THAT(out, HasSubstr("0 Laporan kuartal — lampiran ['multipart/mixed', "
                             "'multipart/alternative', 'text/plain', 'text/html', "
                             "'application/pdf'] [('Laporan Q3 — ringkas.pdf', 1024)] "
                             "Terlampir laporan ku"))
      << out;
  EXPECT_THAT(out, HasSubstr("0 Rapat besok — jam 10 ['text/plain'] [] Halo Ani,"));
  // An attached Outlook message, rebuilt as message/rfc822.
  EXPECT_THAT(out, HasSubstr("0 Re: Rapat besok ['multipart/mixed', 'text/html', "
                             "'message/rfc822', 'text/plain'] [('message', 'Jadwal ruang Tokó')] "
                             "<p>Baik, sampai"));
  // A body only in RTF travels whole as an attachment.
  EXPECT_THAT(out, HasSubstr("0 Catatan rapat (RTF) ['multipart/mixed', 'text/plain', "
                             "'application/rtf'] [('message.rtf', 77)]"));
}

// The generator checked by readpst (pst-utils, scripts/bootstrap): the same folders and
// one file per message, the attachment's message the biggest.
TEST(PstStoreDetect, ReadpstReadsTheGeneratedFile) {
  TempDir dir;
  auto pst = make_pst(dir);
  fs::create_directories(dir / "out");
  std::string command = "readpst -q -D -M -o '" + (dir / "out").string() + "' '" + pst.string() +
                        "' > /dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << "readpst (pst-utils) missing or failed";
  std::map<std::string, int> files;
  fs::path root = dir / "out" / "MailAssist test PST";
  for (const auto& e : fs::recursive_directory_iterator(dir / "out"))
    if (e.is_regular_file()) ++files[e.path().parent_path().lexically_relative(root).string()];
  EXPECT_EQ(files, (std::map<std::string, int>{{"Inbox", 2},
                                               {"Sent Items", 1},
                                               {"Deleted Items", 1},
                                               {"Drafts", 1},
                                               {"Kerja & Proyek", 1},
                                               {"Kerja & Proyek/Tokó", 1}}));
}

// A recipient table as pst_writer.py lays it out, then every truncation and many single
// byte changes of it: read safely, and the intact one gives its rows.
TEST(PstRecipientTable, ReadsRowsAndSurvivesDamage) {
  TempDir dir;
  fs::path tools = fs::path(MAILASSIST_MAKE_PST).parent_path();
  std::string command = "python3 -c \"import sys; sys.path.insert(0, '" + tools.string() +
                        "'); import pst_writer as w; sys.stdout.buffer.write(w.table_context("
                        "[0x0C150003, 0x3001001F, 0x3002001F, 0x39FE001F], "
                        "[{0x67F20003: 0, 0x0C150003: 1, 0x3001001F: 'Tok\\u00f3 Buku', "
                        "0x39FE001F: 'toko@buku.example'}, "
                        "{0x67F20003: 1, 0x0C150003: 3, 0x3001001F: 'Ani'}]))\" > '" +
                        (dir / "table.bin").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::string table = slurp(dir / "table.bin");
  auto rows = read_recipient_table(table);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].type, 1);
  EXPECT_EQ(rows[0].name, "Tokó Buku");
  EXPECT_EQ(rows[0].address, "toko@buku.example");
  EXPECT_EQ(rows[1].type, 3);
  EXPECT_EQ(rows[1].name, "Ani");
  EXPECT_EQ(rows[1].address, "");
  for (std::size_t n = 0; n < table.size(); ++n) {
    (void)read_recipient_table(table.substr(0, n));
    for (int v : {0x00, 0x01, 0x7F, 0xFF}) {
      std::string bad = table;
      bad[n] = static_cast<char>(v);
      for (const auto& r : read_recipient_table(bad)) EXPECT_LE(r.name.size(), table.size() * 2);
    }
  }
  EXPECT_EQ(subnode_data_block("", kNidRecipientTable), std::nullopt);
  EXPECT_EQ(subnode_data_block(std::string("\x02\x00\x05\x00\0\0\0\0", 8), 0x692),
            std::nullopt);  // five entries announced, none there
}

TEST(PstStoreDetect, APstIsKnownByItsMagicNotByItsName) {
  TempDir dir;
  auto pst = make_pst(dir, "archive.dat");
  EXPECT_EQ(*detect_store(pst), StoreKind::pst_file);
  EXPECT_TRUE(has_pst_magic(pst));
  auto fake = dir.write("fake.pst", "From a@b Thu Nov 26 22:33:05 2026\n\nx\n");
  EXPECT_EQ(*detect_store(fake), StoreKind::mbox_file);
  auto junk = dir.write("junk.pst", "!BD");
  EXPECT_FALSE(detect_store(junk));
}

TEST(PstStoreDetect, ACorruptOrTruncatedPstIsRefusedOrReadInPartNeverACrash) {
  TempDir dir;
  auto pst = make_pst(dir);
  std::string good = slurp(pst);
  // Cut short at several places, and with bytes overwritten in the header, the trees
  // and the blocks: open_store and a full read either fail cleanly or give what they can.
  std::vector<std::string> variants;
  for (std::size_t cut :
       {std::size_t{600}, std::size_t{0x4400}, good.size() / 2, good.size() - 700})
    variants.push_back(good.substr(0, cut));
  for (std::size_t at = 0x4600; at + 64 < good.size(); at += 1531) {
    std::string bad = good;
    for (std::size_t i = 0; i < 16; ++i) bad[at + i] = static_cast<char>(0xFF - i * 7);
    variants.push_back(bad);
  }
  int n = 0;
  for (const auto& bytes : variants) {
    auto file = dir.write("bad" + std::to_string(n++) + ".pst", bytes);
    auto store = open_store(file);
    if (!store) {
      EXPECT_EQ(store.error().kind, ErrorKind::invalid_input);
      continue;
    }
    auto folders = (*store)->folders(CancelToken{});
    if (!folders) continue;
    for (const auto& f : *folders) {
      auto scanned = testing::scan_all(**store, f);
      for (const auto& m : scanned.messages) {
        auto reader = (*store)->open(f, m);
        if (!reader) continue;
        std::vector<char> buffer(4096);
        std::uint64_t total = 0;
        for (auto got = (*reader)->read(buffer); got && *got > 0; got = (*reader)->read(buffer))
          total += *got;
        EXPECT_EQ(total, m.size);
      }
    }
  }
}

}  // namespace
}  // namespace mailassist::migrate
