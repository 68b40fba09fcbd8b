#pragma once
// A path typed or chosen with "Choose...": wxDirPickerCtrl's button takes its label from
// wx's own catalog, which Debian does not ship in Indonesian, so the wizard labels its own.
// The text field carries the name (for the test script); EVT_TEXT tells of changes.
// Given a file wildcard, the field also takes a single file (an exported mbox, an Outlook
// .pst): two plain buttons, "Choose a folder..." and "Choose a file...", read more simply
// than one button with a menu, and each opens the dialog that fits.
#include <wx/button.h>
#include <wx/panel.h>
#include <wx/textctrl.h>

namespace mailassist::wizard {

class FolderField : public wxPanel {
 public:
  FolderField(wxWindow* parent, const wxString& path, const wxString& dialog_title,
              const char* name);
  // With a "Choose a file..." button too, opening a wxFileDialog with `file_wildcard`.
  FolderField(wxWindow* parent, const wxString& path, const wxString& dialog_title,
              const char* name, const wxString& file_dialog_title, const wxString& file_wildcard);
  wxString path() const { return text_->GetValue(); }
  wxTextCtrl* text() const { return text_; }

 private:
  wxTextCtrl* text_;
};

}  // namespace mailassist::wizard
