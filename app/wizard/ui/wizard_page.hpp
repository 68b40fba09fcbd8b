#pragma once
// One page of the wizard: a scrolled panel (so nothing is cut off at 800x600) that knows
// whether the person may go on, whether work is running, and what to do when they do.
// Pages hold controls and call the model; they never open sockets or parse anything.
#include <functional>

#include <wx/scrolwin.h>
#include <wx/sizer.h>
#include <wx/stattext.h>

#include "app/wizard/model/wizard_state.hpp"

namespace mailassist::wizard {

class WrappedText;

class WizardPage : public wxScrolledWindow {
 public:
  // `name` is the page's name for the test script (wait-page NAME).
  WizardPage(wxWindow* parent, WizardState& state, const char* name);

  virtual wxString title() const = 0;            // in the step list
  virtual void enter() {}                        // the page is shown (going forward or back)
  virtual bool leave_forward() { return true; }  // Next pressed: false stays here
  virtual bool ready() const { return true; }    // Next may be pressed
  virtual bool busy() const { return false; }    // background work is running

  // The page's heading, which the frame shows above the scrolled page so that it never
  // scrolls away (at 800x600 the longer pages scroll).
  const wxString& heading() const { return heading_; }
  // Keyboard focus on the page's first control that takes it (Tab order is the order the
  // controls were made in); false when there is none.
  bool focus_first_field();

  // The frame refreshes its buttons when a page says something changed.
  void set_changed_handler(std::function<void()> handler) { changed_ = std::move(handler); }

 protected:
  void changed();
  // Re-lays out after controls appear or disappear, keeping the scroll area right.
  void relayout();
  // The page's heading (shown by the frame) and its first paragraph; returns the
  // paragraph to update later.
  WrappedText* add_heading(const wxString& heading, const wxString& intro);
  WrappedText* add_text(const wxString& text, wxSizer* sizer = nullptr);

  WizardState& state_;
  wxBoxSizer* body_;

 private:
  std::function<void()> changed_;
  wxString heading_;
};

// Static text that wraps to the width its sizer gives it, so pages read well at any
// window size without fixed pixel widths.
class WrappedText : public wxStaticText {
 public:
  WrappedText(wxWindow* parent, const wxString& text);
  void set_text(const wxString& text);

 private:
  void rewrap(int width);
  wxString text_;
  int wrapped_width_ = -1;
  bool rewrapping_ = false;  // SetLabel/Wrap may send size events of their own
};

}  // namespace mailassist::wizard
