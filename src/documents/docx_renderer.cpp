#include "documents/docx_renderer.h"

#include <zip.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <numeric>
#include <optional>
#include <pugixml.hpp>
#include <stdexcept>

#include "documents/bar_chart.h"
#include "documents/text_layout.h"
#include "domain/error.h"

namespace llw::documents {

namespace {

// Twentieths of a point ("twips") and EMUs, Word's two length units.
constexpr int twips_of_mm(double mm) { return static_cast<int>(std::lround(mm * 1440.0 / 25.4)); }
constexpr long long emu_of_pt(double pt) {
  return static_cast<long long>(std::llround(pt * 12700));
}

constexpr int kPageWidth = 11906, kPageHeight = 16838;  // A4 in twips
constexpr int kMarginTop = 1417, kMarginBottom = 1134, kMarginLeft = 1984, kMarginRight = 1134;
constexpr int kHeaderDistance = 567;  // 10 mm
constexpr int kPortraitWidth = kPageWidth - kMarginLeft - kMarginRight;
constexpr int kLandscapeWidth = kPageHeight - kMarginLeft - kMarginRight;

const char* const kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const char* const kR = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// A rough width of text in Times New Roman, for rules drawn "as long as the text": Word has no
// way to size a line to text, so the rule is a paragraph border with computed indents.
double estimated_width_pt(const std::string& text, double size, bool bold) {
  std::size_t chars = 0;
  for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
  return static_cast<double>(chars) * size * (bold ? 0.56 : 0.5);
}

struct ParaProps {
  std::string style;
  bool keep_next = false;
  bool border_bottom = false;
  std::vector<int> tabs;
  std::optional<int> before, after;
  std::optional<int> ind_left, ind_right, first_line;
  std::string jc;
  std::optional<int> mark_size;  // half-points of the paragraph mark (tiny for rule lines)
};

struct RunProps {
  bool bold = false;
  bool italic = false;
  int size = 0;  // half-points; 0 keeps the style's
};

class DocxBuilder {
 public:
  pugi::xml_node body;
  // The images' bytes and extensions ("png" charts, "jpg" photos): media/image<i+1>.<ext>.
  std::vector<std::pair<std::string, std::string>> images;

  pugi::xml_node paragraph(pugi::xml_node parent, const ParaProps& props) {
    pugi::xml_node p = parent.append_child("w:p");
    pugi::xml_node ppr = p.append_child("w:pPr");
    // Children in the schema's order, or Word refuses the file.
    if (!props.style.empty())
      ppr.append_child("w:pStyle").append_attribute("w:val") = props.style.c_str();
    if (props.keep_next) ppr.append_child("w:keepNext");
    if (props.border_bottom) {
      auto bottom = ppr.append_child("w:pBdr").append_child("w:bottom");
      bottom.append_attribute("w:val") = "single";
      bottom.append_attribute("w:sz") = 6;
      bottom.append_attribute("w:space") = 1;
      bottom.append_attribute("w:color") = "000000";
    }
    if (!props.tabs.empty()) {
      auto tabs = ppr.append_child("w:tabs");
      for (int pos : props.tabs) {
        auto tab = tabs.append_child("w:tab");
        tab.append_attribute("w:val") = "left";
        tab.append_attribute("w:pos") = pos;
      }
    }
    if (props.before || props.after) {
      auto spacing = ppr.append_child("w:spacing");
      if (props.before) spacing.append_attribute("w:before") = *props.before;
      if (props.after) spacing.append_attribute("w:after") = *props.after;
    }
    if (props.ind_left || props.ind_right || props.first_line) {
      auto ind = ppr.append_child("w:ind");
      if (props.ind_left) ind.append_attribute("w:left") = *props.ind_left;
      if (props.ind_right) ind.append_attribute("w:right") = *props.ind_right;
      if (props.first_line) ind.append_attribute("w:firstLine") = *props.first_line;
    }
    if (!props.jc.empty()) ppr.append_child("w:jc").append_attribute("w:val") = props.jc.c_str();
    if (props.mark_size) {
      auto rpr = ppr.append_child("w:rPr");
      rpr.append_child("w:sz").append_attribute("w:val") = *props.mark_size;
      rpr.append_child("w:szCs").append_attribute("w:val") = *props.mark_size;
    }
    return p;
  }

