#include "app/wizard/ui/script_runner.hpp"

#include <cstdio>
#include <optional>

#include <wx/app.h>
#include <wx/checkbox.h>
#include <wx/choice.h>
#include <wx/collpane.h>
#include <wx/filepicker.h>
#include <wx/listctrl.h>
#include <wx/radiobut.h>
#include <wx/spinctrl.h>
#include <wx/textctrl.h>
#include <wx/uiaction.h>

#include "app/wizard/ui/screenshot.hpp"

namespace mailassist::wizard {

namespace {

template <typename Event>
void send(wxWindow* window, Event event) {
  event.SetEventObject(window);
  window->GetEventHandler()->ProcessEvent(event);
}

wxString text_of(wxWindow* window) {
  if (auto* text = dynamic_cast<wxTextCtrl*>(window)) return text->GetValue();
  if (auto* choice = dynamic_cast<wxChoice*>(window)) return choice->GetStringSelection();
  if (auto* check = dynamic_cast<wxCheckBox*>(window)) return check->GetValue() ? "1" : "0";
  if (auto* list = dynamic_cast<wxListCtrl*>(window)) {
    // Every cell: a row per line, its columns separated by " | ".
    wxString cells;
    for (long row = 0; row < list->GetItemCount(); ++row) {
      for (int column = 0; column < list->GetColumnCount(); ++column)
        cells << (column ? " | " : "") << list->GetItemText(row, column);
      cells << "\n";
    }
    return cells;
  }
  // What a person reads: a button's or a paragraph's text without mnemonic marks.
  if (auto* control = dynamic_cast<wxControl*>(window)) return control->GetLabelText();
  return window->GetLabel();
}

// The simulator's key code and modifiers for a script key.
std::pair<int, int> key_code(const ScriptKey& key) {
  int code = 0;
  switch (key.kind) {
    case ScriptKey::Kind::tab: code = WXK_TAB; break;
    case ScriptKey::Kind::enter: code = WXK_RETURN; break;
    case ScriptKey::Kind::escape: code = WXK_ESCAPE; break;
    case ScriptKey::Kind::space: code = WXK_SPACE; break;
    case ScriptKey::Kind::up: code = WXK_UP; break;
    case ScriptKey::Kind::down: code = WXK_DOWN; break;
    case ScriptKey::Kind::character: code = static_cast<unsigned char>(key.character); break;
  }
  return {code, (key.shift ? wxMOD_SHIFT : 0) | (key.alt ? wxMOD_ALT : 0)};
}

bool named_or_inside(wxWindow* window, const wxString& name) {
  for (; window; window = window->GetParent())
    if (window->GetName() == name) return true;
  return false;
}

}  // namespace

ScriptRunner::ScriptRunner(WizardFrame* frame, std::vector<ScriptStep> steps)
    : frame_(frame), steps_(std::move(steps)), timer_(this) {
  Bind(wxEVT_TIMER, [this](wxTimerEvent&) { tick(); });
  step_started_ = std::chrono::steady_clock::now();
  timer_.Start(100);
}

wxWindow* ScriptRunner::find(const std::string& name) const {
  return wxWindow::FindWindowByName(wxString::FromUTF8(name), frame_);
}

void ScriptRunner::fail(const ScriptStep& step, const std::string& why) {
  std::fprintf(stderr, "script line %d: %s\n", step.line, why.c_str());
  failed_ = true;
}

void ScriptRunner::tick() {
  // Let layout and painting catch up after every step (and before screenshots).
  if (settle_ticks_ > 0) {
    --settle_ticks_;
    return;
  }
  if (next_ >= steps_.size()) {
    timer_.Stop();
    frame_->Close(true);
    return;
  }
  if (run(steps_[next_])) {
    ++next_;
    settle_ticks_ = 2;
    step_started_ = std::chrono::steady_clock::now();
  }
}

bool ScriptRunner::run(const ScriptStep& step) {
  switch (step.verb) {
    case ScriptVerb::size:
      frame_->SetSize(frame_->FromDIP(wxSize(step.width, step.height)));
      settle_ticks_ = 5;
      return true;
    case ScriptVerb::wait_page: {
      auto* page = frame_->current_page();
      if (page->GetName() == wxString::FromUTF8(step.name) && !page->busy()) return true;
      if (std::chrono::steady_clock::now() - step_started_ > std::chrono::seconds(step.seconds)) {
        fail(step, "timed out waiting for page " + step.name + " (on " +
                       page->GetName().ToStdString() + (page->busy() ? ", busy)" : ")"));
        frame_->Close(true);
        timer_.Stop();
        return false;
      }
      return false;
    }
    case ScriptVerb::screenshot:
      frame_->Refresh();
      frame_->Update();
      if (!save_screenshot(frame_, wxString::FromUTF8(step.name)))
        fail(step, "cannot save " + step.name);
      return true;
    case ScriptVerb::quit: next_ = steps_.size(); return true;
    case ScriptVerb::key:
    case ScriptVerb::type: {
      // Real key presses go to the window with the X input focus; without a window
      // manager (Xvfb) nobody gives it to the frame, so it asks for it first.
      // A dialog of ours (Close asks first) may have it instead, which is fine.
      if (!wxGetActiveWindow()) {
        frame_->Raise();
        if (std::chrono::steady_clock::now() - step_started_ > std::chrono::seconds(10)) {
          fail(step, "the wizard's window never got the keyboard focus");
          return true;
        }
        return false;
      }
      wxUIActionSimulator keyboard;
      if (step.verb == ScriptVerb::type) {
        keyboard.Text(step.text.c_str());
      } else {
        for (const auto& key : step.keys) {
          auto [code, modifiers] = key_code(key);
          keyboard.Char(code, modifiers);
        }
      }
      settle_ticks_ = 3;
      return true;
    }
    case ScriptVerb::expect_focus: {
      auto* focus = wxWindow::FindFocus();
      if (!named_or_inside(focus, wxString::FromUTF8(step.name)))
        fail(step, "the focus is on " +
                       (focus ? "'" + focus->GetName().ToStdString(wxConvUTF8) + "'"
                              : std::string("nothing")) +
                       ", expected " + step.name);
      return true;
    }
    case ScriptVerb::sleep:
      return std::chrono::steady_clock::now() - step_started_ >= std::chrono::seconds(step.seconds);
    default: break;
  }
  auto* window = find(step.name);
  if (!window) {
    fail(step, "no control named " + step.name);
    return true;
  }
  auto value = wxString::FromUTF8(step.text);
  if (step.verb == ScriptVerb::wait_text) {
    if (text_of(window).Contains(value)) return true;
    if (std::chrono::steady_clock::now() - step_started_ > std::chrono::seconds(step.seconds)) {
      fail(step, "timed out waiting for " + step.name + " to contain '" + step.text + "' (it is '" +
                     text_of(window).ToStdString(wxConvUTF8) + "')");
      frame_->Close(true);
      timer_.Stop();
    }
    return false;
  }
  if (step.verb == ScriptVerb::remember) {
    remembered_[step.name] = text_of(window);
    return true;
  }
  if (step.verb == ScriptVerb::expect_same) {
    auto seen = remembered_.find(step.name);
    if (seen == remembered_.end())
      fail(step, "expect-same without remember " + step.name);
    else if (seen->second != text_of(window))
      fail(step, step.name + " changed from '" + seen->second.ToStdString(wxConvUTF8) + "' to '" +
                     text_of(window).ToStdString(wxConvUTF8) + "'");
    return true;
  }
  if (step.verb == ScriptVerb::expect) {
    // State words, the same in every language; anything else is text to find.
    std::optional<bool> held;
    if (value == "enabled" || value == "disabled")
      held = window->IsEnabled() == (value == "enabled");
    if (value == "shown" || value == "hidden") held = window->IsShown() == (value == "shown");
    if (held) {
      if (!*held) fail(step, step.name + " is not " + step.text);
    } else if (!text_of(window).Contains(value))
      fail(step, step.name + " is '" + text_of(window).ToStdString(wxConvUTF8) +
                     "', expected it to contain '" + step.text + "'");
    return true;
  }
  if (step.verb == ScriptVerb::click) {
    if (auto* radio = dynamic_cast<wxRadioButton*>(window)) {
      radio->SetValue(true);
      send(radio, wxCommandEvent(wxEVT_RADIOBUTTON, radio->GetId()));
    } else if (auto* pane = dynamic_cast<wxCollapsiblePane*>(window)) {
      pane->Collapse(!pane->IsCollapsed());
      send(pane, wxCollapsiblePaneEvent(pane, pane->GetId(), pane->IsCollapsed()));
    } else if (!window->IsEnabled()) {
      fail(step, step.name + " is disabled");
    } else {
      send(window, wxCommandEvent(wxEVT_BUTTON, window->GetId()));
    }
    return true;
  }
  // set
  if (auto* text = dynamic_cast<wxTextCtrl*>(window)) {
    text->SetValue(value);  // sends wxEVT_TEXT
  } else if (auto* choice = dynamic_cast<wxChoice*>(window)) {
    long index = 0;
    bool chosen = false;
    if (value.ToLong(&index) && index >= 0 && index < long(choice->GetCount())) {
      choice->SetSelection(int(index));
      chosen = true;
    } else {
      chosen = choice->SetStringSelection(value);
    }
    if (!chosen) fail(step, "no choice '" + step.text + "' in " + step.name);
    send(choice, wxCommandEvent(wxEVT_CHOICE, choice->GetId()));
  } else if (auto* check = dynamic_cast<wxCheckBox*>(window)) {
    check->SetValue(value == "1");
    send(check, wxCommandEvent(wxEVT_CHECKBOX, check->GetId()));
  } else if (auto* spin = dynamic_cast<wxSpinCtrl*>(window)) {
    spin->SetValue(wxAtoi(value));
    send(spin, wxSpinEvent(wxEVT_SPINCTRL, spin->GetId()));
  } else if (auto* picker = dynamic_cast<wxDirPickerCtrl*>(window)) {
    picker->SetPath(value);
    send(picker, wxFileDirPickerEvent(wxEVT_DIRPICKER_CHANGED, picker, picker->GetId(), value));
  } else {
    fail(step, "cannot set " + step.name);
  }
  return true;
}

}  // namespace mailassist::wizard
