#include "documents/pdf_renderer.h"

#include <cairo-pdf.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <numeric>

#include "documents/bar_chart.h"
#include "documents/pdf_signature.h"
#include "documents/text_layout.h"

namespace llw::documents {

using detail::make_layout;
using detail::TextAlign;
using detail::TextStyle;

namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kA4Width = 210 * kMm;
constexpr double kA4Height = 297 * kMm;
constexpr double kTop = 25 * kMm, kBottom = 20 * kMm, kLeft = 35 * kMm, kRight = 20 * kMm;
constexpr double kBodySize = 14;
constexpr double kIndent = 10 * kMm;
constexpr double kSpaceBefore = 6;
constexpr double kCellPad = 3;

using LayoutPtr = std::shared_ptr<PangoLayout>;

LayoutPtr layout(std::string_view text, const TextStyle& style, double width) {
  return LayoutPtr(make_layout(text, style, width), [](PangoLayout* l) { g_object_unref(l); });
}

void show_at(cairo_t* cr, PangoLayout* l, double x, double y) {
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, l);
}

void rule(cairo_t* cr, double x1, double x2, double y) {
  cairo_set_line_width(cr, 0.6);
  cairo_move_to(cr, x1, y);
  cairo_line_to(cr, x2, y);
  cairo_stroke(cr);
}

// Widest line of a layout, for rules as long as their text.
double ink_line_width(PangoLayout* l) {
  double widest = 0;
  const int count = pango_layout_get_line_count(l);
  for (int i = 0; i < count; ++i) {
    PangoRectangle logical;
    pango_layout_line_get_extents(pango_layout_get_line_readonly(l, i), nullptr, &logical);
    widest = std::max(widest, static_cast<double>(logical.width) / PANGO_SCALE);
  }
  return widest;
}

// One unbreakable piece of the flow: a line of a paragraph, a table row, the header block, a
// chart. The paginator only ever breaks between pieces.
struct Piece {
  double height = 0;
  double space_before = 0;  // dropped at the top of a page
  bool keep_with_next = false;
  std::function<void(cairo_t*, double x, double y)> draw;
  // A table's header rows, drawn again above this row when it starts a page.
  std::shared_ptr<const std::vector<Piece>> repeat;
};

struct PageSetup {
  double width = kA4Width;
  double height = kA4Height;
  double content_width() const { return width - kLeft - kRight; }
  double bottom() const { return height - kBottom; }
};

PageSetup portrait() { return {}; }
PageSetup landscape() { return {kA4Height, kA4Width}; }

// The lines of one paragraph as pieces, with a first line that will not stay alone at the
// bottom of a page and a last line that will not go alone to the next one.
void add_paragraph(std::vector<Piece>& out, std::string_view text, const TextStyle& style,
                   double width, double space_before, bool heading) {
  const LayoutPtr l = layout(text, style, width);
  PangoLayoutIter* iter = pango_layout_get_iter(l.get());
  std::vector<Piece> lines;
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    const double baseline =
        static_cast<double>(pango_layout_iter_get_baseline(iter) - logical.y) / PANGO_SCALE;
    const double offset = static_cast<double>(logical.x) / PANGO_SCALE;
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
    Piece piece;
    piece.height = static_cast<double>(logical.height) / PANGO_SCALE;
    piece.draw = [l, line, baseline, offset](cairo_t* cr, double x, double y) {
      cairo_move_to(cr, x + offset, y + baseline);
      pango_cairo_show_layout_line(cr, line);
    };
    lines.push_back(std::move(piece));
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  if (lines.empty()) return;
  lines.front().space_before = space_before;
  const std::size_t n = lines.size();
  for (std::size_t i = 0; i < n; ++i) {
    const bool orphan_guard = i == 0 && n >= 2;
    const bool widow_guard = n >= 3 && i == n - 2;
    lines[i].keep_with_next = heading || orphan_guard || widow_guard;
  }
  for (auto& line : lines) out.push_back(std::move(line));
}

std::string block_text(const Block& block) {
  if (block.label.empty()) return block.text;
  return block.label + " " + block.text;
}

