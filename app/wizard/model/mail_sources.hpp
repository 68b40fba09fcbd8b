#pragma once
// The "Bring your mail" page's engine calls: which mail a person has on this computer
// (Thunderbird profiles, or a folder they pick), what is in it (folders, message counts,
// sizes), the IMAP target from the tested account, and the report as a file. The
// migration itself is migrate::plan_migration / run_migration, called as they are.
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/wizard/model/wizard_environment.hpp"
#include "migrate/migration.hpp"
#include "migrate/stores/mail_store.hpp"

namespace mailassist::wizard {

struct MailSourceChoice {
  std::string label;  // "Thunderbird: default-release"; the path for a picked folder
  std::filesystem::path path;
};

// Every Thunderbird profile found (none is not an error: the person can pick a folder).
std::vector<MailSourceChoice> find_mail_sources();

struct FolderSummary {
  std::string path;  // levels joined with '/'
  migrate::FolderRole role = migrate::FolderRole::other;
  std::uint64_t messages = 0;  // live (not marked deleted)
  std::uint64_t bytes = 0;
  bool counted = false;  // false while its messages are still being counted
};

struct SourceSummary {
  std::string description;  // MailStore::description()
  std::vector<FolderSummary> folders;
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  std::vector<migrate::StoreProblem> problems;
};

// For a list that fills in as the counting goes (the page shows found Thunderbird
// profiles' folders at once and their counts as they arrive). Called on the counting
// thread; either may be empty.
struct CountListener {
  // Every folder, before any is counted (counted == false, zero counts).
  std::function<void(const std::vector<FolderSummary>&)> listed;
  // One folder's counts, in the order listed; `index` is its place in that list.
  std::function<void(std::size_t index, const FolderSummary&)> counted;
};

// Opens the store at `path` and counts every folder, telling `listener` as it goes.
// Reads only. A cancelled count is ErrorKind::cancelled (the listener may have heard of
// some folders by then).
Result<SourceSummary> count_source(const std::filesystem::path& path, const CancelToken& cancel,
                                   const CountListener& listener);

// count_source() without a listener.
Result<SourceSummary> summarize_source(const std::filesystem::path& path,
                                       const CancelToken& cancel);

// The IMAP server the account uses, for migration: nullopt-like error when the account's
// first incoming server is not IMAP (POP3 cannot receive mail).
Result<migrate::ImapTarget> imap_target(const autoconfig::AccountConfig& config,
                                        const std::string& email, const std::string& password,
                                        const NetworkContext& network,
                                        const WizardEnvironment& environment);

// The per-folder report as CSV (RFC 4180), one row per folder and a total row.
std::string report_csv(const migrate::MigrationReport& report);

}  // namespace mailassist::wizard
