#include "app/wizard/ui/migrate_page.hpp"

#include <fstream>
#include <mutex>

#include <wx/filename.h>
#include <wx/intl.h>

#include "app/wizard/ui/wording.hpp"
#include "migrate/stores/open_store.hpp"

namespace mailassist::wizard {

namespace {

enum Column { kFolder, kMessages, kSize, kTarget, kResult };

// Progress from the migration's threads, passed to the page on the UI thread at most ten
// times a second (and always the last update), so the event queue never floods.
class PageProgress final : public Progress {
 public:
  explicit PageProgress(std::function<void(const ProgressUpdate&)> post) : post_(std::move(post)) {}
  void report(const ProgressUpdate& update) override {
    auto now = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    bool last = update.total != 0 && update.done == update.total;
    // Entering or leaving a pause always gets through: the page says "Paused" from it.
    bool pause_changed = update.paused != paused_;
    if (!last && !pause_changed && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    paused_ = update.paused;
    post_(update);
  }

 private:
  std::function<void(const ProgressUpdate&)> post_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point last_{};
  bool paused_ = false;
};

wxString duration_text(double seconds) {
  auto s = static_cast<long long>(seconds + 0.5);
  if (s < 60) return wxString::Format(_("%lld s"), s);
  if (s < 3600) return wxString::Format(_("%lld min %lld s"), s / 60, s % 60);
  return wxString::Format(_("%lld h %lld min"), s / 3600, (s % 3600) / 60);
}

}  // namespace

MigratePage::MigratePage(wxWindow* parent, WizardState& state)
    : WizardPage(parent, state, "migrate") {
  add_heading(_("Bring your mail"),
              _("If you used POP3 until now, your mail is on this computer only. MailAssist "
                "can copy it to your IMAP server, so that every device sees it. Your old mail "
                "stays where it is; nothing is copied twice."));
  not_imap_ = add_text(wxString());
  skip_ = new wxRadioButton(this, wxID_ANY, _("&Do not bring any mail"), wxDefaultPosition,
                            wxDefaultSize, wxRB_GROUP, wxDefaultValidator, "migrate_skip");
  bring_ =
      new wxRadioButton(this, wxID_ANY, _("C&opy mail from this computer to the server"),
                        wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "migrate_yes");
  body_->Add(skip_, 0, wxBOTTOM, FromDIP(6));
  body_->Add(bring_, 0, wxBOTTOM, FromDIP(8));

  auto* grid = new wxFlexGridSizer(2, FromDIP(6), FromDIP(10));
  grid->AddGrowableCol(1, 1);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Mail from:")), 0, wxALIGN_CENTER_VERTICAL);
  source_ = new wxChoice(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, 0, nullptr, 0,
                         wxDefaultValidator, "migrate_source");
  grid->Add(source_, 1, wxEXPAND);
  grid->Add(new wxStaticText(this, wxID_ANY, _("Folder or file:")), 0, wxALIGN_CENTER_VERTICAL);
  // A single file too: an exported mbox (often with no extension, such as "Inbox") or an
  // Outlook .pst; the engine tells them apart by their first bytes (open_store.hpp), so
  // "All files" comes first and the other filters only narrow the list.
  folder_ =
      new FolderField(this, wxString(), _("Choose the folder with your mail"), "migrate_folder",
                      _("Choose the file with your mail"),
                      _("All files") + "|*|" + _("Outlook data files (*.pst)") +
                          "|*.pst;*.PST;*.ost;*.OST|" + _("mbox files (*.mbox)") + "|*.mbox;*.mbx");
  grid->Add(folder_, 1, wxEXPAND);
  body_->Add(grid, 0, wxEXPAND | wxBOTTOM, FromDIP(8));

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  look_ = new wxButton(this, wxID_ANY, _("&Look inside"), wxDefaultPosition, wxDefaultSize, 0,
                       wxDefaultValidator, "migrate_scan");
  start_ = new wxButton(this, wxID_ANY, _("&Start copying"), wxDefaultPosition, wxDefaultSize, 0,
                        wxDefaultValidator, "migrate_start");
  pause_button_ = new wxButton(this, wxID_ANY, _("&Pause"), wxDefaultPosition, wxDefaultSize, 0,
                               wxDefaultValidator, "migrate_pause");
  stop_ = new wxButton(this, wxID_ANY, _("S&top"), wxDefaultPosition, wxDefaultSize, 0,
                       wxDefaultValidator, "migrate_stop");
  for (auto* button : {look_, start_, pause_button_, stop_})
    buttons->Add(button, 0, wxRIGHT, FromDIP(8));
  body_->Add(buttons, 0, wxBOTTOM, FromDIP(8));

  list_ = new wxListCtrl(this, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                         wxLC_REPORT | wxLC_SINGLE_SEL, wxDefaultValidator, "migrate_folders");
  list_->AppendColumn(_("Folder"));
  list_->AppendColumn(_("Messages"), wxLIST_FORMAT_RIGHT);
  list_->AppendColumn(_("Size"), wxLIST_FORMAT_RIGHT);
  list_->AppendColumn(_("On the server"));
  list_->AppendColumn(_("Result"));
  list_->SetMinSize(wxSize(FromDIP(200), FromDIP(130)));
  body_->Add(list_, 1, wxEXPAND | wxBOTTOM, FromDIP(8));
  list_->Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    int w = list_->GetClientSize().x;
    const int share[] = {17, 12, 12, 17, 42};
    for (int i = 0; i < 5; ++i) list_->SetColumnWidth(i, w * share[i] / 100);
  });
  gauge_ = new wxGauge(this, wxID_ANY, 1000, wxDefaultPosition, wxDefaultSize,
                       wxGA_HORIZONTAL | wxGA_SMOOTH, wxDefaultValidator, "migrate_progress");
  body_->Add(gauge_, 0, wxEXPAND | wxBOTTOM, FromDIP(6));
  status_ = add_text(wxString());
  status_->SetName("migrate_status");

