#include "migrate/folder_mapping.hpp"

#include <map>

#include "core/ascii.hpp"

namespace mailassist::migrate {

namespace {

// A level of a name may not hold the delimiter: it would split into two levels.
std::string level_name(std::string name, std::optional<char> delimiter,
                       std::vector<std::string>& notes) {
  if (!delimiter) return name;
  bool replaced = false;
  for (auto& c : name) {
    if (c == *delimiter) {
      c = '_';
      replaced = true;
    }
  }
  if (replaced) {
    notes.push_back(std::string("the server's hierarchy delimiter '") + *delimiter +
                    "' in a folder name was replaced by '_': " + name);
  }
  return name;
}

// Levels joined by the delimiter; a flat namespace (RFC 9051 section 7.3.1, NIL
// delimiter) cannot nest, so the levels are joined by '_' into one name.
std::string join_levels(const std::string& parent, const std::string& child,
                        std::optional<char> delimiter) {
  if (parent.empty()) return child;
  return parent + (delimiter ? *delimiter : '_') + child;
}

std::optional<imap::SpecialUse> special_use_for(FolderRole role) {
  switch (role) {
    case FolderRole::sent: return imap::SpecialUse::sent;
    case FolderRole::drafts: return imap::SpecialUse::drafts;
    case FolderRole::trash: return imap::SpecialUse::trash;
    case FolderRole::junk: return imap::SpecialUse::junk;
    case FolderRole::archive: return imap::SpecialUse::archive;
    case FolderRole::inbox:
    case FolderRole::other: return std::nullopt;
  }
  return std::nullopt;
}

std::string_view default_name(FolderRole role) {
  switch (role) {
    case FolderRole::sent: return "Sent";
    case FolderRole::drafts: return "Drafts";
    case FolderRole::trash: return "Trash";
    case FolderRole::junk: return "Junk";
    case FolderRole::archive: return "Archive";
    case FolderRole::inbox: return "INBOX";
    case FolderRole::other: return "";
  }
  return "";
}

bool same_mailbox(std::string_view a, std::string_view b) {
  // RFC 9051 section 5.1: INBOX is case-insensitive, every other name is not.
  if (iequals(a, "INBOX") || iequals(b, "INBOX")) return iequals(a, b);
  return a == b;
}

const imap::Mailbox* find_mailbox(const ServerMailboxes& server, std::string_view name) {
  for (const auto& m : server.mailboxes)
    if (same_mailbox(m.name, name)) return &m;
  return nullptr;
}

// RFC 2342 section 5: a name already inside the personal namespace. The prefix's INBOX
// part is compared case-insensitively, as INBOX itself is (RFC 9051 section 5.1).
bool in_personal_namespace(std::string_view name, std::string_view prefix) {
  if (prefix.empty() || name.size() < prefix.size()) return prefix.empty();
  std::size_t inbox =
      iequals(prefix.substr(0, std::min<std::size_t>(5, prefix.size())), "INBOX") ? 5 : 0;
  return iequals(name.substr(0, inbox), prefix.substr(0, inbox)) &&
         name.substr(inbox, prefix.size() - inbox) == prefix.substr(inbox);
}

// A folder's name on the server: inside the personal namespace.
std::string in_namespace(std::string name, const ServerMailboxes& server) {
  if (in_personal_namespace(name, server.personal_prefix)) return name;
  return server.personal_prefix + name;
}

// The target of a special folder: the server's own mailbox for that use, else one of the
// usual name (in the personal namespace, or at the top as some servers keep them).
std::string special_target(FolderRole role, const ServerMailboxes& server) {
  const std::string usual = in_namespace(std::string(default_name(role)), server);
  if (auto use = special_use_for(role)) {
    for (const auto& m : server.mailboxes)
      if (m.special_use == *use && m.selectable()) return m.name;
    for (const auto& m : server.mailboxes)
      if ((iequals(m.name, usual) || iequals(m.name, default_name(role))) && m.selectable())
        return m.name;
  }
  return usual;
}

// TO of a --map, '/' between levels, in the server's terms.
std::string map_target(std::string_view to, std::optional<char> delimiter) {
  std::string out;
  std::size_t start = 0;
  while (start <= to.size()) {
    auto slash = to.find('/', start);
    if (slash == std::string_view::npos) slash = to.size();
    out = join_levels(out, std::string(to.substr(start, slash - start)), delimiter);
    start = slash + 1;
  }
  return out;
}

}  // namespace

std::string source_path(const SourceFolder& folder) {
  std::string out;
  for (const auto& level : folder.path) out += (out.empty() ? "" : "/") + level;
  return out;
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point for the last '*': linear in practice and
  // never recursive, so a hostile pattern cannot exhaust the stack.
  std::size_t p = 0, t = 0;
  std::optional<std::size_t> star_p, star_t;
  auto code_point_end = [&](std::size_t i) {
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
    return i;
  };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_t = t;
    } else if (p < pattern.size() && pattern[p] == '?') {
      ++p;
      t = code_point_end(t);
    } else if (p < pattern.size() && pattern[p] == text[t]) {
      ++p;
      ++t;
    } else if (star_p) {
      p = *star_p + 1;
      t = code_point_end(*star_t);
      star_t = t;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool folder_selected(std::string_view path, const std::vector<std::string>& include,
                     const std::vector<std::string>& exclude) {
  bool included = include.empty();
  for (const auto& pattern : include) included = included || glob_match(pattern, path);
  if (!included) return false;
  for (const auto& pattern : exclude)
    if (glob_match(pattern, path)) return false;
  return true;
}

Result<FolderMap> parse_folder_map(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == text.size()) {
    return make_error(
        ErrorKind::invalid_input,
        "--map wants FROM=TO (source folder = server mailbox), got: " + std::string(text));
  }
  return FolderMap{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

std::vector<FolderTarget> map_folders(const std::vector<SourceFolder>& folders,
                                      const ServerMailboxes& server,
                                      const std::vector<FolderMap>& maps) {
  std::vector<FolderTarget> out;
  std::map<std::string, std::string> by_path;  // source path -> target, for children
  for (const auto& folder : folders) {
    FolderTarget target;
    const std::string path = source_path(folder);
    const FolderMap* map = nullptr;
    for (const auto& m : maps) {
      bool under = path == m.from ||
                   (path.size() > m.from.size() && path.compare(0, m.from.size(), m.from) == 0 &&
                    path[m.from.size()] == '/');
      if (under && (!map || m.from.size() > map->from.size())) map = &m;
    }
    if (map) {
      target.mailbox = map_target(map->to, server.delimiter);
      std::size_t levels_in_from = 0;
      for (char c : map->from) levels_in_from += c == '/';
      for (std::size_t i = levels_in_from + 1; i < folder.path.size(); ++i) {
        target.mailbox =
            join_levels(target.mailbox, level_name(folder.path[i], server.delimiter, target.notes),
                        server.delimiter);
      }
      target.notes.push_back("mapped by --map " + map->from + "=" + map->to);
    } else if (folder.role != FolderRole::other) {
      target.mailbox = folder.role == FolderRole::inbox ? std::string("INBOX")
                                                        : special_target(folder.role, server);
    } else {
      std::string parent;
      if (folder.path.size() > 1) {
        SourceFolder up{folder.path, FolderRole::other, "", false};
        up.path.pop_back();
        auto found = by_path.find(source_path(up));
        if (found != by_path.end()) {
          parent = found->second;
        } else {
          for (const auto& level : up.path)
            parent = join_levels(parent, level_name(level, server.delimiter, target.notes),
                                 server.delimiter);
        }
      }
      std::string leaf = folder.path.empty() ? std::string("INBOX") : folder.path.back();
      target.mailbox = in_namespace(
          join_levels(parent, level_name(leaf, server.delimiter, target.notes), server.delimiter),
          server);
      if (!server.delimiter && !parent.empty()) {
        target.notes.push_back("the server has no hierarchy: levels joined by '_'");
      }
    }
    const auto* existing = find_mailbox(server, target.mailbox);
    target.exists = existing != nullptr;
    if (existing) target.mailbox = existing->name;  // INBOX as the server spells it
    by_path[path] = target.mailbox;
    out.push_back(std::move(target));
  }
  return out;
}

}  // namespace mailassist::migrate