  // Text as runs: line breaks become <w:br/>, tabs <w:tab/>; pugixml escapes the rest.
  void run(pugi::xml_node p, const std::string& raw, const RunProps& props = {}) {
    const std::string text = clean_text(raw);
    pugi::xml_node r = p.append_child("w:r");
    if (props.bold || props.italic || props.size) {
      auto rpr = r.append_child("w:rPr");
      if (props.bold) {
        rpr.append_child("w:b");
        rpr.append_child("w:bCs");
      }
      if (props.italic) {
        rpr.append_child("w:i");
        rpr.append_child("w:iCs");
      }
      if (props.size) {
        rpr.append_child("w:sz").append_attribute("w:val") = props.size;
        rpr.append_child("w:szCs").append_attribute("w:val") = props.size;
      }
    }
    std::string chunk;
    const auto flush = [&] {
      if (chunk.empty()) return;
      auto t = r.append_child("w:t");
      t.append_attribute("xml:space") = "preserve";
      t.text().set(chunk.c_str());
      chunk.clear();
    };
    for (char c : text) {
      if (c == '\n') {
        flush();
        r.append_child("w:br");
      } else if (c == '\t') {
        flush();
        r.append_child("w:tab");
      } else {
        chunk += c;
      }
    }
    flush();
  }

  pugi::xml_node text_paragraph(pugi::xml_node parent, const ParaProps& props,
                                const std::string& text, const RunProps& run_props = {}) {
    pugi::xml_node p = paragraph(parent, props);
    if (!text.empty()) run(p, text, run_props);
    return p;
  }

  // An empty paragraph whose bottom border is a centred rule `width` twips long.
  void rule(pugi::xml_node parent, int cell_width, int width) {
    ParaProps props;
    props.style = "HeaderText";
    props.border_bottom = true;
    const int side = std::max(0, (cell_width - width) / 2);
    props.ind_left = side;
    props.ind_right = side;
    props.mark_size = 4;
    props.before = 0;
    props.after = 0;
    paragraph(parent, props);
  }

  pugi::xml_node table(pugi::xml_node parent, const std::vector<int>& widths, int indent,
                       bool borders) {
    pugi::xml_node tbl = parent.append_child("w:tbl");
    pugi::xml_node pr = tbl.append_child("w:tblPr");
    auto w = pr.append_child("w:tblW");
    w.append_attribute("w:w") = std::accumulate(widths.begin(), widths.end(), 0);
    w.append_attribute("w:type") = "dxa";
    if (indent) {
      auto ind = pr.append_child("w:tblInd");
      ind.append_attribute("w:w") = indent;
      ind.append_attribute("w:type") = "dxa";
    }
    auto b = pr.append_child("w:tblBorders");
    for (const char* side : {"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"}) {
      auto e = b.append_child(side);
      e.append_attribute("w:val") = borders ? "single" : "nil";
      if (borders) {
        e.append_attribute("w:sz") = 4;
        e.append_attribute("w:space") = 0;
        e.append_attribute("w:color") = "000000";
      }
    }
    pr.append_child("w:tblLayout").append_attribute("w:type") = "fixed";
    auto grid = tbl.append_child("w:tblGrid");
    for (int width : widths) grid.append_child("w:gridCol").append_attribute("w:w") = width;
    return tbl;
  }

  pugi::xml_node row(pugi::xml_node tbl, bool header) {
    pugi::xml_node tr = tbl.append_child("w:tr");
    auto pr = tr.append_child("w:trPr");
    pr.append_child("w:cantSplit");  // a row never breaks across pages
    if (header) pr.append_child("w:tblHeader");
    return tr;
  }

  pugi::xml_node cell(pugi::xml_node tr, int width) {
    pugi::xml_node tc = tr.append_child("w:tc");
    auto w = tc.append_child("w:tcPr").append_child("w:tcW");
    w.append_attribute("w:w") = width;
    w.append_attribute("w:type") = "dxa";
    return tc;
  }

  // A borderless two-column layout table (the header, the signature) and its first row's cells.
  struct LayoutRow {
    pugi::xml_node table, left, right;
  };
  LayoutRow layout_row(int left, int right, int indent) {
    auto tbl = table(body, {left, right}, indent, false);
    auto tr = row(tbl, false);
    auto lc = cell(tr, left);
    return {tbl, lc, cell(tr, right)};
  }

