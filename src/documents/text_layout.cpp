#include "documents/text_layout.h"

#include "documents/document.h"

namespace llw::documents::detail {

namespace {

PangoContext* thread_context() {
  // Pango objects are not thread-safe; each thread gets its own font map and context, created
  // once (loading fonts is the slow part) and kept for the thread's life.
  thread_local PangoContext* context = [] {
    PangoFontMap* map = pango_cairo_font_map_new();
    pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72.0);
    PangoContext* ctx = pango_font_map_create_context(map);
    cairo_font_options_t* options = cairo_font_options_create();
    // Unhinted metrics: the same widths on screen, in PNG and in PDF.
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options(ctx, options);
    cairo_font_options_destroy(options);
    pango_context_set_base_dir(ctx, PANGO_DIRECTION_LTR);
    pango_context_set_language(ctx, pango_language_from_string("vi"));
    return ctx;
  }();
  return context;
}

}  // namespace

PangoLayout* make_layout(std::string_view text, const TextStyle& style, double width) {
  PangoLayout* layout = pango_layout_new(thread_context());
  pango_layout_set_auto_dir(layout, FALSE);
  PangoFontDescription* font = pango_font_description_new();
  pango_font_description_set_family(font, kSerifFamily);
  pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style(font, style.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  pango_font_description_set_size(font, static_cast<int>(style.size * PANGO_SCALE));
  pango_layout_set_font_description(layout, font);
  pango_font_description_free(font);
  pango_layout_set_width(layout, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_indent(layout, static_cast<int>(style.first_line_indent * PANGO_SCALE));
  switch (style.align) {
    case TextAlign::left:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      break;
    case TextAlign::center:
      pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
      break;
    case TextAlign::right:
      pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
      break;
    case TextAlign::justify:
      pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT);
      pango_layout_set_justify(layout, TRUE);
      break;
  }
  const std::string clean = clean_text(text);
  pango_layout_set_text(layout, clean.data(), static_cast<int>(clean.size()));
  return layout;
}

double layout_height(PangoLayout* layout) {
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  return static_cast<double>(h) / PANGO_SCALE;
}

double layout_width(PangoLayout* layout) {
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout, &ink, &logical);
  return static_cast<double>(logical.width) / PANGO_SCALE;
}

double one_line_size(std::string_view text, TextStyle style, double width, double min_size) {
  for (; style.size > min_size; style.size -= 0.5) {
    PangoLayout* layout = make_layout(text, style, width);
    const int lines = pango_layout_get_line_count(layout);
    g_object_unref(layout);
    if (lines <= 1) return style.size;
  }
  return min_size;
}

}  // namespace llw::documents::detail
