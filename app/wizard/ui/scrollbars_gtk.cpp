#include <gtk/gtk.h>

#include "app/wizard/ui/scrollbars.hpp"

namespace mailassist::wizard {

void keep_scrollbars_visible(wxWindow* scrolled) {
  // wxGTK makes a window with wxVSCROLL a GtkScrolledWindow; anything else is left alone.
  auto* widget = static_cast<GtkWidget*>(scrolled->GetHandle());
  if (widget && GTK_IS_SCROLLED_WINDOW(widget))
    gtk_scrolled_window_set_overlay_scrolling(GTK_SCROLLED_WINDOW(widget), FALSE);
}

}  // namespace mailassist::wizard