  void data_table(const Table& data, int width) {
    std::size_t columns = 0;
    for (const auto& h : data.header_rows) columns = std::max(columns, h.size());
    for (const auto& r : data.rows) columns = std::max(columns, r.cells.size());
    if (columns == 0) return;
    std::vector<double> weights(columns, 1.0);
    for (std::size_t c = 0; c < columns && c < data.column_widths.size(); ++c) {
      if (data.column_widths[c] > 0) weights[c] = data.column_widths[c];
    }
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    std::vector<int> widths;
    widths.reserve(weights.size());
    for (double w : weights) widths.push_back(static_cast<int>(width * w / total));
    // A paragraph before the table keeps Word from gluing it to the previous one.
    auto tbl = table(body, widths, 0, true);
    const auto add_row = [&](const std::vector<std::string>& cells, bool header, bool bold) {
      auto tr = row(tbl, header);
      for (std::size_t c = 0; c < columns; ++c) {
        auto tc = cell(tr, widths[c]);
        ParaProps props;
        props.style = "TableText";
        props.keep_next = header;
        if (header) {
          props.jc = "center";
        } else if (c < data.align.size()) {
          props.jc = data.align[c] == Align::right    ? "right"
                     : data.align[c] == Align::center ? "center"
                                                      : "left";
        }
        text_paragraph(tc, props, c < cells.size() ? cells[c] : std::string(),
                       {header || bold, false, 0});
      }
    };
    for (const auto& h : data.header_rows) add_row(h, true, true);
    for (const auto& r : data.rows) add_row(r.cells, false, r.bold);
  }

  // An image in a centred paragraph of its own, `width_pt` × `height_pt`.
  void inline_image(std::string bytes, const char* extension, double width_pt, double height_pt,
                    const std::string& name, const std::string& description) {
    images.emplace_back(std::move(bytes), extension);
    const std::size_t index = images.size();
    const std::string rid = "rIdImage" + std::to_string(index);
    ParaProps props;
    props.jc = "center";
    props.first_line = 0;
    auto p = paragraph(body, props);
    auto drawing = p.append_child("w:r").append_child("w:drawing");
    auto inline_ = drawing.append_child("wp:inline");
    for (const char* d : {"distT", "distB", "distL", "distR"}) inline_.append_attribute(d) = 0;
    auto extent = inline_.append_child("wp:extent");
    extent.append_attribute("cx") = emu_of_pt(width_pt);
    extent.append_attribute("cy") = emu_of_pt(height_pt);
    auto doc_pr = inline_.append_child("wp:docPr");
    doc_pr.append_attribute("id") = static_cast<unsigned>(index);
    doc_pr.append_attribute("name") = (name + " " + std::to_string(index)).c_str();
    doc_pr.append_attribute("descr") = clean_text(description).c_str();
    auto graphic = inline_.append_child("a:graphic");
    auto graphic_data = graphic.append_child("a:graphicData");
    graphic_data.append_attribute("uri") =
        "http://schemas.openxmlformats.org/drawingml/2006/picture";
    auto pic = graphic_data.append_child("pic:pic");
    auto nv = pic.append_child("pic:nvPicPr");
    auto c_nv = nv.append_child("pic:cNvPr");
    c_nv.append_attribute("id") = static_cast<unsigned>(index);
    c_nv.append_attribute("name") = ("image" + std::to_string(index) + "." + extension).c_str();
    nv.append_child("pic:cNvPicPr");
    auto fill = pic.append_child("pic:blipFill");
    fill.append_child("a:blip").append_attribute("r:embed") = rid.c_str();
    fill.append_child("a:stretch").append_child("a:fillRect");
    auto sp = pic.append_child("pic:spPr");
    auto xfrm = sp.append_child("a:xfrm");
    auto off = xfrm.append_child("a:off");
    off.append_attribute("x") = 0;
    off.append_attribute("y") = 0;
    auto ext = xfrm.append_child("a:ext");
    ext.append_attribute("cx") = emu_of_pt(width_pt);
    ext.append_attribute("cy") = emu_of_pt(height_pt);
    sp.append_child("a:prstGeom").append_attribute("prst") = "rect";
  }

