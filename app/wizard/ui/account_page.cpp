#include "app/wizard/ui/account_page.hpp"

#include <wx/intl.h>

namespace mailassist::wizard {

namespace {

wxString address_problem_text(AddressProblem problem) {
  switch (problem) {
    case AddressProblem::empty: return _("Type your email address.");
    case AddressProblem::no_at: return _("An email address has an @, as in ani@example.com.");
    case AddressProblem::empty_local: return _("Something must come before the @.");
    case AddressProblem::bad_domain: return _("After the @ comes a domain such as example.com.");
    case AddressProblem::has_space: return _("An email address has no spaces.");
    case AddressProblem::too_long: return _("This address is too long to be real.");
  }
  return {};
}

}  // namespace

AccountPage::AccountPage(wxWindow* parent, WizardState& state)
    : WizardPage(parent, state, "account") {
  add_heading(_("Your account"),
              _("Type your name as others should see it, your email address and your "
                "password. The password stays on this computer; it is only sent to your "
                "provider's servers, encrypted, to test the login."));
  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
  grid->AddGrowableCol(1, 1);
  auto add_field = [&](const wxString& label, wxTextCtrl* field, WrappedText** problem) {
    grid->Add(new wxStaticText(this, wxID_ANY, label), 0, wxALIGN_CENTER_VERTICAL);
    grid->Add(field, 1, wxEXPAND);
    grid->AddSpacer(0);
    *problem = new WrappedText(this, wxString());
    grid->Add(*problem, 0, wxEXPAND);
  };
  name_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                         wxDefaultValidator, "name");
  email_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0,
                          wxDefaultValidator, "email");
  password_ = new wxTextCtrl(this, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize,
                             wxTE_PASSWORD, wxDefaultValidator, "password");
  add_field(_("Your na&me:"), name_, &name_problem_);
  add_field(_("&Email address:"), email_, &email_problem_);
  add_field(_("&Password:"), password_, &password_note_);
  body_->Add(grid, 0, wxEXPAND | wxTOP, FromDIP(8));
  for (auto* problem : {name_problem_, email_problem_}) problem->SetForegroundColour(*wxRED);
  for (auto* field : {name_, email_, password_})
    field->Bind(wxEVT_TEXT, [this](wxCommandEvent&) { validate(); });
  validate();
  // Nothing typed yet is not an error to shout about.
  name_problem_->set_text(wxString());
  email_problem_->set_text(wxString());
}

wxString AccountPage::title() const {
  return _("Your account");
}

void AccountPage::validate() {
  auto name = name_->GetValue().ToStdString(wxConvUTF8);
  auto email = email_->GetValue().ToStdString(wxConvUTF8);
  auto name_problem = check_display_name(name);
  auto email_problem = check_address(email);
  name_problem_->set_text(!name_problem ? wxString()
                          : *name_problem == NameProblem::empty
                              ? _("Type the name people see when you write to them.")
                              : _("The name cannot hold control characters."));
  email_problem_->set_text(email_problem ? address_problem_text(*email_problem) : wxString());
  password_note_->set_text(password_->IsEmpty()
                               ? _("Without a password, MailAssist finds the settings but "
                                   "cannot test the login.")
                               : wxString());
  valid_ = !name_problem && !email_problem;
  relayout();
  changed();
}

bool AccountPage::ready() const {
  return valid_;
}

bool AccountPage::leave_forward() {
  validate();
  if (!valid_) return false;
  auto email = email_->GetValue().ToStdString(wxConvUTF8);
  if (email != state_.email) {
    state_.detection.reset();  // a new address needs a new search
    state_.untrusted_accepted = false;
    state_.account_edited = false;
  }
  state_.display_name = name_->GetValue().ToStdString(wxConvUTF8);
  state_.email = email;
  state_.password = password_->GetValue().ToStdString(wxConvUTF8);
  return true;
}

}  // namespace mailassist::wizard
