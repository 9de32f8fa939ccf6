#pragma once
// Pango text layout shared by the PDF renderer and the chart: one font map per thread at 72 dpi,
// so a font size in points is a size in cairo user units (PDF points). Internal to this layer.

#include <pango/pangocairo.h>

#include <string>
#include <string_view>

namespace llw::documents::detail {

// The serif face documents use: Liberation Serif is metric-compatible with Times New Roman.
inline constexpr const char* kSerifFamily = "Liberation Serif";

enum class TextAlign { left, center, right, justify };

struct TextStyle {
  double size = 14;  // points
  bool bold = false;
  bool italic = false;
  TextAlign align = TextAlign::justify;
  double first_line_indent = 0;  // points
};

// A layout of `text` (plain text, never markup, so nothing in it is interpreted) wrapped to
// `width` points; always left-to-right whatever bidi marks the text holds. The caller unrefs.
PangoLayout* make_layout(std::string_view text, const TextStyle& style, double width);

// Width and height of a laid-out text in points.
double layout_height(PangoLayout* layout);
double layout_width(PangoLayout* layout);

}  // namespace llw::documents::detail