  void chart(const BarChart& data, int width_twips) {
    const double width_pt = width_twips / 20.0;
    const double height_pt =
        28 + 26.0 * static_cast<double>(std::max<std::size_t>(1, data.labels.size()));
    inline_image(render_bar_chart_png(data, width_pt, height_pt, 2.0), "png", width_pt, height_pt,
                 "Biểu đồ", data.title);
  }

  // A photo at the text width, at most kMaxPictureHeight points tall and never larger than its
  // pixels at 150 dpi (the PDF's rule, pdf_renderer.cpp).
  void picture(const Picture& data, int width_twips) {
    if (data.width_px <= 0 || data.height_px <= 0) return;
    constexpr double kMaxPictureHeight = 320;
    double width_pt = std::min(width_twips / 20.0, data.width_px * 72.0 / 150.0);
    double height_pt = width_pt * data.height_px / data.width_px;
    if (height_pt > kMaxPictureHeight) {
      width_pt *= kMaxPictureHeight / height_pt;
      height_pt = kMaxPictureHeight;
    }
    inline_image(data.jpeg, "jpg", width_pt, height_pt, "Ảnh", data.description);
  }

  void blocks(const std::vector<Block>& list, int width) {
    for (const Block& block : list) {
      ParaProps props;
      RunProps run_props;
      run_props.italic = block.italic;
      switch (block.kind) {
        case BlockKind::table:
          data_table(block.table, width);
          continue;
        case BlockKind::chart:
          chart(block.chart, width);
          continue;
        case BlockKind::picture:
          picture(block.picture, width);
          continue;
        case BlockKind::section:
          props.style = "Heading1";
          break;
        case BlockKind::clause:
          props.style = block.bold ? "Heading2" : "";
          break;
        case BlockKind::paragraph:
          if (block.align == Align::center) {
            props.jc = "center";
            props.first_line = 0;
          }
          if (block.bold) {
            props.keep_next = true;
            run_props.bold = true;
          }
          break;
        default:
          break;
      }
      const std::string text = block.label.empty() ? block.text : block.label + " " + block.text;
      text_paragraph(body, props, text, run_props);
    }
  }

  void header_table(const HeaderBlock& h) {
    // Nghị định 30's header columns, about 67.5 mm | 100 mm: 65 | 100 (as the PDF).
    const int left = twips_of_mm(65), right = twips_of_mm(100);
    const auto [tbl, lc, rc] = layout_row(left, right, -twips_of_mm(10));
    ParaProps centred;
    centred.style = "HeaderText";
    // Each line of the agency stays one line: a long name is set smaller, never broken.
    const double text_width = 65.0 * 72.0 / 25.4 - detail::kHeaderCellMargins;
    const auto half_points = [&](const std::string& line, bool bold) {
      const detail::TextStyle style{13, bold, false, detail::TextAlign::center};
      return static_cast<int>(
          std::lround(detail::one_line_size(line, style, text_width, detail::kHeaderMinSize) * 2));
    };
    if (!h.parent_agency.empty()) {
      text_paragraph(lc, centred, h.parent_agency,
                     {false, false, half_points(h.parent_agency, false)});
    }
    double issuer_width = 0;
    for (const auto& line : h.issuer_lines) {
      const int size = half_points(line, true);
      text_paragraph(lc, centred, line, {true, false, size});
      issuer_width = std::max(issuer_width, estimated_width_pt(line, size / 2.0, true));
    }
    rule(lc, left, std::max(twips_of_mm(20), static_cast<int>(issuer_width * 20 * 0.4)));
    text_paragraph(rc, centred, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {true, false, 26});
    const std::string motto = "Độc lập - Tự do - Hạnh phúc";
    text_paragraph(rc, centred, motto, {true, false, 28});
    rule(rc, right, static_cast<int>(estimated_width_pt(motto, 14, true) * 20));

    auto tr2 = row(tbl, false);
    ParaProps spaced = centred;
    spaced.before = 120;
    text_paragraph(cell(tr2, left), spaced, h.number);
    text_paragraph(cell(tr2, right), spaced, h.place_date, {false, true, 28});
  }

