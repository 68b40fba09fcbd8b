#pragma once
// The wizard's window: the list of steps on the left, the current page (a wxSimplebook
// page) on the right, Back / Next / Close at the bottom.
//
// Why wxSimplebook and not wxWizard: the pages decide when Next is allowed (inline
// validation, consent, running jobs) and the window must resize freely from 800x600 up;
// wxWizard sizes itself to its largest page and ties its buttons to validators, while a
// book with our own buttons keeps both in our hands and still gives keyboard focus order
// and mnemonics (Alt+B, Alt+N).
//
// Keyboard: Tab walks the page's controls in the order they were made, then Back, Next,
// Close; Enter is Next (unless a button has the focus: then it presses that button);
// Escape is Close, which asks first once the person has typed something.
#include <vector>

#include <wx/button.h>
#include <wx/frame.h>
#include <wx/simplebook.h>
#include <wx/stattext.h>

#include "app/wizard/ui/wizard_page.hpp"

namespace mailassist::wizard {

class WizardFrame : public wxFrame {
 public:
  explicit WizardFrame(WizardState& state);
  WizardPage* current_page() const;
  void go_next();
  void go_back();

 private:
  void show(std::size_t index);
  void refresh_buttons();
  void on_key(wxKeyEvent& event);
  void on_close(wxCloseEvent& event);

  WizardState& state_;
  wxSimplebook* book_;
  std::vector<WizardPage*> pages_;
  std::vector<wxStaticText*> steps_;
  wxStaticText* heading_;
  wxButton* back_;
  wxButton* next_;
  wxButton* close_;
  std::size_t current_ = 0;
};

}  // namespace mailassist::wizard
