#pragma once
// Runs a test script (model/wizard_script.hpp) against the live wizard, one step per timer
// tick, waiting where the script says so. Steps act on controls by name the way a person
// would (typing sets the text and sends the text event, clicking sends the button event),
// so the pages cannot tell a script from a person.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include <wx/timer.h>

#include "app/wizard/model/wizard_script.hpp"
#include "app/wizard/ui/wizard_frame.hpp"

namespace mailassist::wizard {

class ScriptRunner : public wxEvtHandler {
 public:
  ScriptRunner(WizardFrame* frame, std::vector<ScriptStep> steps);
  // 0 when every expect held; 1 otherwise (also when a wait timed out).
  int exit_code() const { return failed_ ? 1 : 0; }
  // Every step ran (or `quit`): a wizard that closed on its own before that is a failure.
  bool finished() const { return next_ >= steps_.size(); }

 private:
  void tick();
  bool run(const ScriptStep& step);  // false: not done yet, try again next tick
  void fail(const ScriptStep& step, const std::string& why);
  wxWindow* find(const std::string& name) const;

  WizardFrame* frame_;
  std::vector<ScriptStep> steps_;
  std::size_t next_ = 0;
  wxTimer timer_;
  bool failed_ = false;
  int settle_ticks_ = 0;
  std::map<std::string, wxString> remembered_;  // remember / expect-same
  std::chrono::steady_clock::time_point step_started_;
};

}  // namespace mailassist::wizard
