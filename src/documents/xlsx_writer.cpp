#include "documents/xlsx_writer.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "documents/document.h"
#include "domain/clock.h"
#include "domain/error.h"

namespace llw::documents {

namespace {

// Excel forbids []:*?/\ in sheet names and caps them at 31 characters (UTF-16 units; Vietnamese
// letters are one each).
std::string sheet_name(const std::string& raw, std::set<std::string>& used) {
  std::string name;
  std::size_t count = 0;
  const std::string clean = clean_text(raw);
  for (std::size_t i = 0; i < clean.size() && count < 28;) {
    const unsigned char c = static_cast<unsigned char>(clean[i]);
    const std::size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const std::string letter = clean.substr(i, length);
    i += length;
    if (letter.size() == 1 && std::string("[]:*?/\\\n\t'").find(letter[0]) != std::string::npos) {
      continue;
    }
    name += letter;
    ++count;
  }
  if (name.empty()) name = "Sheet";
  std::string unique = name;
  for (int n = 2; used.count(unique); ++n) unique = name + " " + std::to_string(n);
  used.insert(unique);
  return unique;
}

[[noreturn]] void fail(const std::string& what) {
  throw Error(ErrorKind::internal, "Không tạo được tệp XLSX (" + what + ").");
}

}  // namespace

struct XlsxWriter::State {
  std::string path;
  lxw_workbook* workbook = nullptr;
  lxw_format* header = nullptr;
  lxw_format* integer = nullptr;
  lxw_format* decimal = nullptr;
  lxw_format* percent = nullptr;
  lxw_format* date = nullptr;
  struct Sheet {
    lxw_worksheet* worksheet;
    std::vector<DataColumn> columns;
    lxw_row_t next_row = 1;
  };
  std::vector<Sheet> sheets;
  std::set<std::string> names;
};

XlsxWriter::XlsxWriter() : state_(std::make_unique<State>()) {
  char path[] = "/tmp/llw-xlsx-XXXXXX";
  const int fd = mkstemp(path);
  if (fd < 0) fail("tệp tạm");
  close(fd);
  state_->path = path;
  // Constant memory: every row goes to a temporary file as soon as the next one starts.
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = const_cast<char*>("/tmp");
  lxw_workbook* workbook = workbook_new_opt(path, &options);
  if (!workbook) fail("mở tệp");
  state_->workbook = workbook;

  state_->header = workbook_add_format(workbook);
  format_set_bold(state_->header);
  format_set_text_wrap(state_->header);
  format_set_align(state_->header, LXW_ALIGN_CENTER);
  format_set_align(state_->header, LXW_ALIGN_VERTICAL_CENTER);
  format_set_border(state_->header, LXW_BORDER_THIN);
  format_set_bg_color(state_->header, 0xDDE5F0);
  state_->integer = workbook_add_format(workbook);
  format_set_num_format(state_->integer, "#,##0");
  state_->decimal = workbook_add_format(workbook);
  format_set_num_format(state_->decimal, "#,##0.##");
  state_->percent = workbook_add_format(workbook);
  format_set_num_format(state_->percent, "0.0%");
  state_->date = workbook_add_format(workbook);
  format_set_num_format(state_->date, "dd/mm/yyyy");

  lxw_doc_properties properties = {};
  properties.title = const_cast<char*>("Số liệu báo cáo");
  properties.author = const_cast<char*>("LLW");
  workbook_set_properties(workbook, &properties);
}

XlsxWriter::~XlsxWriter() {
  if (state_->workbook) {
    // Abandoned before finish(): close to free the library's memory, then drop the file.
    workbook_close(state_->workbook);
  }
  std::remove(state_->path.c_str());
}

std::size_t XlsxWriter::add_sheet(const std::string& raw_name,
                                  const std::vector<DataColumn>& columns) {
  const std::string name = sheet_name(raw_name, state_->names);
  lxw_worksheet* ws = workbook_add_worksheet(state_->workbook, name.c_str());
  if (!ws) fail("trang tính " + name);
  worksheet_freeze_panes(ws, 1, 0);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), columns[c].width,
                         nullptr);
  }
  worksheet_set_row(ws, 0, 45, nullptr);
  for (std::size_t c = 0; c < columns.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), clean_text(columns[c].label).c_str(),
                           state_->header);
  }
  state_->sheets.push_back({ws, columns});
  return state_->sheets.size() - 1;
}

void XlsxWriter::write_row(std::size_t sheet_index, const std::vector<DataCell>& cells) {
  State::Sheet& sheet = state_->sheets.at(sheet_index);
  const lxw_row_t r = sheet.next_row++;
  for (std::size_t c = 0; c < cells.size() && c < sheet.columns.size(); ++c) {
    const auto col = static_cast<lxw_col_t>(c);
    const DataColumn& column = sheet.columns[c];
    if (const auto* number = std::get_if<double>(&cells[c])) {
      lxw_format* format = column.kind == ColumnKind::percent   ? state_->percent
                           : column.kind == ColumnKind::integer ? state_->integer
                                                                : state_->decimal;
      worksheet_write_number(sheet.worksheet, r, col, *number, format);
    } else if (const auto* text = std::get_if<std::string>(&cells[c])) {
      if (column.kind == ColumnKind::date) {
        if (auto d = parse_iso_date(*text)) {
          lxw_datetime dt = {static_cast<int>(d->year()),
                             static_cast<int>(static_cast<unsigned>(d->month())),
                             static_cast<int>(static_cast<unsigned>(d->day())),
                             0,
                             0,
                             0};
          worksheet_write_datetime(sheet.worksheet, r, col, &dt, state_->date);
          continue;
        }
      }
      // Strings are written as strings, never as formulas, whatever they start with.
      worksheet_write_string(sheet.worksheet, r, col, clean_text(*text).c_str(), nullptr);
    }
  }
}

std::string XlsxWriter::finish() {
  if (state_->sheets.empty()) add_sheet("Số liệu", {});
  for (const auto& sheet : state_->sheets) {
    if (!sheet.columns.empty()) {
      worksheet_autofilter(sheet.worksheet, 0, 0, sheet.next_row - 1,
                           static_cast<lxw_col_t>(sheet.columns.size() - 1));
    }
  }
  const lxw_error error = workbook_close(state_->workbook);
  state_->workbook = nullptr;
  if (error != LXW_NO_ERROR) fail(lxw_strerror(error));
  std::ifstream in(state_->path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

std::string render_xlsx(const DataWorkbook& book) {
  XlsxWriter writer;
  for (const DataSheet& sheet : book.sheets) {
    const std::size_t index = writer.add_sheet(sheet.name, sheet.columns);
    for (const auto& row : sheet.rows) writer.write_row(index, row);
  }
  return writer.finish();
}

}  // namespace llw::documents
