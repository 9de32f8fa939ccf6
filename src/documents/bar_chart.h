#pragma once
// The one drawing of a bar chart. The PDF draws it as vectors, the DOCX embeds it as a PNG and
// the web page can show it as SVG or PNG: all three come from draw_bar_chart.

#include <cairo.h>

#include <string>

#include "documents/document.h"

namespace llw::documents {

// Draws `chart` into the rectangle (x, y, width, height) in `cr`'s user units (points).
void draw_bar_chart(cairo_t* cr, const BarChart& chart, double x, double y, double width,
                    double height);

// The chart as PNG bytes of width × height points rendered at `scale` pixels per point.
std::string render_bar_chart_png(const BarChart& chart, double width, double height,
                                 double scale = 2.0);
// The chart as an SVG document of width × height points.
std::string render_bar_chart_svg(const BarChart& chart, double width, double height);

}  // namespace llw::documents
