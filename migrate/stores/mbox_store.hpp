#pragma once
// A single mbox file as a store with one folder, named for the file ("Inbox.mbox" ->
// "Inbox") and given the role its name implies. The format rules are mbox_scanner's.
#include <filesystem>
#include <memory>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

std::unique_ptr<MailStore> make_mbox_file_store(const std::filesystem::path& file);

// The folder name a mail file stands for: its name without ".mbox"/".mbx".
std::string mbox_folder_name(const std::filesystem::path& file);

}  // namespace mailassist::migrate
