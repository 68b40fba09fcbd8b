#pragma once
// Thunderbird's other local store ("maildir", mail.serverDefaultStoreContractID =
// @mozilla.org/msgstore/maildirstore;1): a folder is a directory with cur/ and tmp/ holding
// one file per message, flags in its X-Mozilla-Status headers as in the mbox store (the
// file names carry no flags). Subfolders are in "<folder>.sbd" as with mbox files.
#include <filesystem>
#include <memory>

#include "migrate/stores/mail_store.hpp"

namespace mailassist::migrate {

// True if `dir` is such a folder (it has cur/).
bool is_thunderbird_maildir_folder(const std::filesystem::path& dir);

// Messages of one such folder in file name order; the key is the file name.
Result<void> scan_thunderbird_maildir(const std::filesystem::path& dir, const std::string& label,
                                      const EnvelopeSink& sink, const ProblemSink& problems,
                                      const CancelToken& cancel);

Result<std::unique_ptr<MessageReader>> open_thunderbird_maildir_message(
    const std::filesystem::path& dir, const MessageEnvelope& message);

}  // namespace mailassist::migrate
