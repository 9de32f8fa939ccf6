#include "documents/bar_chart.h"

#include <cairo-svg.h>
#include <png.h>

#include <algorithm>
#include <cmath>

#include "documents/text_layout.h"
#include "domain/text.h"

namespace llw::documents {

using detail::make_layout;
using detail::TextAlign;
using detail::TextStyle;

namespace {

void show(cairo_t* cr, PangoLayout* layout, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  g_object_unref(layout);
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

void write_to_string(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))
      ->append(reinterpret_cast<const char*>(data), length);
}

// cairo's own PNG writer compresses at zlib's default level, which costs more than drawing the
// chart; a flat-coloured chart compresses almost as well at the fastest level.
std::string encode_png(cairo_surface_t* surface) {
  cairo_surface_flush(surface);
  const int width = cairo_image_surface_get_width(surface);
  const int height = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  unsigned char* data = cairo_image_surface_get_data(surface);
  std::string out;
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info || setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return {};
  }
  png_set_write_fn(png, &out, write_to_string, nullptr);
  png_set_compression_level(png, 1);
  png_set_filter(png, 0, PNG_FILTER_SUB);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  // CAIRO_FORMAT_RGB24 is a native-endian 32-bit word: B, G, R, unused on little-endian.
  png_set_bgr(png);
  png_set_filler(png, 0, PNG_FILLER_AFTER);
  for (int y = 0; y < height; ++y)
    png_write_row(png, data + static_cast<std::ptrdiff_t>(y) * stride);
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

}  // namespace

void draw_bar_chart(cairo_t* cr, const BarChart& chart, double x, double y, double width,
                    double height) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  double top = y;
  if (!chart.title.empty()) {
    PangoLayout* title = make_layout(chart.title, {11, true, false, TextAlign::center}, width);
    const double h = detail::layout_height(title);
    show(cr, title, x, top);
    top += h + 6;
  }
  const std::size_t n = std::min(chart.labels.size(), chart.values.size());
  if (n == 0) {
    cairo_restore(cr);
    return;
  }
  double max_value = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (std::isfinite(chart.values[i])) max_value = std::max(max_value, chart.values[i]);
  }
  const double label_width = width * 0.42;
  const double value_room = 62;
  const double bar_left = x + label_width + 6;
  const double bar_span = std::max(10.0, width - label_width - 6 - value_room);
  const double row = (y + height - top) / static_cast<double>(n);
  const double bar_height = std::min(row * 0.62, 18.0);

  // Axis line at the bars' origin.
  cairo_set_line_width(cr, 0.6);
  cairo_move_to(cr, bar_left, top);
  cairo_line_to(cr, bar_left, top + row * static_cast<double>(n));
  cairo_stroke(cr);

  for (std::size_t i = 0; i < n; ++i) {
    const double middle = top + row * (static_cast<double>(i) + 0.5);
    PangoLayout* label =
        make_layout(chart.labels[i], {9, false, false, TextAlign::right}, label_width);
    // At most two lines per label, ellipsised: the table beside the chart has the full text.
    pango_layout_set_height(label, -2);
    pango_layout_set_ellipsize(label, PANGO_ELLIPSIZE_END);
    const double label_height = detail::layout_height(label);
    show(cr, label, x, middle - label_height / 2);

    const double value = std::isfinite(chart.values[i]) ? std::max(0.0, chart.values[i]) : 0.0;
    const double length = max_value > 0 ? bar_span * value / max_value : 0;
    cairo_rectangle(cr, bar_left, middle - bar_height / 2, length, bar_height);
    cairo_set_source_rgb(cr, 0.17, 0.34, 0.59);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);

    std::string text = format_vietnamese_number(value);
    if (i == 0 && !chart.unit.empty()) text += " " + chart.unit;
    PangoLayout* figure = make_layout(text, {9, false, false, TextAlign::left}, value_room + 60);
    const double figure_height = detail::layout_height(figure);
    show(cr, figure, bar_left + length + 4, middle - figure_height / 2);
  }
  cairo_restore(cr);
}

std::string render_bar_chart_png(const BarChart& chart, double width, double height, double scale) {
  const int w = static_cast<int>(std::ceil(width * scale));
  const int h = static_cast<int>(std::ceil(height * scale));
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, scale, scale);
  draw_bar_chart(cr, chart, 0, 0, width, height);
  cairo_destroy(cr);
  std::string png = encode_png(surface);
  cairo_surface_destroy(surface);
  return png;
}

std::string render_bar_chart_svg(const BarChart& chart, double width, double height) {
  std::string svg;
  cairo_surface_t* surface =
      cairo_svg_surface_create_for_stream(append_to_string, &svg, width, height);
  cairo_t* cr = cairo_create(surface);
  draw_bar_chart(cr, chart, 0, 0, width, height);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return svg;
}

}  // namespace llw::documents
