#pragma once
// Page 1: what the assistant does, and the seed document's advice as a choice: several
// devices -> IMAP, one device that is often offline -> POP3 is fine.
#include <wx/radiobut.h>

#include "app/wizard/ui/wizard_page.hpp"

namespace mailassist::wizard {

class WelcomePage : public WizardPage {
 public:
  WelcomePage(wxWindow* parent, WizardState& state);
  wxString title() const override;
  bool leave_forward() override;

 private:
  void show_advice();
  wxRadioButton* several_;
  wxRadioButton* one_;
  WrappedText* advice_;
};

}  // namespace mailassist::wizard
