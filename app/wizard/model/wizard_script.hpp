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
//
// Keyboard and timing steps (a person without a mouse; work that must hold still):
//   key KEY...                real key presses through the X server (XTEST), to the
//                             focused control: tab shift-tab enter escape space up down,
//                             alt-X (a mnemonic) or one character
//   type TEXT...              the text as real key presses
//   expect-focus NAME         the control with the keyboard focus is NAME (or inside it)
//   wait-text NAME TEXT...    until the control's label/value contains TEXT (60 s)
//   sleep SECONDS             let time pass (for expect-same, never to wait for work)
//   remember NAME             note the control's label/value ...
//   expect-same NAME          ... and check it has not changed since
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace mailassist::wizard {

enum class ScriptVerb {
  size,
  set,
  click,
  wait_page,
  expect,
  screenshot,
  quit,
  key,
  type,
  expect_focus,
  wait_text,
  sleep,
  remember,
  expect_same
};

struct ScriptKey {
  enum class Kind { tab, enter, escape, space, up, down, character };
  Kind kind = Kind::tab;
  char character = 0;  // Kind::character: a printable ASCII character
  bool shift = false;
  bool alt = false;
};

struct ScriptStep {
  ScriptVerb verb = ScriptVerb::quit;
  std::string name;  // control, page or file
  std::string text;  // set/expect: the rest of the line
  int width = 0, height = 0;
  int seconds = 60;             // wait-page, wait-text, sleep
  std::vector<ScriptKey> keys;  // key
  int line = 0;
};

// invalid_input with the line number for an unknown verb or missing argument.
Result<std::vector<ScriptStep>> parse_script(std::string_view text);

}  // namespace mailassist::wizard
