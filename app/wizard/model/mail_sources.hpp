#pragma once
// The "Bring your mail" page's engine calls: which mail a person has on this computer
// (Thunderbird profiles, or a folder they pick), what is in it (folders, message counts,
// sizes), the IMAP target from the tested account, and the report as a file. The
// migration itself is migrate::plan_migration / run_migration, called as they are.
#include <cstdint>
#include <filesystem>
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
};

struct SourceSummary {
  std::string description;  // MailStore::description()
  std::vector<FolderSummary> folders;
  std::uint64_t messages = 0;
  std::uint64_t bytes = 0;
  std::vector<migrate::StoreProblem> problems;
};

// Opens the store at `path` and counts every folder. Reads only.
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
