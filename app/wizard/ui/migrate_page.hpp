#pragma once
// Page 6: bring the mail POP3 left on this computer to the IMAP server. Found Thunderbird
// profiles or a folder the person picks; what is inside (folders, messages, sizes) and
// where each folder goes; the migration with progress, rate and time left, which can be
// stopped and continued (the journal makes sure nothing is sent twice); the per-folder
// report, saveable as CSV. Pause holds the copy between batches (core/pause_gate.hpp)
// with nothing half-sent; Resume goes on from there.
#include <chrono>
#include <memory>

#include <wx/button.h>
#include <wx/choice.h>
#include <wx/gauge.h>
#include <wx/listctrl.h>
#include <wx/radiobut.h>
#include <wx/textctrl.h>

#include "app/wizard/model/copy_clock.hpp"
#include "app/wizard/model/mail_sources.hpp"
#include "app/wizard/ui/background_job.hpp"
#include "app/wizard/ui/folder_field.hpp"
#include "app/wizard/ui/wizard_page.hpp"

namespace mailassist::wizard {

class MigratePage : public WizardPage {
 public:
  MigratePage(wxWindow* parent, WizardState& state);
  ~MigratePage() override;
  wxString title() const override;
  void enter() override;
  bool ready() const override;
  bool busy() const override { return running_; }

 private:
  void update_controls();
  std::filesystem::path chosen_path() const;
  void look_inside();
  // A found Thunderbird profile's folders are listed and counted as soon as it is chosen,
  // off the UI thread; a newer count (or Look inside) makes older results stale.
  void count_chosen_profile();
  void show_listed(unsigned generation, const std::vector<FolderSummary>& folders);
  void show_counted(unsigned generation, std::size_t index, const FolderSummary& folder);
  void show_counts_done(unsigned generation, const SourceSummary& summary);
  void start();
  void show_summary(const SourceSummary& summary);
  void show_plan(const migrate::MigrationPlan& plan);
  void show_progress(const ProgressUpdate& update);
  void toggle_pause();
  void show_report(const migrate::MigrationReport& report);
  void job_failed(const wxString& what, const std::string& message);
  void save_report();

  std::vector<MailSourceChoice> sources_;
  WrappedText* not_imap_;
  wxRadioButton* skip_;
  wxRadioButton* bring_;
  wxChoice* source_;
  FolderField* folder_;
  wxButton* look_;
  wxButton* start_;
  wxButton* pause_button_;
  wxButton* stop_;
  wxListCtrl* list_;
  wxGauge* gauge_;
  WrappedText* status_;
  wxTextCtrl* report_path_;
  wxButton* save_report_;

  bool running_ = false;
  bool copying_ = false;  // run_migration (not Look inside) is running
  // Pause: the person asked for it (paused_); the engine said it holds (held_). The rate
  // leaves out the time from the click on Pause to the click on Resume (clock_).
  PauseGate pause_;
  bool paused_ = false;
  bool held_ = false;
  CopyClock clock_;
  std::shared_ptr<migrate::MailStore> store_;
  std::optional<migrate::MigrationPlan> plan_;
  std::optional<migrate::ImapTarget> target_;
  BackgroundJob job_;
  BackgroundJob count_job_;
  unsigned count_generation_ = 0;
};

}  // namespace mailassist::wizard
