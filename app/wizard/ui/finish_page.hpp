#pragma once
// Page 7: a summary of what was set up, and the settings saved for other programs in
// every format the exporters write (no password in any of them).
#include <vector>

#include <wx/button.h>
#include <wx/checkbox.h>

#include "app/wizard/model/export_formats.hpp"
#include "app/wizard/ui/folder_field.hpp"
#include "app/wizard/ui/wizard_page.hpp"

namespace mailassist::wizard {

class FinishPage : public WizardPage {
 public:
  FinishPage(wxWindow* parent, WizardState& state);
  wxString title() const override;
  void enter() override;

 private:
  void save();
  WrappedText* summary_;
  std::vector<std::pair<ExportFormat, wxCheckBox*>> formats_;
  FolderField* folder_;
  WrappedText* saved_;
};

}  // namespace mailassist::wizard
