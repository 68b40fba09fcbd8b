#include "app/wizard/ui/settings_page.hpp"

#include <algorithm>

#include <wx/intl.h>
#include <wx/statbox.h>

#include "app/wizard/model/account_choice.hpp"
#include "app/wizard/ui/wording.hpp"

namespace mailassist::wizard {

using autoconfig::Protocol;
using autoconfig::Security;

namespace {

constexpr Security kSecurities[] = {Security::tls, Security::starttls, Security::none};
// clientConfig's authentication words the choice offers, in this order.
constexpr const char* kAuthMethods[] = {"password-cleartext", "password-encrypted", "OAuth2"};

int security_index(Security security) {
  return static_cast<int>(std::find(std::begin(kSecurities), std::end(kSecurities), security) -
                          std::begin(kSecurities));
}

Security security_at(const wxChoice* choice) {
  int i = choice->GetSelection();
  return i >= 0 && i < 3 ? kSecurities[i] : Security::tls;
}

Protocol incoming_protocol(const wxChoice* choice) {
  return choice->GetSelection() == 1 ? Protocol::pop3 : Protocol::imap;
}

bool plausible_host(const std::string& host) {
  if (host.empty() || host.size() > 253) return false;
  return std::none_of(host.begin(), host.end(),
                      [](unsigned char c) { return c <= 0x20 || c == '/' || c == '@'; });
}

}  // namespace

SettingsPage::SettingsPage(wxWindow* parent, WizardState& state)
    : WizardPage(parent, state, "settings") {
  add_heading(_("Settings"),
              _("These are the settings MailAssist found. You can change any of them; if you "
                "are not sure, leave them as they are."));
  build_server(body_, this, _("Incoming mail"), in_, "in", true);
  build_server(body_, this, _("Outgoing mail (SMTP)"), out_, "out", false);

  advanced_ = new wxCollapsiblePane(
      this, wxID_ANY, _("Ad&vanced: user names and sign-in"), wxDefaultPosition, wxDefaultSize,
      wxCP_DEFAULT_STYLE | wxCP_NO_TLW_RESIZE, wxDefaultValidator, "advanced");
  auto* pane = advanced_->GetPane();
  auto* pane_sizer = new wxBoxSizer(wxVERTICAL);
  build_advanced(pane, in_, "in", _("Incoming mail"), pane_sizer);
  build_advanced(pane, out_, "out", _("Outgoing mail (SMTP)"), pane_sizer);
  pane->SetSizer(pane_sizer);
  body_->Add(advanced_, 0, wxEXPAND | wxTOP, FromDIP(4));
  advanced_->Bind(wxEVT_COLLAPSIBLEPANE_CHANGED, [this](wxCollapsiblePaneEvent&) { relayout(); });

  warning_ = add_text(wxString());
  warning_->SetForegroundColour(wxColour(160, 60, 0));
}

wxString SettingsPage::title() const {
  return _("Settings");
}

void SettingsPage::build_server(wxSizer* sizer, wxWindow* parent, const wxString& heading,
                                ServerFields& fields, const char* prefix, bool incoming) {
  auto* box = new wxStaticBoxSizer(wxVERTICAL, parent, heading);
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
  grid->AddGrowableCol(1, 1);
  auto* owner = box->GetStaticBox();
  auto name = [&](const char* what) { return wxString(prefix) + "_" + what; };
  if (incoming) {
    grid->Add(new wxStaticText(owner, wxID_ANY, _("Kind:")), 0, wxALIGN_CENTER_VERTICAL);
    fields.protocol = new wxChoice(owner, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                   wxDefaultValidator, name("protocol"));
    fields.protocol->Append(_("IMAP (mail stays on the server)"));
    fields.protocol->Append(_("POP3 (mail is downloaded)"));
    grid->Add(fields.protocol, 1, wxEXPAND);
  }
  grid->Add(new wxStaticText(owner, wxID_ANY, _("Server:")), 0, wxALIGN_CENTER_VERTICAL);
  fields.host = new wxTextCtrl(owner, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, name("host"));
  grid->Add(fields.host, 1, wxEXPAND);
  grid->Add(new wxStaticText(owner, wxID_ANY, _("Port:")), 0, wxALIGN_CENTER_VERTICAL);
  fields.port = new wxSpinCtrl(owner, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                               wxSP_ARROW_KEYS, 1, 65535, 993, name("port"));
  grid->Add(fields.port, 0);
  grid->Add(new wxStaticText(owner, wxID_ANY, _("Security:")), 0, wxALIGN_CENTER_VERTICAL);
  fields.security = new wxChoice(owner, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                                 wxDefaultValidator, name("security"));
  for (auto security : kSecurities) fields.security->Append(security_name(security));
  grid->Add(fields.security, 1, wxEXPAND);
  box->Add(grid, 0, wxEXPAND | wxALL, FromDIP(6));
  sizer->Add(box, 0, wxEXPAND | wxBOTTOM, FromDIP(8));

  fields.host->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { validate(); });
  fields.port->Bind(wxEVT_SPINCTRL, [this](wxSpinEvent&) { validate(); });
  fields.security->Bind(wxEVT_CHOICE, [this, &fields, incoming](wxCommandEvent&) {
    security_changed(fields, incoming ? incoming_protocol(fields.protocol) : Protocol::smtp);
  });
  if (incoming)
    fields.protocol->Bind(wxEVT_CHOICE, [this, &fields](wxCommandEvent&) {
      security_changed(fields, incoming_protocol(fields.protocol));
    });
}