void add_table(std::vector<Piece>& out, const Table& table, double width, double font_size) {
  std::size_t columns = 0;
  for (const auto& h : table.header_rows) columns = std::max(columns, h.size());
  for (const auto& r : table.rows) columns = std::max(columns, r.cells.size());
  if (columns == 0) return;
  std::vector<double> weights(columns, 1.0);
  for (std::size_t c = 0; c < columns && c < table.column_widths.size(); ++c) {
    weights[c] = table.column_widths[c] > 0 ? table.column_widths[c] : 1.0;
  }
  const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<double> widths(columns);
  for (std::size_t c = 0; c < columns; ++c) widths[c] = width * weights[c] / total;

  const auto make_row = [&](const std::vector<std::string>& cells, bool header, bool bold) {
    std::vector<LayoutPtr> layouts;
    double height = 0;
    for (std::size_t c = 0; c < columns; ++c) {
      TextAlign align = TextAlign::left;
      if (header) {
        align = TextAlign::center;
      } else if (c < table.align.size()) {
        align = table.align[c] == Align::right    ? TextAlign::right
                : table.align[c] == Align::center ? TextAlign::center
                                                  : TextAlign::left;
      }
      const std::string& text = c < cells.size() ? cells[c] : std::string();
      layouts.push_back(layout(text, {font_size, header || bold, false, align},
                               std::max(4.0, widths[c] - 2 * kCellPad)));
      height = std::max(height, detail::layout_height(layouts.back().get()));
    }
    Piece piece;
    piece.height = height + 2 * kCellPad;
    piece.draw = [layouts, widths, h = piece.height](cairo_t* cr, double x, double y) {
      cairo_set_line_width(cr, 0.5);
      double cx = x;
      for (std::size_t c = 0; c < layouts.size(); ++c) {
        cairo_rectangle(cr, cx, y, widths[c], h);
        cairo_stroke(cr);
        show_at(cr, layouts[c].get(), cx + kCellPad, y + kCellPad);
        cx += widths[c];
      }
    };
    return piece;
  };

  auto header = std::make_shared<std::vector<Piece>>();
  for (const auto& h : table.header_rows) {
    Piece piece = make_row(h, true, true);
    piece.keep_with_next = true;  // a header never ends a page without a row under it
    header->push_back(std::move(piece));
  }
  bool first = true;
  for (const Piece& h : *header) {
    Piece copy = h;
    if (first) copy.space_before = kSpaceBefore;
    first = false;
    out.push_back(std::move(copy));
  }
  for (const auto& row : table.rows) {
    Piece piece = make_row(row.cells, false, row.bold);
    if (first) piece.space_before = kSpaceBefore;
    first = false;
    if (!header->empty()) piece.repeat = header;
    out.push_back(std::move(piece));
  }
}

void add_chart(std::vector<Piece>& out, const BarChart& chart, double width) {
  Piece piece;
  piece.space_before = kSpaceBefore * 2;
  piece.height = 28 + 26.0 * static_cast<double>(std::max<std::size_t>(1, chart.labels.size()));
  piece.draw = [chart, width, h = piece.height](cairo_t* cr, double x, double y) {
    draw_bar_chart(cr, chart, x, y, width, h);
  };
  out.push_back(std::move(piece));
}

// A photo at the text width, never taller than kMaxPictureHeight nor larger than its own pixels at
// 150 dpi, centred, kept with the caption that follows it. The JPEG is embedded as it is (cairo
// writes a surface's JPEG mime data to the PDF instead of its pixels), so nothing is re-encoded.
constexpr double kMaxPictureHeight = 320;

void add_picture(std::vector<Piece>& out, const Picture& picture, double width) {
  if (picture.width_px <= 0 || picture.height_px <= 0) return;
  const double natural = picture.width_px * 72.0 / 150.0;
  double shown_width = std::min(width, natural);
  double shown_height = shown_width * picture.height_px / picture.width_px;
  if (shown_height > kMaxPictureHeight) {
    shown_width *= kMaxPictureHeight / shown_height;
    shown_height = kMaxPictureHeight;
  }
  Piece piece;
  piece.space_before = kSpaceBefore * 2;
  piece.height = shown_height;
  piece.keep_with_next = true;
  auto jpeg = std::make_shared<const std::string>(picture.jpeg);
  piece.draw = [jpeg, px = picture.width_px, py = picture.height_px, shown_width, shown_height,
                width](cairo_t* cr, double x, double y) {
    cairo_surface_t* image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, px, py);
    // The surface keeps its own reference to the bytes until it is destroyed.
    auto* kept = new std::shared_ptr<const std::string>(jpeg);
    cairo_surface_set_mime_data(
        image, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>((*kept)->data()),
        (*kept)->size(),
        [](void* data) { delete static_cast<std::shared_ptr<const std::string>*>(data); }, kept);
    cairo_save(cr);
    cairo_translate(cr, x + (width - shown_width) / 2, y);
    cairo_scale(cr, shown_width / px, shown_height / py);
    cairo_set_source_surface(cr, image, 0, 0);
    cairo_paint(cr);
    cairo_restore(cr);
    cairo_surface_destroy(image);
  };
  out.push_back(std::move(piece));
}

