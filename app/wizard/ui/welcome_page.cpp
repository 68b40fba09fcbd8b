#include "app/wizard/ui/welcome_page.hpp"

#include <wx/intl.h>

namespace mailassist::wizard {

WelcomePage::WelcomePage(wxWindow* parent, WizardState& state)
    : WizardPage(parent, state, "welcome") {
  add_heading(_("Welcome to MailAssist"),
              _("This assistant sets up your email account. It finds your provider's server "
                "settings, checks that you can log in, can bring the mail you already have on "
                "this computer to the server, and saves the settings for your other programs "
                "and your phone."));
  if (!state.network_error.empty()) {
    auto* problem =
        add_text(wxString::Format(_("MailAssist cannot use the network settings it was given: %s"),
                                  wxString::FromUTF8(state.network_error)));
    problem->SetForegroundColour(*wxRED);
  }

  auto* question =
      add_text(_("Do you read your mail on more than one device, for example on "
                 "a phone and on a computer?"));
  question->SetFont(question->GetFont().Bold());
  several_ = new wxRadioButton(this, wxID_ANY, _("&Yes, on several devices"), wxDefaultPosition,
                               wxDefaultSize, wxRB_GROUP, wxDefaultValidator, "devices_several");
  one_ = new wxRadioButton(this, wxID_ANY, _("N&o, only on this computer"), wxDefaultPosition,
                           wxDefaultSize, 0, wxDefaultValidator, "devices_one");
  body_->Add(several_, 0, wxLEFT | wxBOTTOM, FromDIP(8));
  body_->Add(one_, 0, wxLEFT | wxBOTTOM, FromDIP(8));
  several_->SetValue(true);
  advice_ = add_text(wxString());
  advice_->SetFont(advice_->GetFont().Bold());
  for (auto* button : {several_, one_})
    button->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { show_advice(); });
  show_advice();
}

wxString WelcomePage::title() const {
  return _("Welcome");
}

void WelcomePage::show_advice() {
  state_.devices = one_->GetValue() ? DeviceUse::one_device : DeviceUse::several_devices;
  if (state_.devices == DeviceUse::several_devices)
    advice_->set_text(
        _("IMAP is recommended. Your mail stays on the server, so every device "
          "sees the same folders, the same read messages and the same sent "
          "mail."));
  else
    advice_->set_text(
        _("POP3 is fine. It downloads your mail to this computer, where you can "
          "read it offline. The server's copy is usually removed, so another "
          "device would not see it. If you add a phone later, choose IMAP."));
  relayout();
}

bool WelcomePage::leave_forward() {
  show_advice();
  return true;
}

}  // namespace mailassist::wizard