void SettingsPage::build_advanced(wxWindow* pane, ServerFields& fields, const char* prefix,
                                  const wxString& heading, wxSizer* sizer) {
  auto* box = new wxStaticBoxSizer(wxVERTICAL, pane, heading);
  auto* owner = box->GetStaticBox();
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(owner, wxID_ANY, _("User name:")), 0, wxALIGN_CENTER_VERTICAL);
  fields.username = new wxTextCtrl(owner, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                                   wxDefaultValidator, wxString(prefix) + "_username");
  grid->Add(fields.username, 1, wxEXPAND);
  grid->Add(new wxStaticText(owner, wxID_ANY, _("Sign-in:")), 0, wxALIGN_CENTER_VERTICAL);
  fields.auth = new wxChoice(owner, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                             wxDefaultValidator, wxString(prefix) + "_auth");
  fields.auth->Append(_("Normal password"));
  fields.auth->Append(_("Encrypted password"));
  fields.auth->Append(_("OAuth2 (sign in on the provider's web site)"));
  grid->Add(fields.auth, 1, wxEXPAND);
  box->Add(grid, 0, wxEXPAND | wxALL, FromDIP(6));
  sizer->Add(box, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
}

void SettingsPage::enter() {
  if (state_.account_edited) return;  // coming back: keep what the person typed
  if (state_.account.incoming.empty() && state_.account.outgoing.empty())
    state_.account = fill_in_settings(state_.email);
  if (state_.account.incoming.empty())
    state_.account.incoming = fill_in_settings(state_.email).incoming;
  if (state_.account.outgoing.empty())
    state_.account.outgoing = fill_in_settings(state_.email).outgoing;
  fill(in_, state_.account.incoming.front());
  fill(out_, state_.account.outgoing.front());
  state_.account_edited = true;
  validate();
}

void SettingsPage::fill(const ServerFields& fields, const autoconfig::ServerConfig& server) {
  if (fields.protocol) fields.protocol->SetSelection(server.protocol == Protocol::pop3 ? 1 : 0);
  fields.host->ChangeValue(utf8(server.host));
  fields.port->SetValue(server.port);
  fields.security->SetSelection(security_index(server.security));
  fields.username->ChangeValue(utf8(autoconfig::expand_username(server.username, state_.email)));
  int auth = 0;
  if (!server.auth.empty())
    for (int i = 0; i < 3; ++i)
      if (server.auth.front() == kAuthMethods[i]) auth = i;
  fields.auth->SetSelection(auth);
}

void SettingsPage::read(const ServerFields& fields, autoconfig::ServerConfig& server) const {
  if (fields.protocol) server.protocol = incoming_protocol(fields.protocol);
  server.host = fields.host->GetValue().Strip(wxString::both).ToStdString(wxConvUTF8);
  server.port = static_cast<std::uint16_t>(fields.port->GetValue());
  server.security = security_at(fields.security);
  server.username = fields.username->GetValue().ToStdString(wxConvUTF8);
  std::string chosen = kAuthMethods[std::max(0, fields.auth->GetSelection())];
  auto& auth = server.auth;
  auth.erase(std::remove(auth.begin(), auth.end(), chosen), auth.end());
  auth.insert(auth.begin(), chosen);
}

void SettingsPage::security_changed(ServerFields& fields, Protocol protocol) {
  // A port that was the usual one for the old choice follows the new choice; a port the
  // person typed themselves stays.
  auto port = static_cast<std::uint16_t>(fields.port->GetValue());
  bool usual = false;
  for (auto p : {Protocol::imap, Protocol::pop3, Protocol::smtp})
    for (auto s : kSecurities) usual = usual || autoconfig::default_port(p, s) == port;
  if (usual)
    fields.port->SetValue(autoconfig::default_port(protocol, security_at(fields.security)));
  validate();
}

void SettingsPage::validate() {
  auto host_in = in_.host->GetValue().Strip(wxString::both).ToStdString(wxConvUTF8);
  auto host_out = out_.host->GetValue().Strip(wxString::both).ToStdString(wxConvUTF8);
  valid_ = plausible_host(host_in) && plausible_host(host_out);
  wxString warning;
  if (!valid_)
    warning = _("Each server needs a name, such as imap.example.com.");
  else if (security_at(in_.security) == Security::none ||
           security_at(out_.security) == Security::none)
    warning =
        _("Without encryption, anyone on the network could read your password and your "
          "mail. MailAssist will not send your password over such a connection.");
  warning_->set_text(warning);
  relayout();
  changed();
}

bool SettingsPage::ready() const {
  return valid_;
}

bool SettingsPage::leave_forward() {
  validate();
  if (!valid_) return false;
  read(in_, state_.account.incoming.front());
  read(out_, state_.account.outgoing.front());
  return true;
}

}  // namespace mailassist::wizard