void add_blocks(std::vector<Piece>& out, const std::vector<Block>& blocks, double width,
                double table_font) {
  for (const Block& block : blocks) {
    switch (block.kind) {
      case BlockKind::table:
        add_table(out, block.table, width, table_font);
        break;
      case BlockKind::chart:
        add_chart(out, block.chart, width);
        break;
      case BlockKind::picture:
        add_picture(out, block.picture, width);
        break;
      default: {
        const bool heading = block.kind == BlockKind::section ||
                             (block.kind == BlockKind::clause && block.bold) ||
                             (block.kind == BlockKind::paragraph && block.bold);
        const bool centre = block.align == Align::center;
        TextStyle style{kBodySize, block.bold, block.italic,
                        centre ? TextAlign::center : TextAlign::justify, centre ? 0 : kIndent};
        add_paragraph(out, block_text(block), style, width, kSpaceBefore, heading);
      }
    }
  }
}

// The two-column header table of page 1.
Piece header_piece(const HeaderBlock& h) {
  // Nghị định 30's header columns, about 67.5 mm | 100 mm: 65 | 100, so the right one holds the
  // national title at 13 pt on one line.
  const double left_x = kLeft - 10 * kMm, left_w = 65 * kMm;
  const double right_x = left_x + left_w, right_w = 100 * kMm;
  std::vector<std::pair<LayoutPtr, double>> left, right;  // layout, y offset
  std::vector<std::array<double, 3>> rules;               // x1, x2, y
  double ly = 0;
  // Each line of the agency stays one line: a long name is set smaller, never broken.
  const auto fitted = [&](const std::string& line, bool bold) {
    const detail::TextStyle style{13, bold, false, TextAlign::center};
    const double size = detail::one_line_size(line, style, left_w - detail::kHeaderCellMargins,
                                              detail::kHeaderMinSize);
    return detail::TextStyle{size, bold, false, TextAlign::center};
  };
  if (!h.parent_agency.empty()) {
    auto l = layout(h.parent_agency, fitted(h.parent_agency, false), left_w);
    left.emplace_back(l, ly);
    ly += detail::layout_height(l.get());
  }
  double issuer_width = 0;
  for (const auto& line : h.issuer_lines) {
    auto l = layout(line, fitted(line, true), left_w);
    left.emplace_back(l, ly);
    ly += detail::layout_height(l.get());
    issuer_width = std::max(issuer_width, ink_line_width(l.get()));
  }
  const double issuer_rule = std::max(issuer_width * 0.4, 20 * kMm);
  rules.push_back(
      {left_x + (left_w - issuer_rule) / 2, left_x + (left_w + issuer_rule) / 2, ly + 4});
  ly += 8;

  double ry = 0;
  auto national =
      layout("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {13, true, false, TextAlign::center}, right_w);
  right.emplace_back(national, ry);
  ry += detail::layout_height(national.get());
  auto motto = layout("Độc lập - Tự do - Hạnh phúc", {14, true, false, TextAlign::center}, right_w);
  right.emplace_back(motto, ry);
  ry += detail::layout_height(motto.get());
  const double motto_width = ink_line_width(motto.get());
  rules.push_back(
      {right_x + (right_w - motto_width) / 2, right_x + (right_w + motto_width) / 2, ry + 4});
  ry += 8;

  // "Số" and the place-date line share a row.
  const double row2 = std::max(ly, ry) + 6;
  auto number = layout(h.number, {13, false, false, TextAlign::center}, left_w);
  auto place = layout(h.place_date, {14, false, true, TextAlign::center}, right_w);
  left.emplace_back(number, row2 + 1);
  right.emplace_back(place, row2);
  const double height =
      row2 + std::max(detail::layout_height(number.get()) + 1, detail::layout_height(place.get()));

  Piece piece;
  piece.height = height;
  piece.draw = [=](cairo_t* cr, double, double y) {
    for (const auto& [l, dy] : left) show_at(cr, l.get(), left_x, y + dy);
    for (const auto& [l, dy] : right) show_at(cr, l.get(), right_x, y + dy);
    for (const auto& r : rules) rule(cr, r[0], r[1], y + r[2]);
  };
  return piece;
}

void add_title(std::vector<Piece>& out, const Document& doc, double width) {
  add_paragraph(out, doc.title, {kBodySize, true, false, TextAlign::center}, width, 24, true);
  if (!doc.summary_line.empty()) {
    auto l = layout(doc.summary_line, {kBodySize, true, false, TextAlign::center}, width);
    const double line_width = std::max(ink_line_width(l.get()) / 3, 30 * kMm);
    Piece piece;
    piece.height = detail::layout_height(l.get()) + 10;
    piece.keep_with_next = true;
    piece.draw = [l, width, line_width](cairo_t* cr, double x, double y) {
      show_at(cr, l.get(), x, y);
      const double ry = y + detail::layout_height(l.get()) + 5;
      rule(cr, x + (width - line_width) / 2, x + (width + line_width) / 2, ry);
    };
    out.push_back(std::move(piece));
  }
  if (doc.addressees.empty()) return;
  if (doc.addressees.size() == 1) {
    add_paragraph(out, "Kính gửi: " + doc.addressees.front() + ".",
                  {kBodySize, false, false, TextAlign::center}, width, 10, false);
    return;
  }
  auto label = layout("Kính gửi:", {kBodySize, false, false, TextAlign::left}, width);
  const double label_width = ink_line_width(label.get()) + 6;
  const double x_offset = 22 * kMm;
  std::vector<LayoutPtr> entries;
  double height = 0;
  for (std::size_t i = 0; i < doc.addressees.size(); ++i) {
    const bool last = i + 1 == doc.addressees.size();
    entries.push_back(layout("- " + doc.addressees[i] + (last ? "." : ";"),
                             {kBodySize, false, false, TextAlign::left},
                             width - x_offset - label_width));
    height += detail::layout_height(entries.back().get());
  }
  Piece piece;
  piece.space_before = 10;
  piece.height = height;
  piece.draw = [=](cairo_t* cr, double x, double y) {
    show_at(cr, label.get(), x + x_offset, y);
    double ey = y;
    for (const auto& e : entries) {
      show_at(cr, e.get(), x + x_offset + label_width, ey);
      ey += detail::layout_height(e.get());
    }
  };
  out.push_back(std::move(piece));
}

Piece signature_piece(const Document& doc) {
  const double left_x = kLeft - 9 * kMm, left_w = 53 * kMm;
  const double right_x = left_x + left_w, right_w = 111 * kMm;
  std::vector<std::pair<LayoutPtr, double>> left, right;
  double ly = 0;
  if (!doc.recipients.empty()) {
    auto heading = layout("Nơi nhận:", {12, true, true, TextAlign::left}, left_w);
    left.emplace_back(heading, ly);
    ly += detail::layout_height(heading.get());
    for (const auto& r : doc.recipients) {
      auto l = layout("- " + r, {11, false, false, TextAlign::left}, left_w);
      left.emplace_back(l, ly);
      ly += detail::layout_height(l.get());
    }
  }
  double ry = 0;
  const SignatureBlock& s = doc.signature;
  for (const auto* line : {&s.authority, &s.deputy, &s.position}) {
    if (line->empty()) continue;
    auto l = layout(*line, {kBodySize, true, false, TextAlign::center}, right_w);
    right.emplace_back(l, ry);
    ry += detail::layout_height(l.get());
  }
  ry += 30 * kMm;  // room for the signature and the seal
  auto name =
      layout(s.name.empty() ? " " : s.name, {kBodySize, true, false, TextAlign::center}, right_w);
  right.emplace_back(name, ry);
  ry += detail::layout_height(name.get());
  Piece piece;
  piece.space_before = 12;
  piece.height = std::max(ly, ry);
  piece.draw = [=](cairo_t* cr, double, double y) {
    for (const auto& [l, dy] : left) show_at(cr, l.get(), left_x, y + dy);
    for (const auto& [l, dy] : right) show_at(cr, l.get(), right_x, y + dy);
  };
  return piece;
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Lays pieces out page by page on one PDF surface.
class Paginator {
 public:
  Paginator(cairo_surface_t* surface, cairo_t* cr) : surface_(surface), cr_(cr) {}

  // Starts a section (the body, or an annex) on a new page whose numbers start again at 1.
  void start_section(const PageSetup& setup) {
    setup_ = setup;
    page_in_section_ = 0;
    new_page();
  }

  void place(const std::vector<Piece>& pieces) {
    const double body = setup_.bottom() - kTop;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      // The height this piece needs on this page: itself and every piece chained to it.
      double need = pieces[i].height + (empty_ ? 0 : pieces[i].space_before);
      for (std::size_t j = i; j + 1 < pieces.size() && pieces[j].keep_with_next && need < body;
           ++j) {
        need += pieces[j + 1].space_before + pieces[j + 1].height;
      }
      need = std::min(need, body);
      if (!empty_ && y_ + need > setup_.bottom() + 0.01) {
        new_page();
        if (pieces[i].repeat) {
          for (const Piece& h : *pieces[i].repeat) draw(h);
        }
      }
      draw(pieces[i]);
    }
  }

  int pages() const { return pages_; }

 private:
  void draw(const Piece& piece) {
    if (!empty_) y_ += piece.space_before;
    cairo_set_source_rgb(cr_, 0, 0, 0);
    piece.draw(cr_, kLeft, y_);
    y_ += piece.height;
    empty_ = false;
  }

  void new_page() {
    if (pages_ > 0) cairo_show_page(cr_);
    cairo_pdf_surface_set_size(surface_, setup_.width, setup_.height);
    ++pages_;
    ++page_in_section_;
    y_ = kTop;
    empty_ = true;
    if (page_in_section_ >= 2) {
      // Centred in the top margin, 10 mm from the edge; page 1 carries none.
      auto number = layout(std::to_string(page_in_section_), {13, false, false, TextAlign::center},
                           setup_.content_width());
      cairo_set_source_rgb(cr_, 0, 0, 0);
      show_at(cr_, number.get(), kLeft, 10 * kMm);
    }
  }

  cairo_surface_t* surface_;
  cairo_t* cr_;
  PageSetup setup_;
  int pages_ = 0;
  int page_in_section_ = 0;
  double y_ = kTop;
  bool empty_ = true;
};

std::vector<Piece> annex_pieces(const Annex& annex, double width) {
  std::vector<Piece> pieces;
  if (!annex.label.empty()) {
    add_paragraph(pieces, annex.label, {kBodySize, true, false, TextAlign::center}, width, 0, true);
  }
  if (!annex.title.empty()) {
    add_paragraph(pieces, annex.title, {kBodySize, true, false, TextAlign::center}, width, 0, true);
  }
  if (!annex.subtitle.empty()) {
    add_paragraph(pieces, annex.subtitle, {kBodySize, true, false, TextAlign::center}, width, 0,
                  true);
  }
  if (!annex.note.empty()) {
    add_paragraph(pieces, annex.note, {kBodySize, false, true, TextAlign::center}, width, 0, true);
  }
  if (!pieces.empty()) pieces.back().keep_with_next = true;
  const std::size_t before = pieces.size();
  add_blocks(pieces, annex.blocks, width, annex.landscape ? 11 : 12);
  if (pieces.size() > before) pieces[before].space_before = 12;
  return pieces;
}

}  // namespace

std::string render_pdf(const Document& document) {
  std::string bytes;
  cairo_surface_t* surface =
      cairo_pdf_surface_create_for_stream(append_to_string, &bytes, kA4Width, kA4Height);
  const std::string title = clean_text(document.title + " " + document.summary_line);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "LLW");
  if (!document.identifier.empty()) {
    const std::string keywords = identifier_keywords(document.identifier);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, keywords.c_str());
  }
  cairo_t* cr = cairo_create(surface);
  {
    Paginator paginator(surface, cr);
    const PageSetup page = portrait();
    const double width = page.content_width();
    std::vector<Piece> pieces;
    pieces.push_back(header_piece(document.header));
    add_title(pieces, document, width);
    add_blocks(pieces, document.body, width, 12);
    if (!pieces.empty()) pieces.back().keep_with_next = true;  // the closing line signs along
    pieces.push_back(signature_piece(document));
    paginator.start_section(page);
    paginator.place(pieces);
    for (const Annex& annex : document.annexes) {
      const PageSetup setup = annex.landscape ? landscape() : portrait();
      paginator.start_section(setup);
      paginator.place(annex_pieces(annex, setup.content_width()));
    }
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  cairo_surface_destroy(surface);
  return bytes;
}

}  // namespace llw::documents
