#include "app/wizard/ui/finish_page.hpp"

#include <wx/filename.h>
#include <wx/intl.h>
#include <wx/statbox.h>
#include <wx/stdpaths.h>

#include "app/wizard/model/account_choice.hpp"
#include "app/wizard/ui/wording.hpp"

namespace mailassist::wizard {

namespace {

wxString format_label(ExportFormat format) {
  switch (format) {
    case ExportFormat::thunderbird: return _("&Thunderbird (settings file)");
    case ExportFormat::outlook_prf: return _("&Outlook (profile file, .prf)");
    case ExportFormat::apple_profile: return _("&Apple Mail, iPhone and iPad (.mobileconfig)");
    case ExportFormat::autodiscover: return _("Autodiscover file (for a help desk)");
    case ExportFormat::phone_qr: return _("&Phone: QR code for Thunderbird on Android");
    case ExportFormat::setup_sheet: return _("Printable setup &sheet");
  }
  return {};
}

const char* format_name(ExportFormat format) {
  switch (format) {
    case ExportFormat::thunderbird: return "export_thunderbird";
    case ExportFormat::outlook_prf: return "export_outlook";
    case ExportFormat::apple_profile: return "export_apple";
    case ExportFormat::autodiscover: return "export_autodiscover";
    case ExportFormat::phone_qr: return "export_qr";
    case ExportFormat::setup_sheet: return "export_sheet";
  }
  return "export";
}

}  // namespace

FinishPage::FinishPage(wxWindow* parent, WizardState& state) : WizardPage(parent, state, "finish") {
  summary_ = add_heading(_("Finished"), wxString());
  auto* box = new wxStaticBoxSizer(wxVERTICAL, this, _("Save the settings for other programs"));
  auto* owner = box->GetStaticBox();
  auto* grid = new wxBoxSizer(wxVERTICAL);
  for (auto format : kExportFormats) {
    auto* check = new wxCheckBox(owner, wxID_ANY, format_label(format), wxDefaultPosition,
                                 wxDefaultSize, 0, wxDefaultValidator, format_name(format));
    check->SetValue(format == ExportFormat::setup_sheet);
    grid->Add(check, 0, wxEXPAND | wxBOTTOM, FromDIP(4));
    formats_.emplace_back(format, check);
  }
  box->Add(grid, 0, wxEXPAND | wxALL, FromDIP(6));
  auto* row = new wxBoxSizer(wxHORIZONTAL);
  row->Add(new wxStaticText(owner, wxID_ANY, _("Save in:")), 0, wxALIGN_CENTER_VERTICAL | wxRIGHT,
           FromDIP(8));
  folder_ = new FolderField(owner, wxStandardPaths::Get().GetDocumentsDir(),
                            _("Choose where to save the settings"), "export_folder");
  row->Add(folder_, 1, wxEXPAND | wxRIGHT, FromDIP(8));
  auto* save_button = new wxButton(owner, wxID_ANY, _("Sa&ve"), wxDefaultPosition, wxDefaultSize, 0,
                                   wxDefaultValidator, "export_save");
  row->Add(save_button);
  box->Add(row, 0, wxEXPAND | wxALL, FromDIP(6));
  body_->Add(box, 0, wxEXPAND | wxBOTTOM, FromDIP(8));
  saved_ = add_text(wxString());
  saved_->SetName("export_result");
  save_button->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save(); });
}

wxString FinishPage::title() const {
  return _("Finish");
}

void FinishPage::enter() {
  wxString text = wxString::Format(_("Your account %s is ready to use."), utf8(state_.email));
  if (const auto* in = incoming_server(state_.account))
    text += "\n" + wxString::Format(_("Incoming: %s"), server_line(*in));
  if (const auto* out = outgoing_server(state_.account))
    text += "\n" + wxString::Format(_("Outgoing: %s"), server_line(*out));
  text += "\n" + wxString::Format(_("Found by: %s"), source_name(state_.account.provenance.source));
  bool tested = !state_.checks.empty();
  for (const auto& check : state_.checks) tested = tested && check.ok() && check.login_tested;
  text += "\n" + (tested ? _("Login: tested, it works.")
                         : _("Login: not confirmed. Your mail program will ask again."));
  if (state_.migration) {
    const auto& t = state_.migration->totals;
    text += "\n" + wxString::Format(_("Mail brought to the server: %llu messages copied, %llu "
                                      "already there, %llu failed."),
                                    static_cast<unsigned long long>(t.uploaded),
                                    static_cast<unsigned long long>(t.already_there),
                                    static_cast<unsigned long long>(t.failed));
  }
  text += "\n\n" + _("To use the account in another program or on your phone, save its "
                     "settings below. The files hold no password.");
  summary_->set_text(text);
  relayout();
}

void FinishPage::save() {
  ExportRequest request{state_.account, state_.email, state_.display_name, state_.indonesian};
  std::filesystem::path directory(folder_->path().ToStdString(wxConvUTF8));
  wxString text;
  wxString notes;
  for (const auto& [format, check] : formats_) {
    if (!check->GetValue()) continue;
    auto saved = save_export(format, request, directory);
    wxString label = format_label(format);
    label.Replace("&", "");
    if (!saved) {
      text += wxString::Format(_("%s: not saved (%s)"), label, utf8(saved.error().message)) + "\n";
      continue;
    }
    state_.saved_files.push_back(saved->path.string());
    text += wxString::Format(_("%s: saved as %s"), label, utf8(saved->path.filename().string()));
    if (!saved->warnings.empty()) {
      // The exporters' notes are technical English: kept for the tooltip, counted here.
      auto count = static_cast<unsigned>(saved->warnings.size());
      text += " " + wxString::Format(wxPLURAL("(%u note: point here to read it)",
                                              "(%u notes: point here to read them)", count),
                                     count);
      for (const auto& warning : saved->warnings) notes += utf8(warning) + "\n";
    }
    text += "\n";
  }
  if (text.empty()) text = _("Tick at least one kind of file to save.");
  saved_->set_text(text);
  saved_->SetToolTip(notes);
  relayout();
}

}  // namespace mailassist::wizard
