#pragma once
// A page that does not fit (800x600, a long certificate, Advanced opened) scrolls; the
// person must see that there is more below. GTK's overlay scrollbars show only while the
// pointer moves over them, so a page cut at the bottom edge looks finished: the wizard
// asks for classic, always-drawn scrollbars instead. Elsewhere scrollbars are always drawn
// and this does nothing. GTK-specific, like screenshot_gtk.cpp.
#include <wx/window.h>

namespace mailassist::wizard {

void keep_scrollbars_visible(wxWindow* scrolled);

}  // namespace mailassist::wizard
