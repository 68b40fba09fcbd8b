#include "app/wizard/ui/test_page.hpp"

#include <wx/intl.h>
#include <wx/settings.h>
#include <wx/statbox.h>

#include "app/wizard/ui/wording.hpp"

namespace mailassist::wizard {

namespace {

// "AA:BB:..." (32 pairs) as two indented lines of 16 pairs: a label wraps only at spaces,
// and a fingerprint is compared pair by pair, so it is broken where people expect.
wxString fingerprint_lines(const std::string& sha256) {
  wxString out;
  std::size_t pairs = 0;
  for (std::size_t i = 0; i < sha256.size(); ++i) {
    if (pairs % 16 == 0 && sha256[i] != ':' && (i == 0 || sha256[i - 1] == ':')) out += "\n    ";
    out += sha256[i];
    if (sha256[i] == ':') ++pairs;
  }
  return out;
}

}  // namespace

TestPage::TestPage(wxWindow* parent, WizardState& state) : WizardPage(parent, state, "test") {
  add_heading(_("Testing"),
              _("MailAssist now logs in to your servers, as your mail program will, to make "
                "sure the settings and the password work. Nothing is sent or changed."));
  rows_sizer_ = new wxBoxSizer(wxVERTICAL);
  body_->Add(rows_sizer_, 0, wxEXPAND);
  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  stop_ = new wxButton(this, wxID_ANY, _("&Stop the test"), wxDefaultPosition, wxDefaultSize, 0,
                       wxDefaultValidator, "test_stop");
  again_ = new wxButton(this, wxID_ANY, _("&Test again"), wxDefaultPosition, wxDefaultSize, 0,
                        wxDefaultValidator, "test_again");
  buttons->Add(stop_);
  buttons->Add(again_);
  stop_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { job_.cancel(); });
  again_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });
  // The verdict beside the buttons rather than under them: with a certificate to show,
  // the page then still fits at 800x600 without scrolling.
  auto* footer = new wxBoxSizer(wxHORIZONTAL);
  summary_ = add_text(wxString(), footer);
  footer->GetItem(summary_)->SetProportion(1);
  footer->Add(buttons, 0, wxLEFT | wxBOTTOM, FromDIP(8));
  body_->Add(footer, 0, wxEXPAND);
  go_on_ = new wxCheckBox(this, wxID_ANY, _("&Keep these settings even though the test failed"),
                          wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "test_continue");
  body_->Add(go_on_, 0, wxBOTTOM, FromDIP(8));
  go_on_->Hide();
  go_on_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
    state_.certificate_accepted = go_on_->GetValue();
    changed();
  });
}

TestPage::~TestPage() {
  job_.stop();
}

wxString TestPage::title() const {
  return _("Testing");
}

void TestPage::enter() {
  // Settings or password changed since the last test: test again.
  if (!running_ &&
      (state_.checks.empty() || tested_.incoming != state_.account.incoming ||
       tested_.outgoing != state_.account.outgoing || tested_password_ != state_.password))
    start();
}

