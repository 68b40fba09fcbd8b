#pragma once
// Which directories under a Thunderbird profile's Mail/ hold mail that POP3 downloaded:
// prefs.js names every account's server with its type and directory,
//   user_pref("mail.server.server2.type", "pop3");
//   user_pref("mail.server.server2.directory-rel", "[ProfD]Mail/pop.example.com");
// and only "pop3", "movemail" and "none" (Local Folders) servers count. IMAP accounts
// (ImapMail/) are a cache of a server, RSS ("rss") and news ("nntp") are not mail to move.
// Without prefs.js every directory of Mail/ counts except RSS's "Feeds".
#include <filesystem>
#include <string>
#include <vector>

namespace mailassist::migrate {

struct ThunderbirdAccountDir {
  std::string name;  // the directory's name: "Local Folders", "pop.example.com"
  std::filesystem::path path;
  bool local_folders = false;
};

// Local Folders first, then the POP3 accounts in prefs.js order.
std::vector<ThunderbirdAccountDir> thunderbird_account_dirs(const std::filesystem::path& profile);

}  // namespace mailassist::migrate
