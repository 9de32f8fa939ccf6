#pragma once
// A report form laid out like ODK's XLSForm (docs/form-format.md, "Uploading an XLSForm"),
// converted to the JSON definition of the same document, which the form check then reads like any
// uploaded JSON. Pure: no store.
//
//   settings          form_id | form_title | version
//   survey            type | name | label | hint | required | min | max | appearance | LLW's
//                     aggregate | summary | activity | measure | default_direction |
//                     population_group | weight_group | within | max_rows (or repeat_count)
//   choices           list_name | name | label
//   population_groups key | label          (optional)
//   directions        key | label          (optional)
//   rules             kind | item | other | group | message   (optional)
//
// begin_group … end_group is a section (name → key, label → title); begin_repeat … end_repeat
// inside a group is a table item whose rows are its columns; integer → count, decimal → number,
// text → short_text (narrative with appearance "multiline"), date → date, select_one yes_no →
// yes_no, select_one <list> → choice of the list's names; LLW's own type names (count, percent,
// number, short_text, narrative, yes_no, choice) are accepted too.

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "documents/xlsx_reader.h"

namespace llw {

struct XlsFormConversion {
  // The definition from what could be read (a row with a problem is left out), for the form
  // check to find the rest; none without the settings or the survey sheet.
  std::optional<nlohmann::json> definition;
  // "trang 'survey', dòng 7: kiểu 'geopoint' không được hỗ trợ …", in the workbook's order; the
  // upload is refused when there is any.
  std::vector<std::string> problems;
  // The survey row of each item, column and section key, to place the form check's problems.
  std::map<std::string, int> survey_rows;
};

XlsFormConversion definition_from_xlsform(const documents::XlsxBook& book);

// Whether an upload is a ZIP package (an XLSX) rather than JSON text.
bool is_zip_package(std::string_view bytes);

}  // namespace llw
