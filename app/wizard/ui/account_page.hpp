#pragma once
// Page 2: name, address and password, checked as they are typed.
#include <wx/checkbox.h>
#include <wx/textctrl.h>

#include "app/wizard/ui/wizard_page.hpp"

namespace mailassist::wizard {

class AccountPage : public WizardPage {
 public:
  AccountPage(wxWindow* parent, WizardState& state);
  wxString title() const override;
  bool ready() const override;
  bool leave_forward() override;

 private:
  void validate();
  wxTextCtrl* name_;
  wxTextCtrl* email_;
  wxTextCtrl* password_;
  WrappedText* name_problem_;
  WrappedText* email_problem_;
  WrappedText* password_note_;
  bool valid_ = false;
};

}  // namespace mailassist::wizard
