#pragma once
// The test-only scripting hook (`mailassist-wizard --script FILE`): a GUI test drives the
// wizard as a person would, one line per step, through the controls' names. Compiled in
// always (so what is tested is what ships) and documented in app/wizard/README.md.
//
//   # comment
//   size 800 600              resize the window (client area may be smaller)
//   set NAME TEXT...          type into a text field, pick a choice, tick (1/0) a box
//   click NAME                press a button (or choose a radio button)
//   wait-page NAME [SECONDS]  until that page is shown and has no work running (default 60)
//   expect NAME TEXT...       the named control's label/value contains TEXT, else exit 1;
//                             TEXT enabled|disabled|shown|hidden checks that state instead
//   screenshot FILE.png       the window as it is now
//   quit                      close the wizard (exit status 0 unless an expect failed)
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::wizard {

enum class ScriptVerb { size, set, click, wait_page, expect, screenshot, quit };

struct ScriptStep {
  ScriptVerb verb = ScriptVerb::quit;
  std::string name;  // control, page or file
  std::string text;  // set/expect: the rest of the line
  int width = 0, height = 0;
  int seconds = 60;  // wait-page
  int line = 0;
};

// invalid_input with the line number for an unknown verb or missing argument.
Result<std::vector<ScriptStep>> parse_script(std::string_view text);

}  // namespace mailassist::wizard
