#include "app/wizard/ui/wizard_frame.hpp"

#include <wx/collpane.h>
#include <wx/intl.h>
#include <wx/msgdlg.h>
#include <wx/panel.h>
#include <wx/settings.h>
#include <wx/sizer.h>
#include <wx/statline.h>

#include "app/wizard/ui/account_page.hpp"
#include "app/wizard/ui/detect_page.hpp"
#include "app/wizard/ui/finish_page.hpp"
#include "app/wizard/ui/migrate_page.hpp"
#include "app/wizard/ui/settings_page.hpp"
#include "app/wizard/ui/test_page.hpp"
#include "app/wizard/ui/welcome_page.hpp"

namespace mailassist::wizard {

WizardFrame::WizardFrame(WizardState& state)
    : wxFrame(nullptr, wxID_ANY, _("MailAssist - set up your email"), wxDefaultPosition,
              wxDefaultSize, wxDEFAULT_FRAME_STYLE, "mailassist_wizard"),
      state_(state) {
  auto* root =
      new wxPanel(this, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxTAB_TRAVERSAL, "root");
  auto* columns = new wxBoxSizer(wxHORIZONTAL);
  auto* step_list = new wxBoxSizer(wxVERTICAL);
  heading_ =
      new wxStaticText(root, wxID_ANY, wxString(), wxDefaultPosition, wxDefaultSize, 0, "heading");
  heading_->SetFont(heading_->GetFont().Scaled(1.4f).Bold());
  book_ = new wxSimplebook(root, wxID_ANY);
  pages_ = {new WelcomePage(book_, state), new AccountPage(book_, state),
            new DetectPage(book_, state),  new SettingsPage(book_, state),
            new TestPage(book_, state),    new MigratePage(book_, state),
            new FinishPage(book_, state)};
  for (std::size_t i = 0; i < pages_.size(); ++i) {
    book_->AddPage(pages_[i], pages_[i]->title());
    pages_[i]->set_changed_handler([this] { refresh_buttons(); });
    auto* step =
        new wxStaticText(root, wxID_ANY, wxString::Format("%zu. %s", i + 1, pages_[i]->title()));
    step_list->Add(step, 0, wxBOTTOM, FromDIP(10));
    steps_.push_back(step);
  }
  columns->Add(step_list, 0, wxALL, FromDIP(14));
  columns->Add(new wxStaticLine(root, wxID_ANY, wxDefaultPosition, wxDefaultSize, wxLI_VERTICAL), 0,
               wxEXPAND | wxTOP | wxBOTTOM, FromDIP(8));
  auto* page_column = new wxBoxSizer(wxVERTICAL);
  page_column->Add(heading_, 0, wxLEFT | wxRIGHT | wxTOP, FromDIP(12));
  page_column->Add(book_, 1, wxEXPAND);
  columns->Add(page_column, 1, wxEXPAND);

  auto* buttons = new wxBoxSizer(wxHORIZONTAL);
  back_ = new wxButton(root, wxID_ANY, _("< &Back"), wxDefaultPosition, wxDefaultSize, 0,
                       wxDefaultValidator, "back");
  next_ = new wxButton(root, wxID_ANY, _("&Next >"), wxDefaultPosition, wxDefaultSize, 0,
                       wxDefaultValidator, "next");
  close_ = new wxButton(root, wxID_ANY, _("&Close"), wxDefaultPosition, wxDefaultSize, 0,
                        wxDefaultValidator, "close");
  buttons->AddStretchSpacer();
  buttons->Add(back_, 0, wxRIGHT, FromDIP(8));
  buttons->Add(next_, 0, wxRIGHT, FromDIP(16));
  buttons->Add(close_);

  auto* outer = new wxBoxSizer(wxVERTICAL);
  outer->Add(columns, 1, wxEXPAND);
  outer->Add(new wxStaticLine(root), 0, wxEXPAND);
  outer->Add(buttons, 0, wxEXPAND | wxALL, FromDIP(10));
  root->SetSizer(outer);

  back_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go_back(); });
  next_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { go_next(); });
  close_->Bind(wxEVT_BUTTON, [this](wxCommandEvent&) { Close(); });
  next_->SetDefault();
  Bind(wxEVT_CHAR_HOOK, &WizardFrame::on_key, this);
  Bind(wxEVT_CLOSE_WINDOW, &WizardFrame::on_close, this);

  SetMinSize(FromDIP(wxSize(640, 480)));
  SetSize(FromDIP(wxSize(900, 680)));
  show(0);
}

