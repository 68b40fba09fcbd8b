#include "app/wizard/ui/folder_field.hpp"

#include <wx/dirdlg.h>
#include <wx/filedlg.h>
#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/sizer.h>

namespace mailassist::wizard {

FolderField::FolderField(wxWindow* parent, const wxString& path, const wxString& dialog_title,
                         const char* name)
    : FolderField(parent, path, dialog_title, name, wxString(), wxString()) {}

FolderField::FolderField(wxWindow* parent, const wxString& path, const wxString& dialog_title,
                         const char* name, const wxString& file_dialog_title,
                         const wxString& file_wildcard)
    : wxPanel(parent) {
  text_ = new wxTextCtrl(this, wxID_ANY, path, wxDefaultPosition, wxDefaultSize, 0,
                         wxDefaultValidator, name);
  bool files = !file_wildcard.empty();
  // Named after the field, so that a test script can find (and check) the buttons.
  auto* choose = new wxButton(this, wxID_ANY, files ? _("Choose a folder...") : _("Choose..."),
                              wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator,
                              wxString(name) + "_choose_folder");
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(text_, 1, wxEXPAND | wxRIGHT, FromDIP(8));
  row->Add(choose, 0);
  SetSizer(row);
  choose->Bind(wxEVT_BUTTON, [this, dialog_title](wxCommandEvent&) {
    wxDirDialog dialog(this, dialog_title, text_->GetValue());
    if (dialog.ShowModal() == wxID_OK) text_->SetValue(dialog.GetPath());
  });
  if (!files) return;
  auto* choose_file =
      new wxButton(this, wxID_ANY, _("Choose a file..."), wxDefaultPosition, wxDefaultSize, 0,
                   wxDefaultValidator, wxString(name) + "_choose_file");
  row->Add(choose_file, 0, wxLEFT, FromDIP(6));
  choose_file->Bind(wxEVT_BUTTON, [this, file_dialog_title, file_wildcard](wxCommandEvent&) {
    // Opens where the typed path points: its folder, or the file's own folder.
    wxFileName typed(text_->GetValue());
    bool folder = wxDirExists(typed.GetFullPath());
    wxFileDialog dialog(this, file_dialog_title, folder ? typed.GetFullPath() : typed.GetPath(),
                        folder ? wxString() : typed.GetFullName(), file_wildcard,
                        wxFD_OPEN | wxFD_FILE_MUST_EXIST);
    if (dialog.ShowModal() == wxID_OK) text_->SetValue(dialog.GetPath());
  });
}

}  // namespace mailassist::wizard