  auto* report = new wxBoxSizer(wxHORIZONTAL);
  report_path_ = new wxTextCtrl(
      this, wxID_ANY, wxFileName(wxGetHomeDir(), "mailassist-report.csv").GetFullPath(),
      wxDefaultPosition, wxDefaultSize, 0, wxDefaultValidator, "migrate_report_path");
  save_report_ = new wxButton(this, wxID_ANY, _("Save the &report"), wxDefaultPosition,
                              wxDefaultSize, 0, wxDefaultValidator, "migrate_save_report");
  report->Add(report_path_, 1, wxEXPAND | wxRIGHT, FromDIP(8));
  report->Add(save_report_);
  body_->Add(report, 0, wxEXPAND | wxBOTTOM, FromDIP(8));

  for (auto* radio : {skip_, bring_})
    radio->Bind(wxEVT_RADIOBUTTON, [this](wxCommandEvent&) { update_controls(); });
  source_->Bind(wxEVT_CHOICE, [this](wxCommandEvent&) {
    plan_.reset();
    update_controls();
    count_chosen_profile();
  });
  folder_->text()->Bind(wxEVT_TEXT, [this](wxCommandEvent&) {
    bool was_profile = source_->GetSelection() + 1 < int(source_->GetCount());
    source_->SetSelection(int(source_->GetCount()) - 1);
    plan_.reset();
    update_controls();
    if (was_profile) count_chosen_profile();  // stops the profile's count, clears its list
  });
  look_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { look_inside(); });
  start_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { start(); });
  pause_button_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { toggle_pause(); });
  stop_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) {
    job_.cancel();
    pause_.wake();  // a paused copy stops now, not at the gate's next look at the token
  });
  save_report_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { save_report(); });
}

MigratePage::~MigratePage() {
  count_job_.stop();
  job_.cancel();
  pause_.wake();
  job_.stop();
}

wxString MigratePage::title() const {
  return _("Bring your mail");
}

