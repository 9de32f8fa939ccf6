#include "documents/data_table.h"

#include <map>

#include "documents/builder_support.h"
#include "domain/text.h"

namespace llw::documents {

std::string level_name(UnitKind kind) { return std::string(vietnamese_label(kind)); }

std::vector<DataColumn> data_columns(const ReportForm& form) {
  std::vector<DataColumn> columns = {
      {"unit_code", "Mã đơn vị", ColumnKind::text, 18},
      {"unit_name", "Tên đơn vị", ColumnKind::text, 36},
      {"parent_code", "Mã đơn vị cấp trên", ColumnKind::text, 16},
      {"status", "Tình trạng báo cáo", ColumnKind::text, 16},
      {"late", "Nộp muộn", ColumnKind::text, 9},
      {"submitted_on", "Ngày nộp", ColumnKind::date, 12},
  };
  for (const FormItem* item : form.items()) {
    ColumnKind kind;
    switch (item->type) {
      case ItemType::count:
        kind = ColumnKind::integer;
        break;
      case ItemType::number:
      case ItemType::percent:
        kind = ColumnKind::decimal;
        break;
      case ItemType::date:
        kind = ColumnKind::date;
        break;
      case ItemType::yes_no:
      case ItemType::choice:
      case ItemType::short_text:
        kind = ColumnKind::text;
        break;
      default:
        continue;  // tables and narratives belong to the documents, not to a grid
    }
    columns.push_back({item->key, item->label, kind, kind == ColumnKind::text ? 14.0 : 11.0, item});
  }
  columns.push_back({"participation_rate", "Tỷ lệ người tham gia", ColumnKind::percent, 11});
  return columns;
}

namespace {

DataCell cell_of(const DataColumn& column, const FormItem* item, const nlohmann::json& value) {
  if (value.is_null()) return {};
  switch (column.kind) {
    case ColumnKind::integer:
    case ColumnKind::decimal:
    case ColumnKind::percent:
      if (value.is_number()) return value.get<double>();
      return {};
    case ColumnKind::date:
      if (value.is_string()) return value.get<std::string>();
      return {};
    case ColumnKind::text:
      if (item && item->type == ItemType::yes_no && value.is_boolean()) {
        return std::string(value.get<bool>() ? "Có" : "Không");
      }
      if (value.is_string()) return value.get<std::string>();
      if (value.is_number()) return detail::format_number(value.get<double>());
      return {};
  }
  return {};
}

}  // namespace

std::vector<DataCell> data_row(const ReportForm& form, const std::vector<DataColumn>& columns,
                               const UnitDataRow& row) {
  std::vector<DataCell> cells;
  cells.reserve(columns.size());
  for (const DataColumn& column : columns) {
    const std::string& key = column.key;
    if (key == "unit_code") {
      cells.emplace_back(row.code);
    } else if (key == "unit_name") {
      cells.emplace_back(row.name);
    } else if (key == "parent_code") {
      cells.emplace_back(row.parent_code);
    } else if (key == "status") {
      cells.emplace_back(status_label(row.status, false));
    } else if (key == "late") {
      cells.emplace_back(std::string(row.late ? "Có" : "Không"));
    } else if (key == "submitted_on") {
      cells.push_back(row.submitted_on ? DataCell(*row.submitted_on) : DataCell());
    } else if (key == "participation_rate") {
      // A unit without population has no rate: "—" (không áp dụng), never an empty 0.
      cells.push_back(row.population > 0 ? DataCell(static_cast<double>(row.participants) /
                                                    static_cast<double>(row.population))
                                         : DataCell(std::string(kNotApplicable)));
    } else if (const auto value = row.values.find(key);  // end() unless an object with the key
               value != row.values.end()) {
      cells.push_back(cell_of(column, column.item ? column.item : form.find_item(key), *value));
    } else {
      cells.emplace_back();  // not answered
    }
  }
  return cells;
}

DataWorkbook build_data_workbook(const ReportForm& form, const std::vector<UnitDataRow>& rows) {
  const std::vector<DataColumn> columns = data_columns(form);
  DataWorkbook book;
  std::map<std::string, std::size_t> sheet_of;
  for (const UnitDataRow& row : rows) {
    auto [it, inserted] = sheet_of.emplace(row.level, book.sheets.size());
    if (inserted) book.sheets.push_back({row.level, columns, {}, {}});
    book.sheets[it->second].rows.push_back(data_row(form, columns, row));
  }
  return book;
}

}  // namespace llw::documents
