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

// The largest size from `style.size` down to `min_size`, in half points, at which `text` fits on
// one line `width` points wide; `min_size` when nothing does (the text then wraps between words).
// Header lines use it so a unit's name is never broken in the middle.
double one_line_size(std::string_view text, TextStyle style, double width, double min_size);
// The smallest size a header line (agency, unit name) is set in; Nghị định 30 asks 12–13 pt.
inline constexpr double kHeaderMinSize = 11;
// What a header cell's text is narrower than the cell, in points (the DOCX cell margins, 1 mm a
// side); the PDF fits to the same width so both break the same lines.
inline constexpr double kHeaderCellMargins = 2 * 72.0 / 25.4;

}  // namespace llw::documents::detail
