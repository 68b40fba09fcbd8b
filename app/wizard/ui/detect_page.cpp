#include "app/wizard/ui/detect_page.hpp"

#include <wx/intl.h>

#include "app/wizard/ui/wording.hpp"

namespace mailassist::wizard {

DetectPage::DetectPage(wxWindow* parent, WizardState& state) : WizardPage(parent, state, "detect") {
  status_ = add_heading(_("Finding your settings"), wxString());
  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                         wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "detect_lookups");
  list_->AppendColumn(_("Where MailAssist looks"));
  list_->AppendColumn(_("State"));
  list_->AppendColumn(_("Asked"));
  for (std::size_t i = 0; i < kChannelCount; ++i) list_->InsertItem(long(i), wxString());
  // Tall enough for every row at the smallest window; the page scrolls below it.
  list_->SetMinSize(wxSize(FromDIP(200), FromDIP(222)));
  body_->Add(list_, 0, wxEXPAND | wxBOTTOM, FromDIP(8));
  list_->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    int width = list_->GetClientSize().x;
    list_->SetColumnWidth(0, width * 42 / 100);
    list_->SetColumnWidth(1, width * 20 / 100);
    list_->SetColumnWidth(2, width - width * 62 / 100);
  });

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  stop_ = new wxButton(this, wxID_ANY, _("&Stop searching"), wxDefaultPosition, wxDefaultSize, 0,
                       wxDefaultValidator, "detect_stop");
  again_ = new wxButton(this, wxID_ANY, _("Search &again"), wxDefaultPosition, wxDefaultSize, 0,
                        wxDefaultValidator, "detect_again");
  buttons->Add(stop_, 0, wxRIGHT, FromDIP(8));
  buttons->Add(again_);
  body_->Add(buttons, 0, wxBOTTOM, FromDIP(8));
  stop_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { job_.cancel(); });
  again_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });

  result_ = add_text(wxString());
  consent_text_ = add_text(wxString());
  consent_text_->SetForegroundColour(wxColour(160, 60, 0));
  consent_ = new wxCheckBox(this, wxID_ANY, _("&Use these settings anyway"), wxDefaultPosition,
                            wxDefaultSize, 0, wxDefaultValidator, "detect_consent");
  body_->Add(consent_, 0, wxBOTTOM, FromDIP(8));
  consent_->Bind(wxEVT_CHECKBOX, [this](wxCommandEvent&) {
    state_.untrusted_accepted = consent_->GetValue();
    changed();
  });
  consent_->Hide();
  show_rows();
}

DetectPage::~DetectPage() {
  job_.stop();
}

wxString DetectPage::title() const {
  return _("Finding your settings");
}

void DetectPage::enter() {
  if (!state_.detection && !running_) start();
}

void DetectPage::start() {
  if (!state_.network) {
    failed(state_.network_error);
    return;
  }
  board_ = LookupBoard();
  state_.detection.reset();
  state_.untrusted_accepted = false;
  state_.account_edited = false;
  running_ = true;
  status_->set_text(wxString::Format(_("MailAssist is asking every place that may know the "
                                       "settings for %s. This usually takes a few seconds."),
                                     utf8(state_.email)));
  result_->set_text(wxString());
  consent_text_->set_text(wxString());
  consent_->SetValue(false);
  consent_->Hide();
  stop_->Enable();
  again_->Disable();
  show_rows();
  relayout();
  changed();

  auto environment = state_.environment;
  auto network = *state_.network;
  auto email = state_.email;
  job_.start([this, environment, network, email](const CancelToken& cancel) {
    auto setup = prepare_detection(environment, network, email, cancel);
    if (!setup) {
      CallAfter([this, message = setup.error().message] { failed(message); });
      return;
    }
    autoconfig::DetectPolicy policy;
    policy.observer = [this](const autoconfig::LookupReport& report) {
      CallAfter([this, report] {
        board_.add(report);
        show_rows();
      });
    };
    auto detection = autoconfig::detect(setup->context, setup->sources,
                                        Deadline::after(environment.timeout), policy);
    CallAfter([this, detection = std::move(detection), stopped = cancel.cancelled()]() mutable {
      finished(std::move(detection), stopped);
    });
  });
}

void DetectPage::show_rows() {
  for (std::size_t i = 0; i < kChannelCount; ++i) {
    const auto& row = board_.rows()[i];
    list_->SetItem(long(i), 0, source_name(row.source));
    list_->SetItem(long(i), 1,
                   running_ || row.lookups > 0 ? channel_state_name(row.state) : wxString());
    list_->SetItem(long(i), 2, utf8(row.target));
  }
}

void DetectPage::finished(autoconfig::Detection detection, bool cancelled) {
  running_ = false;
  board_.finish();
  show_rows();
  stop_->Disable();
  again_->Enable();
  state_.account = starting_settings(detection, state_.preferred_protocol());
  const auto& config = state_.account;
  if (detection.configs.empty()) {
    status_->set_text(cancelled ? _("The search was stopped.") : _("The search is finished."));
    result_->set_text(
        _("No settings were found for this address. On the next page, MailAssist "
          "fills in the usual server names for your domain; change them if your "
          "provider told you others."));
  } else {
    status_->set_text(cancelled ? _("The search was stopped; this is what was found so far.")
                                : _("The search is finished."));
    wxString text =
        wxString::Format(_("Best settings, from %s:"), source_name(config.provenance.source));
    for (const auto& server : config.incoming) text += "\n  " + server_line(server);
    for (const auto& server : config.outgoing) text += "\n  " + server_line(server);
    result_->set_text(text);
  }
  if (auto consent = consent_needed(config); consent && !detection.configs.empty()) {
    consent_text_->set_text(
        _("These settings were not confirmed by your provider: they were guessed, came over "
          "an unencrypted connection, or point to servers outside your domain. Use them only "
          "if they look right to you, or ask your provider."));
    consent_->Show();
  }
  state_.detection = std::move(detection);
  relayout();
  changed();
}

void DetectPage::failed(const std::string& message) {
  running_ = false;
  stop_->Disable();
  again_->Enable();
  status_->set_text(wxString::Format(_("The search could not start: %s"), utf8(message)));
  // The person can still type the settings in on the next page.
  autoconfig::Detection nothing;
  nothing.email = state_.email;
  state_.account = fill_in_settings(state_.email);
  state_.detection = std::move(nothing);
  relayout();
  changed();
}

bool DetectPage::ready() const {
  if (running_ || !state_.detection) return false;
  if (state_.detection->configs.empty()) return true;  // the person fills the settings in
  return !consent_needed(state_.account) || state_.untrusted_accepted;
}

}  // namespace mailassist::wizard
