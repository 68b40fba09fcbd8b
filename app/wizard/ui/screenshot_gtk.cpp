#include <gtk/gtk.h>

#include "app/wizard/ui/screenshot.hpp"

namespace mailassist::wizard {

bool save_screenshot(wxTopLevelWindow* window, const wxString& path) {
  auto* widget = static_cast<GtkWidget*>(window->GetHandle());
  int width = gtk_widget_get_allocated_width(widget);
  int height = gtk_widget_get_allocated_height(widget);
  if (width <= 0 || height <= 0) return false;
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cairo = cairo_create(surface);
  gtk_widget_draw(widget, cairo);
  cairo_destroy(cairo);
  auto status = cairo_surface_write_to_png(surface, path.utf8_str());
  cairo_surface_destroy(surface);
  return status == CAIRO_STATUS_SUCCESS;
}

}  // namespace mailassist::wizard