void TestPage::start() {
  tested_ = state_.account;
  tested_password_ = state_.password;
  state_.checks.clear();
  state_.certificate_accepted = false;
  go_on_->SetValue(false);
  go_on_->Hide();
  rows_sizer_->Clear(true);
  rows_.clear();
  auto servers = servers_to_test(state_.account);
  for (const auto& server : servers) {
    auto* box = new wxStaticBoxSizer(
        wxVERTICAL, this,
        autoconfig::is_incoming(server.protocol) ? _("Incoming mail") : _("Outgoing mail (SMTP)"));
    Row row;
    auto add = [&](const wxString& text) {
      auto* label = new WrappedText(box->GetStaticBox(), text);
      box->Add(label, 0, wxEXPAND | wxLEFT | wxRIGHT | wxTOP, FromDIP(4));
      return label;
    };
    add(server_line(server));
    row.status = add(_("Testing..."));
    row.status->SetFont(row.status->GetFont().Bold());
    row.advice = add(wxString());
    row.certificate = add(wxString());
    box->AddSpacer(FromDIP(6));  // room under the last line, inside the frame
    rows_sizer_->Add(box, 0, wxEXPAND | wxBOTTOM, FromDIP(8));
    rows_.push_back(row);
  }
  summary_->set_text(state_.password.empty()
                         ? _("No password was given, so only the connection is tested.")
                         : wxString());
  running_ = true;
  // One of the two at a time, in the same place: a disabled button only takes room.
  stop_->Show();
  again_->Hide();
  relayout();
  changed();

  autoconfig::CheckCredentials credentials;
  credentials.email = state_.email;
  credentials.password = state_.password;
  auto environment = state_.environment;
  auto network = state_.network;
  job_.start([this, servers, credentials, environment, network](const CancelToken& cancel) {
    for (std::size_t i = 0; i < servers.size(); ++i) {
      auto server_credentials = credentials;
      server_credentials.username =
          autoconfig::expand_username(servers[i].username, credentials.email);
      autoconfig::ServerCheck check;
      if (!network) {
        check.server = servers[i];
        check.error = ErrorKind::invalid_input;
      } else {
        check = check_login(servers[i], server_credentials, *network, environment, cancel);
      }
      CallAfter([this, i, check] { show_result(i, check); });
    }
    CallAfter([this] { all_done(); });
  });
}

void TestPage::show_result(std::size_t index, const autoconfig::ServerCheck& check) {
  if (index >= rows_.size()) return;
  state_.checks.push_back(check);
  auto verdict = verdict_of(check);
  auto& row = rows_[index];
  if (verdict == LoginVerdict::ok) {
    row.status->set_text(check.login_tested ? _("Works") : _("The server answers"));
    row.status->SetForegroundColour(wxColour(0, 120, 0));
    row.advice->set_text(check.login_tested ? verdict_text(verdict)
                                            : _("The login was not tested (no password)."));
  } else {
    row.status->set_text(_("Problem"));
    row.status->SetForegroundColour(*wxRED);
    row.advice->set_text(verdict_text(verdict));
  }
  if (is_certificate_problem(verdict) && check.rejected_certificate) {
    const auto& cert = *check.rejected_certificate;
    row.certificate->set_text(wxString::Format(
        _("Certificate offered by the server:\n  Issued to: %s\n  Issued by: %s\n  Valid "
          "until: %s\n  SHA-256 fingerprint: %s\nCompare the fingerprint with the one your "
          "provider publishes before you trust it."),
        utf8(cert.subject), utf8(cert.issuer), utf8(cert.not_after),
        fingerprint_lines(cert.sha256)));
  }
  // The engine's own words are technical English: a tooltip for a help desk, not page text.
  if (!check.ok()) {
    auto details = wxString::Format(_("Technical details: %s"), utf8(check.message));
    row.status->SetToolTip(details);
    row.advice->SetToolTip(details);
  }
  relayout();
}

bool TestPage::all_ok() const {
  if (state_.checks.size() != rows_.size()) return false;
  for (const auto& check : state_.checks)
    if (!check.ok()) return false;
  return true;
}

void TestPage::all_done() {
  running_ = false;
  stop_->Hide();
  again_->Show();
  if (all_ok()) {
    if (!state_.password.empty()) summary_->set_text(_("Everything works."));
  } else {
    bool certificate = false;
    for (const auto& check : state_.checks)
      certificate = certificate || is_certificate_problem(verdict_of(check));
    summary_->set_text(
        _("Fix the problem (Back goes to the settings and your password) and "
          "test again, or go on without a working login."));
    go_on_->SetLabel(certificate
                         ? _("I have checked the certificate and want to &keep these settings")
                         : _("&Keep these settings even though the test failed"));
    go_on_->Show();
  }
  relayout();
  // The decision is what the person needs next: give it the focus, which also scrolls it
  // into view on a small screen.
  if (go_on_->IsShown()) go_on_->SetFocus();
  changed();
}

bool TestPage::ready() const {
  return !running_ && (all_ok() || state_.certificate_accepted);
}

}  // namespace mailassist::wizard
