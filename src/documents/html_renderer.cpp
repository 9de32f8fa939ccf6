#include "documents/html_renderer.h"

namespace llw::documents {
namespace {

void escaped(std::string& out, std::string_view text) { append_escaped(out, clean_text(text)); }

// <tag class="cls">text</tag>
void element(std::string& out, const char* tag, const char* cls, std::string_view text) {
  out += '<';
  out += tag;
  if (cls != nullptr && *cls != '\0') {
    out += " class=\"";
    out += cls;
    out += '"';
  }
  out += '>';
  escaped(out, text);
  out += "</";
  out += tag;
  out += '>';
}

const char* align_class(Align align) {
  switch (align) {
    case Align::center:
      return "c";
    case Align::right:
      return "r";
    case Align::left:
      break;
  }
  return "";
}

void table(std::string& out, const Table& t) {
  out += "<div class=\"doc-table\"><table>";
  if (!t.header_rows.empty()) {
    out += "<thead>";
    for (const auto& row : t.header_rows) {
      out += "<tr>";
      for (const auto& cell : row) element(out, "th", "", cell);
      out += "</tr>";
    }
    out += "</thead>";
  }
  out += "<tbody>";
  for (const TableRow& row : t.rows) {
    out += row.bold ? "<tr class=\"b\">" : "<tr>";
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      element(out, "td", i < t.align.size() ? align_class(t.align[i]) : "", row.cells[i]);
    }
    out += "</tr>";
  }
  out += "</tbody></table></div>";
}

void block(std::string& out, const Block& b) {
  switch (b.kind) {
    case BlockKind::table:
      table(out, b.table);
      return;
    case BlockKind::chart:
      element(out, "p", "doc-chart", "[Biểu đồ: " + b.chart.title + "]");
      return;
    case BlockKind::picture:
      // A page shows the gallery's own thumbnails; the document's HTML names the picture.
      element(out, "p", "doc-chart", "[Ảnh: " + b.picture.description + "]");
      return;
    case BlockKind::paragraph: {
      std::string cls = b.align == Align::left ? "p" : align_class(b.align);
      if (b.bold) cls += " b";
      if (b.italic) cls += " i";
      element(out, "p", cls.c_str(), b.text);
      return;
    }
    case BlockKind::section:
    case BlockKind::clause:
    case BlockKind::point:
    case BlockKind::dash:
    case BlockKind::plus: {
      const bool heading = b.kind == BlockKind::section || b.bold;
      out += heading ? "<p class=\"b\">" : "<p>";
      escaped(out, b.label);
      if (!b.label.empty()) out += ' ';
      escaped(out, b.text);
      out += "</p>";
      return;
    }
  }
}

void header(std::string& out, const HeaderBlock& h) {
  out += "<div class=\"doc-header\"><div>";
  if (!h.parent_agency.empty()) element(out, "p", "", h.parent_agency);
  for (const auto& line : h.issuer_lines) element(out, "p", "b", line);
  element(out, "p", "", h.number);
  out += "</div><div>";
  element(out, "p", "b", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  element(out, "p", "b u", "Độc lập - Tự do - Hạnh phúc");
  element(out, "p", "i", h.place_date);
  out += "</div></div>";
}

void signature(std::string& out, const Document& doc) {
  out += "<div class=\"doc-signature\"><div class=\"doc-recipients\">";
  if (!doc.recipients.empty()) {
    element(out, "p", "b i", "Nơi nhận:");
    for (const auto& r : doc.recipients) element(out, "p", "", "- " + r);
  }
  out += "</div><div class=\"c\">";
  const SignatureBlock& s = doc.signature;
  for (const std::string* line : {&s.authority, &s.deputy, &s.position}) {
    if (!line->empty()) element(out, "p", "b", *line);
  }
  element(out, "p", "b doc-signer", s.name.empty() ? std::string("…") : s.name);
  out += "</div></div>";
}

}  // namespace

std::string render_html(const Document& document) {
  std::string out = "<article class=\"doc-preview\" lang=\"vi\">";
  header(out, document.header);
  element(out, "h2", "c b", document.title);
  if (!document.summary_line.empty()) element(out, "p", "c b", document.summary_line);
  if (!document.addressees.empty()) {
    std::string line = "Kính gửi: ";
    for (std::size_t i = 0; i < document.addressees.size(); ++i) {
      line += (i ? "; " : "") + document.addressees[i];
    }
    element(out, "p", "c", line + ".");
  }
  for (const Block& b : document.body) block(out, b);
  signature(out, document);
  for (const Annex& annex : document.annexes) {
    out += "<section class=\"doc-annex\">";
    if (!annex.label.empty()) element(out, "p", "c b", annex.label);
    element(out, "p", "c b", annex.title);
    if (!annex.subtitle.empty()) element(out, "p", "c b", annex.subtitle);
    if (!annex.note.empty()) element(out, "p", "c i", annex.note);
    for (const Block& b : annex.blocks) block(out, b);
    out += "</section>";
  }
  out += "</article>";
  return out;
}

}  // namespace llw::documents
