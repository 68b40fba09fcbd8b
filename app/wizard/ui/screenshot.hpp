#pragma once
// A PNG of a top-level window (the GUI test's screenshots). GTK draws the window's widget
// tree into an image, so the picture is what the window shows even without a window
// manager or compositor (Xvfb), and never another window on top of it. The only
// GTK-specific file of the wizard; another port would read the screen instead.
#include <wx/string.h>
#include <wx/toplevel.h>

namespace mailassist::wizard {

bool save_screenshot(wxTopLevelWindow* window, const wxString& path);

}  // namespace mailassist::wizard
