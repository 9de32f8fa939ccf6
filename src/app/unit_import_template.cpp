// The unit import's template ("Tải tệp mẫu"): the columns the importer reads, headed in
// Vietnamese as unit_import.cpp accepts them, with two example rows under the actor's own unit
// and, in the XLSX, a second sheet saying what each column takes (the kinds and levels allowed).
// Importing it unchanged adds the two example units, so it also shows what a good file is.
#include <string>
#include <vector>

#include "app/unit_import.h"
#include "app/units.h"
#include "documents/csv_writer.h"
#include "documents/data_table.h"
#include "documents/xlsx_writer.h"
#include "domain/error.h"

namespace llw {
namespace {

using documents::ColumnKind;
using documents::DataCell;
using documents::DataColumn;
using documents::DataSheet;

DataSheet template_sheet(const std::string& parent_code) {
  DataSheet sheet;
  sheet.name = "Đơn vị";
  const std::vector<std::pair<const char*, double>> text_columns = {
      {"code", 18}, {"name", 36}, {"kind", 14}, {"level", 12}, {"parent", 18}, {"email", 26}};
  for (const auto& [key, width] : text_columns) {
    sheet.columns.push_back({key, import_column_label(key), ColumnKind::text, width, nullptr});
  }
  for (const char* group : {"pop_students", "pop_staff", "pop_parents", "pop_residents"}) {
    sheet.columns.push_back({group, import_column_label(group), ColumnKind::integer, 14, nullptr});
  }
  const DataCell none;
  sheet.rows.push_back({parent_code + "-TH-MAU", std::string("Trường Tiểu học Mẫu"),
                        std::string("Trường học"), std::string("Tiểu học"), parent_code,
                        std::string("th.mau@example.edu.vn"), 350.0, 28.0, 340.0, none});
  sheet.rows.push_back({parent_code + "-THON-MAU", std::string("Thôn Mẫu"), std::string("Thôn"),
                        none, parent_code, none, none, none, none, 420.0});
  return sheet;
}

// What each column takes, in the words the importer accepts.
DataSheet guide_sheet() {
  DataSheet sheet;
  sheet.name = "Hướng dẫn";
  sheet.columns = {{"column", "Cột", ColumnKind::text, 18, nullptr},
                   {"required", "Bắt buộc", ColumnKind::text, 10, nullptr},
                   {"values", "Cách ghi", ColumnKind::text, 90, nullptr}};
  const auto row = [&](const std::string& column, const char* required, const char* values) {
    sheet.rows.push_back({column, std::string(required), std::string(values)});
  };
  row(import_column_label("code"), "Có",
      "Chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang; mỗi đơn vị một mã (ví dụ "
      "HP-AH-THCS). Mã đã có thì dòng đó cập nhật đơn vị.");
  row(import_column_label("name"), "Có", "Tên đầy đủ của đơn vị, có dấu.");
  row(import_column_label("kind"), "Có",
      "Một trong: Tỉnh, Xã, Phòng, Tổ chức, Thôn, Trường học (hoặc Tỉnh, thành phố; Xã, "
      "phường; Phòng, ban; Tổ chức, đơn vị). Đơn vị phải thấp hơn đơn vị cấp trên: dưới xã là "
      "trường học, thôn, phòng, tổ chức.");
  row(import_column_label("level"), "Không",
      "Chỉ với trường học: Mầm non, Tiểu học, THCS, THPT hoặc GDTX.");
  row(import_column_label("parent"), "Có (trừ đơn vị gốc)",
      "Mã của đơn vị cấp trên: một đơn vị đã có, hoặc một dòng phía trên trong tệp.");
  row(import_column_label("email"), "Không", "Địa chỉ nhận thư nhắc việc.");
  row("Số học sinh, Số cán bộ, Số phụ huynh, Số người dân", "Không",
      "Số nguyên không âm, không dùng dấu chấm hay dấu phẩy (ví dụ 1200).");
  row("", "",
      "Tên cột tiếng Anh (code, name, kind, level, parent, email, pop_students, "
      "pop_staff, pop_parents, pop_residents) cũng được chấp nhận.");
  return sheet;
}

}  // namespace

DocumentFile Units::import_template(const User& actor, DocumentFormat format) {
  if (actor.disabled || (actor.role != Role::admin && actor.role != Role::coordinator)) {
    throw Error(ErrorKind::forbidden,
                "Chỉ quản trị viên hoặc điều phối viên mới nhập được danh sách đơn vị.");
  }
  // The examples hang under the actor's own unit, so the template imports as it is.
  const std::string parent = actor.unit_code.empty() ? "MA-DON-VI-CAP-TREN" : actor.unit_code;
  if (format == DocumentFormat::csv) {
    return {documents::render_csv(template_sheet(parent)), std::string(content_type_of(format)),
            "mau-nhap-don-vi.csv", nullptr};
  }
  if (format != DocumentFormat::xlsx) {
    throw Error(ErrorKind::not_found, "Tệp mẫu chỉ có dạng XLSX hoặc CSV.", "format");
  }
  documents::DataWorkbook workbook;
  workbook.sheets = {template_sheet(parent), guide_sheet()};
  return {documents::render_xlsx(workbook), std::string(content_type_of(format)),
          "mau-nhap-don-vi.xlsx", nullptr};
}

}  // namespace llw