WizardPage* WizardFrame::current_page() const {
  return pages_[current_];
}

void WizardFrame::go_next() {
  auto* page = current_page();
  if (page->busy() || !page->ready() || !page->leave_forward()) return;
  if (current_ + 1 < pages_.size())
    show(current_ + 1);
  else
    Close();
}

void WizardFrame::go_back() {
  if (current_ > 0 && !current_page()->busy()) show(current_ - 1);
}

void WizardFrame::show(std::size_t index) {
  current_ = index;
  book_->ChangeSelection(index);
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    auto font = steps_[i]->GetFont();
    font.SetWeight(i == index ? wxFONTWEIGHT_BOLD : wxFONTWEIGHT_NORMAL);
    steps_[i]->SetFont(font);
    steps_[i]->SetForegroundColour(i == index ? wxSystemSettings::GetColour(wxSYS_COLOUR_WINDOWTEXT)
                                              : wxSystemSettings::GetColour(wxSYS_COLOUR_GRAYTEXT));
  }
  heading_->SetLabel(pages_[index]->heading());
  pages_[index]->enter();
  next_->SetLabel(index + 1 == pages_.size() ? _("&Finish") : _("&Next >"));
  Layout();
  refresh_buttons();
  // After enter(): it decides which controls are shown and enabled.
  if (!pages_[index]->focus_first_field()) next_->SetFocus();
}

void WizardFrame::on_key(wxKeyEvent& event) {
  auto* focus = wxWindow::FindFocus();
  wxCollapsiblePane* pane = nullptr;
  for (auto* window = focus; window && !pane; window = window->GetParent())
    pane = dynamic_cast<wxCollapsiblePane*>(window);
  switch (event.GetKeyCode()) {
    case WXK_RETURN:
    case WXK_NUMPAD_ENTER:
      if (event.HasAnyModifiers()) break;
      // Enter on a button presses it (GTK does that itself).
      if (dynamic_cast<wxButton*>(focus)) break;
      // On "Advanced" it opens or closes it, as Space does: GTK's expander leaves Enter to
      // the window's default button, which is Next.
      if (pane && focus == pane) {
        pane->Collapse(!pane->IsCollapsed());
        wxCollapsiblePaneEvent changed(pane, pane->GetId(), pane->IsCollapsed());
        pane->GetEventHandler()->ProcessEvent(changed);
        return;
      }
      if (next_->IsEnabled()) go_next();
      return;
    case WXK_ESCAPE: Close(); return;
    default: break;
  }
  event.Skip();
}

void WizardFrame::on_close(wxCloseEvent& event) {
  // Nothing to lose on the first page or once everything is done; otherwise ask (what was
  // typed is not kept, and a running copy stops; the journal lets it go on next time).
  bool ask = event.CanVeto() && current_ > 0 && current_ + 1 < pages_.size();
  if (ask) {
    wxMessageDialog question(this,
                             current_page()->busy()
                                 ? _("Work is still running. Stop it and close MailAssist?")
                                 : _("Close MailAssist? Your account is not set up yet."),
                             _("Close MailAssist"), wxYES_NO | wxNO_DEFAULT | wxICON_QUESTION);
    question.SetYesNoLabels(_("&Close"), _("&Stay"));
    if (question.ShowModal() != wxID_YES) {
      event.Veto();
      return;
    }
  }
  event.Skip();
}

void WizardFrame::refresh_buttons() {
  auto* page = current_page();
  back_->Enable(current_ > 0 && !page->busy());
  next_->Enable(!page->busy() && page->ready());
}

}  // namespace mailassist::wizard
