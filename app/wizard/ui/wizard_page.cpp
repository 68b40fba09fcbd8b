#include "app/wizard/ui/wizard_page.hpp"

#include <wx/dcmemory.h>

#include "app/wizard/ui/scrollbars.hpp"

namespace mailassist::wizard {

WizardPage::WizardPage(wxWindow* parent, WizardState& state, const char* name)
    : wxScrolledWindow(parent, wxID_ANY, wxDefaultPosition, wxDefaultSize,
                       wxVSCROLL | wxTAB_TRAVERSAL, name),
      state_(state),
      body_(new wxBoxSizer(wxVERTICAL)) {
  SetScrollRate(0, 12);  // vertical only: text wraps to the width instead
  keep_scrollbars_visible(this);
  auto* outer = new wxBoxSizer(wxVERTICAL);
  // Less at the top: the frame's heading above the page already leaves room.
  outer->Add(body_, 1, wxEXPAND | wxLEFT | wxRIGHT | wxBOTTOM, FromDIP(12));
  outer->InsertSpacer(0, FromDIP(6));
  SetSizer(outer);
}

void WizardPage::changed() {
  if (changed_) changed_();
}

void WizardPage::relayout() {
  Layout();
  FitInside();
}

WrappedText* WizardPage::add_heading(const wxString& heading, const wxString& intro) {
  heading_ = heading;
  return add_text(intro);
}

namespace {

wxWindow* first_focusable(wxWindow* parent) {
  for (auto* child : parent->GetChildren()) {
    if (!child->IsShown() || !child->IsEnabled()) continue;
    if (child->AcceptsFocusFromKeyboard()) return child;
    if (auto* inner = first_focusable(child)) return inner;
  }
  return nullptr;
}

}  // namespace

bool WizardPage::focus_first_field() {
  auto* field = first_focusable(this);
  if (field) field->SetFocus();
  return field != nullptr;
}

WrappedText* WizardPage::add_text(const wxString& text, wxSizer* sizer) {
  auto* label = new WrappedText(this, text);
  (sizer ? sizer : body_)->Add(label, 0, wxEXPAND | wxBOTTOM, FromDIP(8));
  return label;
}

WrappedText::WrappedText(wxWindow* parent, const wxString& text)
    // No auto-resize: the sizer decides the width, the wrap follows it.
    : wxStaticText(parent, wxID_ANY, text, wxDefaultPosition, wxDefaultSize, wxST_NO_AUTORESIZE),
      text_(text) {
  rewrap(FromDIP(480));
  if (text.empty()) Hide();
  Bind(wxEVT_SIZE, [this](wxSizeEvent& event) {
    event.Skip();
    // A size event sent while wrapping (SetLabel/Wrap cause some) must not be lost: wrap
    // again for the final width once this one is done.
    if (rewrapping_)
      CallAfter([this] { rewrap(GetSize().x); });
    else
      rewrap(event.GetSize().x);
  });
}

void WrappedText::set_text(const wxString& text) {
  text_ = text;
  Show(!text.empty());  // an empty paragraph takes no room
  int width = wrapped_width_ > 0 ? wrapped_width_ : FromDIP(480);
  wrapped_width_ = -1;
  rewrap(width);
  if (auto* parent = GetParent()) parent->Layout();
}

void WrappedText::rewrap(int width) {
  if (width < 40 || width == wrapped_width_ || rewrapping_) return;
  rewrapping_ = true;
  wrapped_width_ = width;
  SetLabel(text_);
  Wrap(width);
  // A small minimum width lets the sizer narrow the text; the height follows the wrap.
  // Measured from the wrapped lines themselves: GTK's cached best size of the label can
  // still be that of the previous, longer text.
  wxMemoryDC measure;
  measure.SetFont(GetFont());
  SetMinSize(wxSize(FromDIP(120), measure.GetMultiLineTextExtent(GetLabelText()).y + 2));
  rewrapping_ = false;
  CallAfter([this] {
    for (auto* window = GetParent(); window; window = window->GetParent()) {
      window->Layout();
      if (auto* page = dynamic_cast<wxScrolledWindow*>(window)) {
        page->FitInside();
        break;
      }
    }
  });
}

}  // namespace mailassist::wizard
