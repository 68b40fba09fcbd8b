#include "app/wizard/ui/folder_field.hpp"

#include <wx/dirdlg.h>
#include <wx/intl.h>
#include <wx/sizer.h>

namespace mailassist::wizard {

FolderField::FolderField(wxWindow* parent, const wxString& path, const wxString& dialog_title,
                         const char* name)
    : wxPanel(parent) {
  text_ = new wxTextCtrl(this, wxID_ANY, path, wxDefaultPosition, wxDefaultSize, 0,
                         wxDefaultValidator, name);
  auto* choose = new wxButton(this, wxID_ANY, _("Choose..."));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(text_, 1, wxEXPAND | wxRIGHT, FromDIP(8));
  row->Add(choose, 0);
  SetSizer(row);
  choose->Bind(wxEVT_BUTTON, [this, dialog_title](wxCommandEvent&) {
    wxDirDialog dialog(this, dialog_title, text_->GetValue());
    if (dialog.ShowModal() == wxID_OK) text_->SetValue(dialog.GetPath());
  });
}

}  // namespace mailassist::wizard
