// mailassist-wizard: the desktop face of the engine. Options mirror the CLI's global ones
// so a help desk (or the GUI test) can point it at its own servers; --script drives it for
// tests (see model/wizard_script.hpp and README.md here).
#include <fstream>
#include <sstream>

#include <wx/app.h>
#include <wx/cmdline.h>
#include <wx/image.h>
#include <wx/intl.h>

#include "app/wizard/ui/script_runner.hpp"
#include "app/wizard/ui/translations.hpp"
#include "app/wizard/ui/wizard_frame.hpp"

namespace mailassist::wizard {

class WizardApp : public wxApp {
 public:
  bool OnInit() override;
  int OnRun() override;
  int OnExit() override;
  void OnInitCmdLine(wxCmdLineParser& parser) override;
  bool OnCmdLineParsed(wxCmdLineParser& parser) override;

 private:
  WizardState state_;
  std::string language_;
  wxString script_path_;
  std::unique_ptr<ScriptRunner> runner_;
  int exit_code_ = 0;
};

void WizardApp::OnInitCmdLine(wxCmdLineParser& parser) {
  wxApp::OnInitCmdLine(parser);
  parser.AddOption("", "lang", "Language: en or id (default: from the system locale)");
  parser.AddOption("", "ca-file", "Also trust the certificate authorities in this PEM file");
  parser.AddOption("", "dns-server", "Send every name lookup to HOST[:PORT]");
  parser.AddOption("", "ispdb-url", "Where Thunderbird's provider database is");
  parser.AddOption("", "providers-dir", "Provider presets (default: the installed ones)");
  parser.AddOption("", "timeout", "Give up on each step after SECONDS (default 30)",
                   wxCMD_LINE_VAL_NUMBER);
  parser.AddSwitch("", "offline", "Detect from the bundled presets only");
  parser.AddSwitch("", "allow-http", "Also try plain-HTTP settings servers (asks before use)");
  parser.AddOption("", "script", "Test hook: run the steps in FILE (see app/wizard/README.md)");
}

bool WizardApp::OnCmdLineParsed(wxCmdLineParser& parser) {
  wxString value;
  long number = 0;
  auto& env = state_.environment;
  if (parser.Found("lang", &value)) {
    if (value != "en" && value != "id") {
      wxLogError("--lang must be en or id");
      return false;
    }
    language_ = value.ToStdString();
  }
  if (parser.Found("ca-file", &value)) env.ca_file = value.ToStdString(wxConvUTF8);
  if (parser.Found("dns-server", &value)) env.dns_servers.push_back(value.ToStdString());
  if (parser.Found("ispdb-url", &value)) env.detect.ispdb_url = value.ToStdString(wxConvUTF8);
  if (parser.Found("providers-dir", &value))
    env.detect.providers_dir = value.ToStdString(wxConvUTF8);
  if (parser.Found("timeout", &number) && number > 0) env.timeout = std::chrono::seconds(number);
  env.detect.offline = parser.Found("offline");
  env.detect.allow_http = parser.Found("allow-http");
  parser.Found("script", &script_path_);
  return wxApp::OnCmdLineParsed(parser);
}

bool WizardApp::OnInit() {
  if (!wxApp::OnInit()) return false;
  wxInitAllImageHandlers();
  language_ = choose_language(language_);
  if (!install_translations(language_)) language_ = "en";
  state_.indonesian = language_ == "id";

  auto network = make_network_context(state_.environment);
  if (network)
    state_.network = *network;
  else
    state_.network_error = network.error().message;

  auto* frame = new WizardFrame(state_);
  frame->Show();
  if (!script_path_.empty()) {
    std::ifstream in(script_path_.ToStdString(wxConvUTF8));
    std::stringstream text;
    text << in.rdbuf();
    auto steps = parse_script(text.str());
    if (!in || !steps) {
      std::fprintf(stderr, "mailassist-wizard: %s\n",
                   steps ? "cannot read the script" : steps.error().message.c_str());
      exit_code_ = 2;
      frame->Close(true);
      return true;
    }
    runner_ = std::make_unique<ScriptRunner>(frame, std::move(*steps));
  }
  return true;
}

// The process's exit status is OnRun()'s value (wxEntry ignores OnExit()'s), so a failed
// script step must be counted here for a GUI test to fail.
int WizardApp::OnRun() {
  int loop = wxApp::OnRun();
  if (runner_ && exit_code_ == 0) exit_code_ = runner_->exit_code();
  if (runner_ && exit_code_ == 0 && !runner_->finished()) {
    std::fprintf(stderr, "mailassist-wizard: the window closed before the script ended\n");
    exit_code_ = 1;
  }
  return exit_code_ != 0 ? exit_code_ : loop;
}

int WizardApp::OnExit() {
  runner_.reset();
  return wxApp::OnExit();
}

}  // namespace mailassist::wizard

wxIMPLEMENT_APP(mailassist::wizard::WizardApp);