  void title(const Document& doc) {
    ParaProps t;
    t.style = "Title";
    text_paragraph(body, t, doc.title);
    if (!doc.summary_line.empty()) {
      ParaProps s;
      s.style = "Subtitle";
      text_paragraph(body, s, doc.summary_line);
      const int line =
          std::max(twips_of_mm(30),
                   static_cast<int>(
                       std::min(estimated_width_pt(doc.summary_line, 14, true), 440.0) * 20 / 3));
      rule(body, kPortraitWidth, line);
    }
    if (doc.addressees.size() == 1) {
      ParaProps k;
      k.jc = "center";
      k.first_line = 0;
      k.before = 240;
      text_paragraph(body, k, "Kính gửi: " + doc.addressees.front() + ".");
    } else if (!doc.addressees.empty()) {
      const int indent = twips_of_mm(22);
      const int entries = indent + twips_of_mm(24);
      for (std::size_t i = 0; i < doc.addressees.size(); ++i) {
        ParaProps k;
        k.tabs = {entries};
        k.ind_left = indent;
        k.first_line = 0;
        k.jc = "left";
        k.before = i == 0 ? 240 : 0;
        const bool last = i + 1 == doc.addressees.size();
        text_paragraph(body, k,
                       std::string(i == 0 ? "Kính gửi:" : "") + "\t- " + doc.addressees[i] +
                           (last ? "." : ";"));
      }
    }
  }

  void signature(const Document& doc) {
    const int left = twips_of_mm(53), right = twips_of_mm(111);
    const LayoutRow cells = layout_row(left, right, -twips_of_mm(9));
    const pugi::xml_node lc = cells.left, rc = cells.right;
    ParaProps plain;
    plain.style = "Recipients";
    if (!doc.recipients.empty()) {
      ParaProps heading = plain;
      heading.before = 120;
      text_paragraph(lc, heading, "Nơi nhận:", {true, true, 24});
      for (const auto& r : doc.recipients) text_paragraph(lc, plain, "- " + r);
    } else {
      paragraph(lc, plain);
    }
    ParaProps sign;
    sign.style = "Signature";
    sign.before = 120;
    const SignatureBlock& s = doc.signature;
    bool any = false;
    for (const auto* line : {&s.authority, &s.deputy, &s.position}) {
      if (line->empty()) continue;
      text_paragraph(rc, sign, *line);
      sign.before = 0;
      any = true;
    }
    ParaProps name = sign;
    name.before = twips_of_mm(any ? 30 : 36);  // room for the signature and the seal
    text_paragraph(rc, name, s.name);
  }
};

void section_properties(pugi::xml_node parent, bool landscape, bool new_page) {
  auto sect = parent.append_child("w:sectPr");
  for (const auto& [type, id] :
       {std::pair{"default", "rIdHeaderDefault"}, std::pair{"first", "rIdHeaderFirst"}}) {
    auto h = sect.append_child("w:headerReference");
    h.append_attribute("w:type") = type;
    h.append_attribute("r:id") = id;
  }
  if (new_page) sect.append_child("w:type").append_attribute("w:val") = "nextPage";
  auto size = sect.append_child("w:pgSz");
  size.append_attribute("w:w") = landscape ? kPageHeight : kPageWidth;
  size.append_attribute("w:h") = landscape ? kPageWidth : kPageHeight;
  if (landscape) size.append_attribute("w:orient") = "landscape";
  auto mar = sect.append_child("w:pgMar");
  mar.append_attribute("w:top") = kMarginTop;
  mar.append_attribute("w:right") = kMarginRight;
  mar.append_attribute("w:bottom") = kMarginBottom;
  mar.append_attribute("w:left") = kMarginLeft;
  mar.append_attribute("w:header") = kHeaderDistance;
  mar.append_attribute("w:footer") = kHeaderDistance;
  mar.append_attribute("w:gutter") = 0;
  // Every section (the body, each annex) counts its own pages from 1.
  sect.append_child("w:pgNumType").append_attribute("w:start") = 1;
  sect.append_child("w:titlePg");
}

std::string to_string(const pugi::xml_document& doc) {
  struct Writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override {
      out.append(static_cast<const char*>(data), size);
    }
  } writer;
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration);
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n" +
         writer.out;
}

const char* const kStyles = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="en-US" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl/><w:spacing w:before="120" w:after="0" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="567"/><w:jc w:val="both"/></w:pPr><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="360" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="HeaderText"><w:name w:val="Header Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="40" w:after="40"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="24"/><w:szCs w:val="24"/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Signature"><w:name w:val="Signature Block"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="Recipients"><w:name w:val="Recipients"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Header"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:pPr><w:spacing w:before="0" w:after="0"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>)";

