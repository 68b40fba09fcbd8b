#pragma once
// Page 3: detection, live. Every channel is a row whose state changes as its lookups
// report; the search can be stopped; then the best settings and where they came from.
// Untrusted settings (plain HTTP, guessed, SRV/MX outside the domain) need the person's
// consent before Next: the engine marks them, the page asks.
#include <optional>

#include <wx/button.h>
#include <wx/checkbox.h>
#include <wx/listctrl.h>

#include "app/wizard/model/account_choice.hpp"
#include "app/wizard/model/lookup_board.hpp"
#include "app/wizard/ui/background_job.hpp"
#include "app/wizard/ui/wizard_page.hpp"

namespace mailassist::wizard {

class DetectPage : public WizardPage {
 public:
  DetectPage(wxWindow* parent, WizardState& state);
  ~DetectPage() override;
  wxString title() const override;
  void enter() override;
  bool ready() const override;
  bool busy() const override { return running_; }

 private:
  void start();
  void show_rows();
  void finished(autoconfig::Detection detection, bool cancelled);
  void failed(const std::string& message);

  wxListCtrl* list_;
  wxButton* stop_;
  wxButton* again_;
  WrappedText* status_;
  WrappedText* result_;
  WrappedText* consent_text_;
  wxCheckBox* consent_;
  LookupBoard board_;
  bool running_ = false;
  BackgroundJob job_;
};

}  // namespace mailassist::wizard
