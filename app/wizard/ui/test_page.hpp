#pragma once
// Page 5: log in to the incoming and the outgoing server, one result per server in words
// the person can act on. A certificate problem shows the certificate and its SHA-256
// fingerprint; going on despite it (or despite any failure) is the person's explicit
// choice, never the wizard's.
#include <vector>

#include <wx/button.h>
#include <wx/checkbox.h>

#include "app/wizard/ui/background_job.hpp"
#include "app/wizard/ui/wizard_page.hpp"

namespace mailassist::wizard {

class TestPage : public WizardPage {
 public:
  TestPage(wxWindow* parent, WizardState& state);
  ~TestPage() override;
  wxString title() const override;
  void enter() override;
  bool ready() const override;
  bool busy() const override { return running_; }

 private:
  void start();
  void show_result(std::size_t index, const autoconfig::ServerCheck& check);
  void all_done();
  bool all_ok() const;

  struct Row {
    WrappedText* status;
    WrappedText* advice;
    WrappedText* certificate;
  };
  wxBoxSizer* rows_sizer_;
  std::vector<Row> rows_;
  wxButton* again_;
  wxButton* stop_;
  WrappedText* summary_;
  wxCheckBox* go_on_;
  bool running_ = false;
  BackgroundJob job_;
  autoconfig::AccountConfig tested_;  // what the results are for
  std::string tested_password_;
};

}  // namespace mailassist::wizard