const char* const kHeaderWithPage = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:hdr>)";

const char* const kHeaderEmpty = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>)";

const char* const kSettings = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>)";

// The package's relationships: the document, its core properties and, for a document with an
// identifier, its custom properties.
std::string root_rels(bool with_custom) {
  std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)";
  if (with_custom) {
    rels +=
        R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>)";
  }
  return rels + "</Relationships>";
}

std::string content_types(bool with_custom) {
  std::string types = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Default Extension="jpg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)";
  if (with_custom) {
    types +=
        R"(<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>)";
  }
  return types + "</Types>";
}

std::string document_rels(const std::vector<std::pair<std::string, std::string>>& images) {
  pugi::xml_document doc;
  auto root = doc.append_child("Relationships");
  root.append_attribute("xmlns") = "http://schemas.openxmlformats.org/package/2006/relationships";
  const auto add = [&](const std::string& id, const char* type, const std::string& target) {
    auto r = root.append_child("Relationship");
    r.append_attribute("Id") = id.c_str();
    r.append_attribute("Type") =
        (std::string("http://schemas.openxmlformats.org/officeDocument/2006/relationships/") + type)
            .c_str();
    r.append_attribute("Target") = target.c_str();
  };
  add("rIdStyles", "styles", "styles.xml");
  add("rIdSettings", "settings", "settings.xml");
  add("rIdHeaderDefault", "header", "header1.xml");
  add("rIdHeaderFirst", "header", "header2.xml");
  for (std::size_t i = 1; i <= images.size(); ++i) {
    add("rIdImage" + std::to_string(i), "image",
        "media/image" + std::to_string(i) + "." + images[i - 1].second);
  }
  return to_string(doc);
}

std::string core_properties(const Document& document) {
  pugi::xml_document doc;
  auto root = doc.append_child("cp:coreProperties");
  root.append_attribute("xmlns:cp") =
      "http://schemas.openxmlformats.org/package/2006/metadata/core-properties";
  root.append_attribute("xmlns:dc") = "http://purl.org/dc/elements/1.1/";
  root.append_child("dc:title")
      .text()
      .set(clean_text(document.title + " " + document.summary_line).c_str());
  root.append_child("dc:creator").text().set("LLW");
  return to_string(doc);
}

// The custom properties of a document with an identifier: "LLW-ID", the same identifier the PDF
// carries in its keywords (pdf_signature.h), so a DOCX that comes back can be traced to the report
// version it was made from. Word shows it under File › Properties › Custom.
std::string custom_properties(const Document& document) {
  pugi::xml_document doc;
  auto root = doc.append_child("Properties");
  root.append_attribute("xmlns") =
      "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties";
  root.append_attribute("xmlns:vt") =
      "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
  auto property = root.append_child("property");
  // The format id every custom property of an Office document carries; ids start at 2.
  property.append_attribute("fmtid") = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";
  property.append_attribute("pid") = "2";
  property.append_attribute("name") = "LLW-ID";
  property.append_child("vt:lpwstr").text().set(document.identifier.c_str());
  return to_string(doc);
}

// Zips the parts in memory. libzip reads the buffers only at zip_close, so `parts` must outlive
// it; it is owned here for exactly that reason.
std::string zip_parts(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* memory = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!memory) throw Error(ErrorKind::internal, "Không tạo được tệp DOCX (bộ nhớ).");
  zip_t* archive = zip_open_from_source(memory, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(memory);
    throw Error(ErrorKind::internal, "Không tạo được tệp DOCX (zip).");
  }
  zip_source_keep(memory);  // read the result back after zip_close
  for (const auto& [name, data] : parts) {
    zip_source_t* source = zip_source_buffer(archive, data.data(), data.size(), 0);
    const zip_int64_t index =
        source ? zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (source) zip_source_free(source);
      zip_discard(archive);
      zip_source_free(memory);
      throw Error(ErrorKind::internal, "Không tạo được tệp DOCX (thêm tệp " + name + ").");
    }
    // Images are compressed already; XML deflates fast at a low level.
    const bool image = name.rfind("word/media/", 0) == 0;
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                             image ? ZIP_CM_STORE : ZIP_CM_DEFLATE, image ? 0 : 3);
  }
  if (zip_close(archive) < 0) {
    zip_discard(archive);
    zip_source_free(memory);
    throw Error(ErrorKind::internal, "Không tạo được tệp DOCX (đóng tệp).");
  }
  std::string bytes;
  zip_stat_t stat;
  if (zip_source_stat(memory, &stat) == 0 && zip_source_open(memory) == 0) {
    bytes.resize(stat.size);
    const zip_int64_t read = zip_source_read(memory, bytes.data(), stat.size);
    bytes.resize(read < 0 ? 0 : static_cast<std::size_t>(read));
    zip_source_close(memory);
  }
  zip_source_free(memory);
  if (bytes.empty()) throw Error(ErrorKind::internal, "Không tạo được tệp DOCX (đọc lại).");
  return bytes;
}

}  // namespace