void MigratePage::enter() {
  if (source_->IsEmpty()) {
    sources_ = find_mail_sources();
    for (const auto& choice : sources_) source_->Append(utf8(choice.label));
    source_->Append(_("A folder or file I choose"));
    source_->SetSelection(0);
  }
  update_controls();
  if (list_->GetItemCount() == 0 && !running_) count_chosen_profile();
}

void MigratePage::count_chosen_profile() {
  ++count_generation_;
  count_job_.stop();
  if (running_) return;
  list_->DeleteAllItems();
  status_->set_text(wxString());
  int index = source_->GetSelection();
  const auto* in = state_.account.incoming.empty() ? nullptr : &state_.account.incoming.front();
  bool imap = in && in->protocol == autoconfig::Protocol::imap;
  if (!imap || index < 0 || std::size_t(index) >= sources_.size()) return;
  auto path = sources_[std::size_t(index)].path;
  status_->set_text(_("Counting the messages..."));
  count_job_.start([this, path, generation = count_generation_](const CancelToken& cancel) {
    CountListener listener;
    listener.listed = [this, generation](const std::vector<FolderSummary>& folders) {
      CallAfter([this, generation, folders] { show_listed(generation, folders); });
    };
    listener.counted = [this, generation](std::size_t row, const FolderSummary& folder) {
      CallAfter([this, generation, row, folder] { show_counted(generation, row, folder); });
    };
    auto summary = count_source(path, cancel, listener);
    if (summary) {
      CallAfter([this, generation, summary = *summary] { show_counts_done(generation, summary); });
    } else if (summary.error().kind != ErrorKind::cancelled) {
      CallAfter([this, generation, message = summary.error().message] {
        if (generation == count_generation_)
          job_failed(_("MailAssist cannot read this mail"), message);
      });
    }
  });
}

void MigratePage::show_listed(unsigned generation, const std::vector<FolderSummary>& folders) {
  if (generation != count_generation_) return;
  list_->DeleteAllItems();
  for (const auto& folder : folders) {
    long row = list_->InsertItem(list_->GetItemCount(), utf8(folder.path));
    list_->SetItem(row, kMessages, _("counting..."));
  }
}

void MigratePage::show_counted(unsigned generation, std::size_t index,
                               const FolderSummary& folder) {
  if (generation != count_generation_ || long(index) >= list_->GetItemCount()) return;
  list_->SetItem(long(index), kMessages,
                 wxString::Format("%llu", static_cast<unsigned long long>(folder.messages)));
  list_->SetItem(long(index), kSize, size_text(folder.bytes));
}

void MigratePage::show_counts_done(unsigned generation, const SourceSummary& summary) {
  if (generation != count_generation_) return;
  status_->set_text(wxString::Format(_("%llu messages (%s) in %zu folders."),
                                     static_cast<unsigned long long>(summary.messages),
                                     size_text(summary.bytes), summary.folders.size()));
}

void MigratePage::update_controls() {
  const auto* in = state_.account.incoming.empty() ? nullptr : &state_.account.incoming.front();
  bool imap = in && in->protocol == autoconfig::Protocol::imap;
  not_imap_->set_text(imap ? wxString()
                           : _("Mail can only be copied to an IMAP server. Your account uses "
                               "POP3, so there is nothing to do here: press Next."));
  bool bring = imap && bring_->GetValue();
  skip_->Enable(imap && !running_);
  bring_->Enable(imap && !running_);
  source_->Enable(bring && !running_);
  folder_->Enable(bring && !running_);
  look_->Enable(bring && !running_ && !chosen_path().empty());
  start_->Enable(bring && !running_ && plan_.has_value());
  pause_button_->Enable(copying_);
  pause_button_->SetLabel(paused_ ? _("Res&ume") : _("&Pause"));
  stop_->Enable(running_);
  save_report_->Enable(!running_ && state_.migration.has_value());
  relayout();
  changed();
}

std::filesystem::path MigratePage::chosen_path() const {
  int index = source_->GetSelection();
  if (index >= 0 && std::size_t(index) < sources_.size()) return sources_[std::size_t(index)].path;
  return std::filesystem::path(folder_->path().ToStdString(wxConvUTF8));
}

