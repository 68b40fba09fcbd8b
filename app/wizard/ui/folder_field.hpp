#pragma once
// A path typed or chosen with "Choose...": wxDirPickerCtrl's button takes its label from
// wx's own catalog, which Debian does not ship in Indonesian, so the wizard labels its own.
// The text field carries the name (for the test script); EVT_TEXT tells of changes.
#include <wx/button.h>
#include <wx/panel.h>
#include <wx/textctrl.h>

namespace mailassist::wizard {

class FolderField : public wxPanel {
 public:
  FolderField(wxWindow* parent, const wxString& path, const wxString& dialog_title,
              const char* name);
  wxString path() const { return text_->GetValue(); }
  wxTextCtrl* text() const { return text_; }

 private:
  wxTextCtrl* text_;
};

}  // namespace mailassist::wizard
