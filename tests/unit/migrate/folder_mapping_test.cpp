#include "migrate/folder_mapping.hpp"

#include <gtest/gtest.h>

namespace mailassist::migrate {
namespace {

imap::Mailbox mailbox(std::string name, imap::SpecialUse use = imap::SpecialUse::none) {
  imap::Mailbox m;
  m.name = name;
  m.wire_name = name;
  m.delimiter = '/';
  m.special_use = use;
  return m;
}

SourceFolder folder(std::vector<std::string> path, FolderRole role = FolderRole::other) {
  SourceFolder f;
  f.path = std::move(path);
  f.role = role;
  return f;
}

ServerMailboxes dovecot_like(char delimiter = '/') {
  ServerMailboxes server;
  server.delimiter = delimiter;
  server.mailboxes = {mailbox("INBOX"), mailbox("Sent Items", imap::SpecialUse::sent),
                      mailbox("Junk"), mailbox("Archief", imap::SpecialUse::archive)};
  return server;
}

struct Row {
  SourceFolder source;
  std::string target;
  bool exists;
};

TEST(FolderMapping, RolesGoToSpecialUseMailboxesOthersKeepTheirPath) {
  std::vector<Row> rows = {
      {folder({"Inbox"}, FolderRole::inbox), "INBOX", true},
      {folder({"Inbox", "Kerja & Proyek"}), "INBOX/Kerja & Proyek", false},
      {folder({"Terkirim"}, FolderRole::sent), "Sent Items", true},  // by \Sent
      {folder({"Terkirim", "2019"}), "Sent Items/2019", false},      // under its parent
      {folder({"Spam"}, FolderRole::junk), "Junk", true},            // by usual name
      {folder({"Draf"}, FolderRole::drafts), "Drafts", false},       // created
      {folder({"Arsip"}, FolderRole::archive), "Archief", true},     // \Archive
      {folder({"Tokó"}), "Tokó", false},
      {folder({"Kerja & Proyek", "Tokó"}), "Kerja & Proyek/Tokó", false},
      {folder({"a/b"}), "a_b", false},  // the delimiter in a name
  };
  std::vector<SourceFolder> folders;
  for (const auto& r : rows) folders.push_back(r.source);
  auto targets = map_folders(folders, dovecot_like(), {});
  ASSERT_EQ(targets.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(targets[i].mailbox, rows[i].target) << source_path(rows[i].source);
    EXPECT_EQ(targets[i].exists, rows[i].exists) << source_path(rows[i].source);
  }
  EXPECT_FALSE(targets.back().notes.empty()) << "a replaced delimiter is said";
}

TEST(FolderMapping, DotDelimiterAndFlatNamespace) {
  auto dotted =
      map_folders({folder({"Proyek"}), folder({"Proyek", "v1.2"})}, dovecot_like('.'), {});
  EXPECT_EQ(dotted[0].mailbox, "Proyek");
  EXPECT_EQ(dotted[1].mailbox, "Proyek.v1_2");

  ServerMailboxes flat;
  auto joined = map_folders({folder({"A"}), folder({"A", "B"})}, flat, {});
  EXPECT_EQ(joined[1].mailbox, "A_B");
}

TEST(FolderMapping, MapsMoveAFolderAndItsChildrenLongestFromWins) {
  std::vector<FolderMap> maps = {{"Kerja", "Work"}, {"Kerja/Lama", "Old/Kerja"}};
  auto targets =
      map_folders({folder({"Kerja"}), folder({"Kerja", "Baru"}), folder({"Kerja", "Lama"}),
                   folder({"Kerja", "Lama", "X"}), folder({"Kerjaan"})},
                  dovecot_like(), maps);
  EXPECT_EQ(targets[0].mailbox, "Work");
  EXPECT_EQ(targets[1].mailbox, "Work/Baru");
  EXPECT_EQ(targets[2].mailbox, "Old/Kerja");
  EXPECT_EQ(targets[3].mailbox, "Old/Kerja/X");
  EXPECT_EQ(targets[4].mailbox, "Kerjaan") << "a prefix that is not a whole level";
  // A map into INBOX: found as existing, in the server's spelling.
  auto inbox = map_folders({folder({"Kotak"})}, dovecot_like(), {{"Kotak", "inbox"}});
  EXPECT_EQ(inbox[0].mailbox, "INBOX");
  EXPECT_TRUE(inbox[0].exists);
}

// A Courier-like server (RFC 2342 section 5: NAMESPACE (("INBOX." ".")) NIL NIL): every
// personal folder lives under "INBOX.", and LIST shows its special folders there.
ServerMailboxes courier_like() {
  ServerMailboxes server;
  server.delimiter = '.';
  server.personal_prefix = "INBOX.";
  server.mailboxes = {mailbox("INBOX"), mailbox("INBOX.Sent", imap::SpecialUse::sent),
                      mailbox("INBOX.Trash"), mailbox("INBOX.Old")};
  return server;
}

TEST(FolderMapping, PersonalNamespacePrefixPutsFoldersUnderIt) {
  std::vector<Row> rows = {
      {folder({"Inbox"}, FolderRole::inbox), "INBOX", true},
      {folder({"Inbox", "Kerja"}), "INBOX.Kerja", false},    // already under the prefix
      {folder({"Work"}), "INBOX.Work", false},               // top level: prefixed
      {folder({"Work", "2024"}), "INBOX.Work.2024", false},  // nested, parent prefixed once
      {folder({"Lain", "Anak"}), "INBOX.Lain.Anak", false},  // parent not listed by the store
      {folder({"Terkirim"}, FolderRole::sent), "INBOX.Sent", true},   // the server's \Sent
      {folder({"Sampah"}, FolderRole::trash), "INBOX.Trash", true},   // usual name, prefixed
      {folder({"Draf"}, FolderRole::drafts), "INBOX.Drafts", false},  // created under it
      {folder({"Old"}), "INBOX.Old", true},                           // exists under it
      {folder({"v1.2"}), "INBOX.v1_2", false},  // the delimiter in a name, then prefixed
  };
  std::vector<SourceFolder> folders;
  for (const auto& r : rows) folders.push_back(r.source);
  auto targets = map_folders(folders, courier_like(), {});
  ASSERT_EQ(targets.size(), rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(targets[i].mailbox, rows[i].target) << source_path(rows[i].source);
    EXPECT_EQ(targets[i].exists, rows[i].exists) << source_path(rows[i].source);
  }
}

TEST(FolderMapping, PersonalNamespaceLeavesMapTargetsAsTheUserWroteThem) {
  auto targets = map_folders({folder({"Kerja"}), folder({"Kerja", "Baru"}), folder({"Arsip"})},
                             courier_like(), {{"Kerja", "Projects"}, {"Arsip", "INBOX/Arsip"}});
  EXPECT_EQ(targets[0].mailbox, "Projects");
  EXPECT_EQ(targets[1].mailbox, "Projects.Baru");
  EXPECT_EQ(targets[2].mailbox, "INBOX.Arsip");  // '/' in TO is the server's delimiter
}

TEST(FolderMapping, PersonalNamespacePrefixMatchesInboxCaseInsensitively) {
  ServerMailboxes server = courier_like();
  server.mailboxes[0].name = "Inbox";  // a server that spells it so
  auto targets =
      map_folders({folder({"Inbox"}, FolderRole::inbox), folder({"Inbox", "A"})}, server, {});
  EXPECT_EQ(targets[0].mailbox, "Inbox");
  EXPECT_EQ(targets[1].mailbox, "Inbox.A") << "not INBOX.Inbox.A";
}

TEST(FolderMapping, EmptyPrefixChangesNothing) {
  auto server = dovecot_like();
  server.personal_prefix = "";
  auto targets = map_folders({folder({"Work"}), folder({"Work", "2024"})}, server, {});
  EXPECT_EQ(targets[0].mailbox, "Work");
  EXPECT_EQ(targets[1].mailbox, "Work/2024");
}

TEST(FolderMapping, ParseMap) {
  auto m = parse_folder_map("Kerja & Proyek=Work=Old");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->from, "Kerja & Proyek");
  EXPECT_EQ(m->to, "Work=Old");
  EXPECT_FALSE(parse_folder_map("=x"));
  EXPECT_FALSE(parse_folder_map("x="));
  EXPECT_FALSE(parse_folder_map("x"));
}

TEST(FolderMapping, GlobTable) {
  struct G {
    const char* pattern;
    const char* text;
    bool match;
  };
  for (const auto& g : std::initializer_list<G>{{"*", "Inbox/Sub", true},
                                                {"Inbox", "Inbox", true},
                                                {"Inbox", "Inbox/Sub", false},
                                                {"Inbox/*", "Inbox/Sub", true},
                                                {"T?kó", "Tokó", true},
                                                {"Tok?", "Tokó", true},
                                                {"*ó", "Tokó", true},
                                                {"*a*b*c", "xaybzc", true},
                                                {"*a*b*c", "xaybz", false},
                                                {"", "", true},
                                                {"?", "", false}}) {
    EXPECT_EQ(glob_match(g.pattern, g.text), g.match) << g.pattern << " ~ " << g.text;
  }
  EXPECT_TRUE(folder_selected("Inbox", {}, {}));
  EXPECT_FALSE(folder_selected("Trash", {}, {"Tr*"}));
  EXPECT_FALSE(folder_selected("Trash", {"Inbox*"}, {}));
  EXPECT_TRUE(folder_selected("Inbox/x", {"Inbox*"}, {"Trash"}));
}

}  // namespace
}  // namespace mailassist::migrate