void MigratePage::look_inside() {
  auto path = chosen_path();
  auto target = imap_target(state_.account, state_.email, state_.password,
                            state_.network.value_or(NetworkContext{}), state_.environment);
  if (!target) {
    job_failed(_("MailAssist cannot connect to the server"), target.error().message);
    return;
  }
  target_ = *target;
  ++count_generation_;  // Look inside counts again, and asks the server too
  count_job_.stop();
  plan_.reset();
  store_.reset();
  list_->DeleteAllItems();
  running_ = true;
  status_->set_text(_("Counting the messages..."));
  update_controls();
  job_.start([this, path, target = *target](const CancelToken& cancel) {
    auto summary = summarize_source(path, cancel);
    if (!summary) {
      CallAfter([this, message = summary.error().message] {
        job_failed(_("MailAssist cannot read this mail"), message);
      });
      return;
    }
    CallAfter([this, summary = *summary] { show_summary(summary); });
    auto store = migrate::open_store(path);
    if (!store) {
      CallAfter([this, message = store.error().message] {
        job_failed(_("MailAssist cannot read this mail"), message);
      });
      return;
    }
    std::shared_ptr<migrate::MailStore> shared = std::move(*store);
    auto plan = migrate::plan_migration(*shared, target, {}, cancel);
    if (!plan) {
      CallAfter([this, message = plan.error().message] {
        job_failed(_("MailAssist cannot prepare the copy"), message);
      });
      return;
    }
    CallAfter([this, shared, plan = *plan] {
      store_ = shared;
      show_plan(plan);
    });
  });
}

void MigratePage::show_summary(const SourceSummary& summary) {
  list_->DeleteAllItems();
  for (const auto& folder : summary.folders) {
    long row = list_->InsertItem(list_->GetItemCount(), utf8(folder.path));
    list_->SetItem(row, kMessages,
                   wxString::Format("%llu", static_cast<unsigned long long>(folder.messages)));
    list_->SetItem(row, kSize, size_text(folder.bytes));
  }
  status_->set_text(wxString::Format(_("%llu messages (%s) in %zu folders. Asking the server "
                                       "where they go..."),
                                     static_cast<unsigned long long>(summary.messages),
                                     size_text(summary.bytes), summary.folders.size()));
}

void MigratePage::show_plan(const migrate::MigrationPlan& plan) {
  running_ = false;
  list_->DeleteAllItems();
  for (const auto& folder : plan.folders) {
    long row = list_->InsertItem(list_->GetItemCount(), utf8(folder.source_path));
    list_->SetItem(row, kMessages,
                   wxString::Format("%llu", static_cast<unsigned long long>(folder.messages)));
    list_->SetItem(row, kSize, size_text(folder.bytes));
    list_->SetItem(row, kTarget, utf8(folder.target));
  }
  status_->set_text(wxString::Format(_("Ready to copy %llu messages (%s). Press Start copying."),
                                     static_cast<unsigned long long>(plan.messages),
                                     size_text(plan.bytes)));
  plan_ = plan;
  update_controls();
}

void MigratePage::start() {
  if (!plan_ || !store_ || !target_) return;
  running_ = true;
  copying_ = true;
  pause_ = PauseGate();  // a fresh gate: a stopped run may have left its own paused
  paused_ = held_ = false;
  clock_.start(std::chrono::steady_clock::now());
  gauge_->SetValue(0);
  status_->set_text(_("Copying..."));
  update_controls();
  migrate::MigrationOptions options;
  options.pause = pause_;
  job_.start(
      [this, store = store_, plan = *plan_, target = *target_, options](const CancelToken& cancel) {
        PageProgress progress([this](const ProgressUpdate& update) {
          CallAfter([this, update] { show_progress(update); });
        });
        auto report = migrate::run_migration(*store, plan, target, options, cancel, progress);
        if (!report) {
          CallAfter([this, message = report.error().message] {
            job_failed(_("The copy could not start"), message);
          });
          return;
        }
        CallAfter([this, report = *report] { show_report(report); });
      });
}

