#pragma once
// Page 4: the settings the account uses, pre-filled from detection and all editable:
// incoming (IMAP or POP3) and outgoing (SMTP) host, port and security; user names and
// authentication under "Advanced", hidden until asked for.
#include <wx/choice.h>
#include <wx/collpane.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>

#include "app/wizard/ui/wizard_page.hpp"

namespace mailassist::wizard {

class SettingsPage : public WizardPage {
 public:
  SettingsPage(wxWindow* parent, WizardState& state);
  wxString title() const override;
  void enter() override;
  bool ready() const override;
  bool leave_forward() override;

 private:
  struct ServerFields {
    wxChoice* protocol = nullptr;  // incoming only
    wxTextCtrl* host = nullptr;
    wxSpinCtrl* port = nullptr;
    wxChoice* security = nullptr;
    wxTextCtrl* username = nullptr;
    wxChoice* auth = nullptr;
  };
  void build_server(wxSizer* sizer, wxWindow* parent, const wxString& heading, ServerFields& fields,
                    const char* prefix, bool incoming);
  void build_advanced(wxWindow* pane, ServerFields& fields, const char* prefix,
                      const wxString& heading, wxSizer* sizer);
  void fill(const ServerFields& fields, const autoconfig::ServerConfig& server);
  void read(const ServerFields& fields, autoconfig::ServerConfig& server) const;
  void security_changed(ServerFields& fields, autoconfig::Protocol protocol);
  void validate();

  ServerFields in_;
  ServerFields out_;
  wxCollapsiblePane* advanced_;
  WrappedText* warning_;
  bool valid_ = false;
};

}  // namespace mailassist::wizard
