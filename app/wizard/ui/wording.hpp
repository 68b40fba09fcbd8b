#pragma once
// The wizard's words for the engine's values (sources, security, login verdicts, sizes),
// in the person's language. The engine's own English messages are kept for the details.
#include <cstdint>

#include <wx/string.h>

#include "app/wizard/model/login_verdict.hpp"
#include "app/wizard/model/lookup_board.hpp"
#include "autoconfig/account_config.hpp"

namespace mailassist::wizard {

wxString source_name(autoconfig::SourceKind source);
// The provenance's source word ("preset", "mx", ...) as source_name says it.
wxString source_name(const std::string& source);
wxString channel_state_name(ChannelState state);
wxString protocol_name(autoconfig::Protocol protocol);
wxString security_name(autoconfig::Security security);
// "imap.example.com, port 993, encrypted (TLS)"
wxString server_line(const autoconfig::ServerConfig& server);
wxString verdict_text(LoginVerdict verdict);
wxString size_text(std::uint64_t bytes);
wxString utf8(const std::string& text);

}  // namespace mailassist::wizard