std::string render_docx(const Document& document) {
  pugi::xml_document xml;
  auto root = xml.append_child("w:document");
  root.append_attribute("xmlns:w") = kW;
  root.append_attribute("xmlns:r") = kR;
  root.append_attribute("xmlns:wp") =
      "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
  root.append_attribute("xmlns:a") = "http://schemas.openxmlformats.org/drawingml/2006/main";
  root.append_attribute("xmlns:pic") = "http://schemas.openxmlformats.org/drawingml/2006/picture";

  DocxBuilder b;
  b.body = root.append_child("w:body");
  b.header_table(document.header);
  b.title(document);
  b.blocks(document.body, kPortraitWidth);
  // Keep the closing sentence on the page of the signature.
  if (auto last = b.body.last_child(); std::string(last.name()) == "w:p") {
    auto ppr = last.child("w:pPr");
    if (!ppr.child("w:keepNext")) {
      auto style = ppr.child("w:pStyle");
      if (style) {
        ppr.insert_child_after("w:keepNext", style);
      } else {
        ppr.prepend_child("w:keepNext");
      }
    }
  }
  b.signature(document);

  bool landscape = false;
  bool in_annex = false;
  for (const Annex& annex : document.annexes) {
    // The previous section ends with a paragraph carrying its properties.
    ParaProps end;
    end.mark_size = 2;
    end.before = 0;
    section_properties(b.paragraph(b.body, end).child("w:pPr"), landscape, in_annex);
    landscape = annex.landscape;
    in_annex = true;
    const int width = landscape ? kLandscapeWidth : kPortraitWidth;
    ParaProps t;
    t.style = "Title";
    t.before = 0;
    if (!annex.label.empty()) b.text_paragraph(b.body, t, annex.label);
    if (!annex.title.empty()) b.text_paragraph(b.body, t, annex.title);
    ParaProps s;
    s.style = "Subtitle";
    if (!annex.subtitle.empty()) b.text_paragraph(b.body, s, annex.subtitle);
    ParaProps note;
    note.jc = "center";
    note.first_line = 0;
    note.before = 0;
    if (!annex.note.empty()) b.text_paragraph(b.body, note, annex.note, {false, true, 0});
    b.blocks(annex.blocks, width);
    ParaProps after;
    after.before = 0;
    b.paragraph(b.body, after);  // Word needs a paragraph after a table at a section's end
  }
  section_properties(b.body, landscape, in_annex);

  std::vector<std::pair<std::string, std::string>> parts;
  const bool with_custom = !document.identifier.empty();
  parts.emplace_back("[Content_Types].xml", content_types(with_custom));
  parts.emplace_back("_rels/.rels", root_rels(with_custom));
  parts.emplace_back("docProps/core.xml", core_properties(document));
  if (with_custom) parts.emplace_back("docProps/custom.xml", custom_properties(document));
  parts.emplace_back("word/document.xml", to_string(xml));
  parts.emplace_back("word/_rels/document.xml.rels", document_rels(b.images));
  parts.emplace_back("word/styles.xml", kStyles);
  parts.emplace_back("word/settings.xml", kSettings);
  parts.emplace_back("word/header1.xml", kHeaderWithPage);
  parts.emplace_back("word/header2.xml", kHeaderEmpty);
  for (std::size_t i = 0; i < b.images.size(); ++i) {
    parts.emplace_back("word/media/image" + std::to_string(i + 1) + "." + b.images[i].second,
                       std::move(b.images[i].first));
  }
  return zip_parts(parts);
}

}  // namespace llw::documents
