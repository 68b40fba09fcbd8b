#include "app/wizard/ui/wording.hpp"

#include <wx/intl.h>

namespace mailassist::wizard {

using autoconfig::SourceKind;

wxString utf8(const std::string& text) {
  return wxString::FromUTF8(text.data(), text.size());
}

wxString source_name(SourceKind source) {
  switch (source) {
    case SourceKind::preset: return _("MailAssist's list of providers");
    case SourceKind::autoconfig: return _("Your provider's settings server");
    case SourceKind::well_known: return _("Your domain's web site");
    case SourceKind::ispdb: return _("Thunderbird's provider database");
    case SourceKind::mx: return _("Your domain's mail servers (MX)");
    case SourceKind::srv: return _("Service records in DNS (SRV)");
    case SourceKind::autodiscover: return _("Microsoft Autodiscover");
    case SourceKind::guess: return _("Trying the usual server names");
  }
  return {};
}

wxString source_name(const std::string& source) {
  for (std::size_t i = 0; i < kChannelCount; ++i) {
    auto kind = static_cast<SourceKind>(i);
    if (autoconfig::to_string(kind) == source) return source_name(kind);
  }
  return utf8(source);
}

wxString channel_state_name(ChannelState state) {
  switch (state) {
    case ChannelState::searching: return _("Searching...");
    case ChannelState::found: return _("Found");
    case ChannelState::nothing: return _("Nothing there");
    case ChannelState::failed: return _("Failed");
    case ChannelState::skipped: return _("Skipped");
  }
  return {};
}

wxString protocol_name(autoconfig::Protocol protocol) {
  switch (protocol) {
    case autoconfig::Protocol::imap: return "IMAP";
    case autoconfig::Protocol::pop3: return "POP3";
    case autoconfig::Protocol::smtp: return "SMTP";
  }
  return {};
}

wxString security_name(autoconfig::Security security) {
  switch (security) {
    case autoconfig::Security::tls: return _("encrypted (SSL/TLS)");
    case autoconfig::Security::starttls: return _("encrypted after connecting (STARTTLS)");
    case autoconfig::Security::none: return _("not encrypted");
  }
  return {};
}

wxString server_line(const autoconfig::ServerConfig& server) {
  return wxString::Format(_("%s %s, port %u, %s"), protocol_name(server.protocol),
                          utf8(server.host), static_cast<unsigned>(server.port),
                          security_name(server.security));
}

wxString verdict_text(LoginVerdict verdict) {
  switch (verdict) {
    case LoginVerdict::ok: return _("Works: the server accepted the login.");
    case LoginVerdict::wrong_password:
      return _(
          "The server refused the user name or password. Check the password (and the "
          "user name under Advanced on the Settings page).");
    case LoginVerdict::app_password_required:
      return _(
          "Your provider wants an app password for mail programs. Create one in your "
          "account's security settings on the provider's web site and use it here.");
    case LoginVerdict::web_login_required:
      return _(
          "Your provider asks you to log in once on its web site first (to confirm it "
          "is you), then try again.");
    case LoginVerdict::imap_disabled:
      return _(
          "IMAP is turned off for this account. Turn it on in the web mail's settings "
          "(forwarding and POP/IMAP), then try again.");
    case LoginVerdict::certificate_untrusted:
      return _(
          "The server's certificate cannot be verified (expired, self-signed or from an "
          "unknown authority). Someone may be pretending to be your provider.");
    case LoginVerdict::certificate_wrong_host:
      return _(
          "The server's certificate is for another name. The server name may be wrong, "
          "or someone may be pretending to be your provider.");
    case LoginVerdict::tls_failed:
      return _(
          "No secure connection could be made. Try the other encryption choice or port "
          "on the Settings page.");
    case LoginVerdict::starttls_unavailable:
      return _(
          "The server does not offer encryption on this port. Choose SSL/TLS and its "
          "port (993, 995 or 465) on the Settings page.");
    case LoginVerdict::plaintext_refused:
      return _(
          "MailAssist did not send your password, because the connection is not "
          "encrypted. Choose an encrypted connection on the Settings page.");
    case LoginVerdict::unreachable:
      return _(
          "The server cannot be reached. Check the server name and port, and your "
          "internet connection.");
    case LoginVerdict::timeout:
      return _(
          "The server did not answer in time. Check your internet connection and try "
          "again.");
    case LoginVerdict::cancelled: return _("The test was stopped.");
    case LoginVerdict::other:
      return _(
          "The server answered in a way MailAssist did not expect. Point at this text to "
          "see the technical details.");
  }
  return {};
}

wxString size_text(std::uint64_t bytes) {
  auto value = static_cast<double>(bytes);
  if (bytes < 1024 * 1024) return wxString::Format(_("%.1f KB"), value / 1024.0);
  if (bytes < 1024ull * 1024 * 1024) return wxString::Format(_("%.1f MB"), value / 1048576.0);
  return wxString::Format(_("%.2f GB"), value / 1073741824.0);
}

}  // namespace mailassist::wizard