void MigratePage::toggle_pause() {
  if (!copying_) return;
  auto now = std::chrono::steady_clock::now();
  if (!paused_) {
    paused_ = true;
    held_ = false;
    clock_.pause(now);
    pause_.pause();
    status_->set_text(_("Pausing after the messages already on their way..."));
  } else {
    paused_ = false;
    held_ = false;
    clock_.resume(now);
    pause_.resume();
    status_->set_text(_("Copying..."));
  }
  update_controls();
}

void MigratePage::show_progress(const ProgressUpdate& update) {
  if (!running_) return;
  if (update.bytes_total > 0)
    gauge_->SetValue(int(1000.0 * double(update.bytes_done) / double(update.bytes_total)));
  auto done = static_cast<unsigned long long>(update.done);
  auto total = static_cast<unsigned long long>(update.total);
  if (paused_) {
    // "Paused" once the engine holds (every batch sent is confirmed); the counts still
    // follow its updates, so a copy that went on would show here.
    held_ = held_ || update.paused;
    status_->set_text(held_ ? wxString::Format(_("Paused: %llu of %llu messages. Press Resume to "
                                                 "go on."),
                                               done, total)
                            : _("Pausing after the messages already on their way..."));
    return;
  }
  wxString text = wxString::Format(_("%llu of %llu messages"), done, total);
  if (auto pace = copy_pace(clock_, std::chrono::steady_clock::now(), update.bytes_done,
                            update.bytes_total)) {
    text +=
        wxString::Format(_(", %s per second"), size_text(std::uint64_t(pace->bytes_per_second)));
    if (pace->seconds_left > 0)
      text += wxString::Format(_(", about %s left"), duration_text(pace->seconds_left));
  }
  status_->set_text(text);
}

void MigratePage::show_report(const migrate::MigrationReport& report) {
  running_ = false;
  copying_ = false;
  paused_ = held_ = false;
  state_.migration = report;
  for (const auto& folder : report.folders) {
    long row = list_->FindItem(-1, utf8(folder.source));
    if (row < 0) row = list_->InsertItem(list_->GetItemCount(), utf8(folder.source));
    list_->SetItem(row, kTarget, utf8(folder.target));
    list_->SetItem(row, kResult,
                   wxString::Format(_("%llu copied, %llu already there, %zu failed"),
                                    static_cast<unsigned long long>(folder.uploaded),
                                    static_cast<unsigned long long>(folder.already_there),
                                    folder.failed.size()));
  }
  const auto& t = report.totals;
  if (report.cancelled)
    status_->set_text(
        wxString::Format(_("Stopped after %llu messages. Press Start copying to "
                           "go on; nothing is copied twice."),
                         static_cast<unsigned long long>((t.uploaded + t.already_there))));
  else if (report.complete())
    status_->set_text(wxString::Format(_("Done: %llu messages copied, %llu were already on the "
                                         "server."),
                                       static_cast<unsigned long long>(t.uploaded),
                                       static_cast<unsigned long long>(t.already_there)));
  else
    status_->set_text(wxString::Format(_("Finished with problems: %llu messages could not be "
                                         "copied. The report lists them."),
                                       static_cast<unsigned long long>(t.failed)));
  if (!report.cancelled) gauge_->SetValue(1000);
  update_controls();
}

void MigratePage::job_failed(const wxString& what, const std::string& message) {
  running_ = false;
  copying_ = false;
  paused_ = held_ = false;
  status_->set_text(what + ": " + utf8(message));
  update_controls();
}

void MigratePage::save_report() {
  if (!state_.migration) return;
  auto path = report_path_->GetValue().ToStdString(wxConvUTF8);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << report_csv(*state_.migration);
  out.close();
  status_->set_text(out ? wxString::Format(_("The report was saved to %s."), utf8(path))
                        : wxString::Format(_("The report could not be saved to %s."), utf8(path)));
  relayout();
}

bool MigratePage::ready() const {
  return !running_;
}

}  // namespace mailassist::wizard
