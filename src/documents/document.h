#pragma once
// One model of a Vietnamese administrative document (văn bản hành chính, Nghị định 30/2020/NĐ-CP):
// the header table, the title and summary line, "Kính gửi", a body of numbered blocks, tables and
// a chart, the signature and recipients, and annexes. Builders fill it from the domain; the DOCX
// and PDF renderers only lay it out, so both outputs always say the same thing.

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace llw::documents {

// The two-column header table (thể thức): agency on the left, national title on the right.
struct HeaderBlock {
  std::string parent_agency;              // "UBND XÃ AN HƯNG"; empty when there is none
  std::vector<std::string> issuer_lines;  // {"ỦY BAN NHÂN DÂN", "XÃ AN HƯNG"}, uppercase
  std::string number;                     // "Số: 83/KH-UBND" (the whole line)
  std::string place_date;                 // "An Hưng, ngày 01 tháng 10 năm 2025"
};

enum class Align { left, center, right };

struct TableRow {
  std::vector<std::string> cells;
  bool bold = false;  // a total row
};

struct Table {
  std::vector<std::vector<std::string>> header_rows;  // bold, centred, repeated on new pages
  std::vector<TableRow> rows;
  std::vector<double> column_widths;  // relative weights, one per column
  std::vector<Align> align;           // per column; numbers are right-aligned
};

// A horizontal bar chart, drawn by draw_bar_chart (bar_chart.h) for every output.
struct BarChart {
  std::string title;
  std::vector<std::string> labels;
  std::vector<double> values;
  std::string unit;  // "lượt người", shown after the largest value
};

enum class BlockKind {
  section,    // "I." + UPPERCASE title, bold
  clause,     // "1." + title: bold when it is a heading, plain when it is running text
  point,      // "a)" … in Vietnamese letter order
  dash,       // "-"
  plus,       // "+"
  paragraph,  // running text, first-line indent
  table,
  chart,
  picture,  // a photo scaled to the text width (the evidence annex)
};

// A JPEG shown at the width of the text (never enlarged past its own size at 150 dpi), its
// pixel size read from the file by picture_of (picture.h).
struct Picture {
  std::string jpeg;
  int width_px = 0;
  int height_px = 0;
  std::string description;  // the picture's alternative text (its caption)
};

struct Block {
  BlockKind kind = BlockKind::paragraph;
  std::string label;  // "I.", "1.", "a)", "-", "+"; empty for paragraphs, tables and charts
  std::string text;
  bool bold = false;  // clause headings ("1. Chủ đề")
  bool italic = false;
  Align align = Align::left;  // paragraphs: left means justified with first-line indent
  Table table;
  BarChart chart;
  Picture picture;
};

// Signature block: authority line (TM.), deputy line (KT.), position, then the name.
struct SignatureBlock {
  std::string authority;  // "TM. ỦY BAN NHÂN DÂN"
  std::string deputy;     // "KT. CHỦ TỊCH"
  std::string position;   // "PHÓ CHỦ TỊCH"
  std::string name;  // "Nguyễn Thị Hồng Vân"; empty leaves the space for a hand signature
};

// An attachment with its own title: the plan's đề cương or a report's Phụ lục table. It starts
// on a new page and counts its own pages.
struct Annex {
  std::string label;     // "Phụ lục" (above the title); empty for none
  std::string title;     // "ĐỀ CƯƠNG BÁO CÁO", uppercase, bold
  std::string subtitle;  // bold, normal case
  std::string note;      // italic, "(Kèm theo Báo cáo số … ngày …)"
  bool landscape = false;
  std::vector<Block> blocks;
};

struct Document {
  std::string file_stem;  // "ke-hoach-83-kh-ubnd-2025" (ASCII, for Content-Disposition)
  HeaderBlock header;
  std::string title;                    // "KẾ HOẠCH", "BÁO CÁO"
  std::string summary_line;             // trích yếu
  std::vector<std::string> addressees;  // Kính gửi
  std::vector<Block> body;
  SignatureBlock signature;
  std::vector<std::string> recipients;  // Nơi nhận entries, each "- …;" without the dash
  std::vector<Annex> annexes;
  // What the document is, for a signed copy's check (pdf_signature.h): "report/…/v3" for a unit's
  // report, "consolidated/…/v2" for a node's consolidated report. Written into the PDF's metadata
  // as its keywords and into the DOCX as the custom property "LLW-ID" (docProps/custom.xml);
  // empty for none.
  std::string identifier;
};

// Block constructors keep builders short and readable.
Block section(std::string label, const std::string& title);
Block clause(std::string label, std::string text, bool heading);
Block point(std::string label, std::string text);
Block dash(std::string text);
Block plus(std::string text);
Block paragraph(std::string text, bool italic = false);
Block centered(std::string text, bool bold, bool italic);
Block table_block(Table table);
Block chart_block(BarChart chart);
Block picture_block(Picture picture);

// Points are lettered a b c d đ e g h i k l m n o p q r s t u v x y (no f, j, w, z); past "y" the
// letters double ("aa"). `index` starts at 0.
std::string vietnamese_point_letter(std::size_t index);
// "I", "II", … for sections.
std::string roman_numeral(int number);

// Uppercase of Vietnamese text (every precomposed Vietnamese letter, ASCII, Latin-1); other code
// points are kept as they are.
std::string vietnamese_upper(std::string_view text);
// First letter in uppercase, rest untouched ("tuần lễ" → "Tuần lễ").
std::string capitalize_first(std::string_view text);
// First letter in lowercase ("Tuần lễ" → "tuần lễ"), for running a name into a sentence.
std::string lowercase_first(std::string_view text);

// "An Hưng, ngày 01 tháng 10 năm 2025": day below 10 and months 1–2 take a leading 0. Without a
// date the day and month are left blank for the signer to fill in by hand.
std::string place_date_line(std::string_view place, std::optional<std::chrono::year_month_day> date,
                            int year);

// ASCII slug for file names: "Xã An Hưng" → "xa-an-hung".
std::string ascii_slug(std::string_view text);

// Text made safe for XML and layout: invalid UTF-8 replaced, control characters other than tab
// and newline removed (XML 1.0 forbids them and Pango draws them as boxes).
std::string clean_text(std::string_view text);

// Appends `text` with &, <, >, " and ' escaped: safe in XML and HTML, in elements and attributes.
void append_escaped(std::string& out, std::string_view text);

}  // namespace llw::documents
