#include "web/pages/unit_admin_view.h"

#include <optional>

#include "web/pages/labels.h"
#include "web/pages/page_support.h"
#include "web/pages/view_format.h"

namespace llw::pages {

namespace {

using nlohmann::json;

constexpr UnitKind kKinds[] = {UnitKind::country,    UnitKind::province,     UnitKind::commune,
                               UnitKind::department, UnitKind::organization, UnitKind::village,
                               UnitKind::school};

std::string value_of(const UnitFormState& state, const std::string& name) {
  const auto it = state.values.find(name);
  return it == state.values.end() ? std::string{} : it->second;
}

// One labelled input of a form: {id, name, label, value, has_error, error, …}.
json field(const std::string& form, const UnitFormState& state, const std::string& name,
           const std::string& label, const std::string& hint = {}) {
  json out = {{"id", form + "-" + name},
              {"name", name},
              {"label", label},
              {"value", value_of(state, name)}};
  if (!hint.empty()) out["hint"] = hint;
  if (const auto it = state.errors.find(name); it != state.errors.end()) {
    out["has_error"] = true;
    out["error"] = it->second;
  }
  return out;
}

// The kinds a form offers: all of them, or (`under` set) only those a unit of that kind may
// have directly below it (domain can_have_child), so a commune's new unit is never "Toàn quốc".
json kind_options(const std::string& selected, const UnitKind* under = nullptr) {
  json options = json::array();
  for (UnitKind kind : kKinds) {
    if (under != nullptr && !can_have_child(*under, kind)) continue;
    const std::string value(to_string(kind));
    options.push_back({{"value", value},
                       {"label", std::string(vietnamese_label(kind))},
                       {"selected", value == selected}});
  }
  return options;
}

json level_options(const std::string& selected) {
  json options = json::array();
  for (SchoolLevel level :
       {SchoolLevel::none, SchoolLevel::preschool, SchoolLevel::primary,
        SchoolLevel::lower_secondary, SchoolLevel::upper_secondary, SchoolLevel::continuing}) {
    const std::string value = level == SchoolLevel::none ? "" : std::string(to_string(level));
    options.push_back({{"value", value},
                       {"label", std::string(level_label(level))},
                       {"selected", value == selected}});
  }
  return options;
}

// The fields every unit form shares (edit and add): name, kind, level, e-mail, telephone,
// population.
json unit_fields(const std::string& form, const UnitFormState& state) {
  json out = {{"name", field(form, state, "name", "Tên đơn vị")},
              {"kind", field(form, state, "kind", "Loại đơn vị")},
              {"level", field(form, state, "level", "Cấp học (chỉ với trường học)")},
              {"email", field(form, state, "email", "Thư điện tử nhận nhắc việc")},
              {"phone", field(form, state, "phone", "Số điện thoại liên hệ")}};
  out["kind"]["options"] = kind_options(value_of(state, "kind"));
  out["level"]["options"] = level_options(value_of(state, "level"));
  json population = json::array();
  for (const auto& [group, label] : population_groups()) {
    population.push_back(field(form, state, "pop_" + group, label));
  }
  out["population"] = std::move(population);
  return out;
}

json form_state(const UnitFormState& state) {
  json out = json::object();
  if (!state.message.empty()) {
    out["has_message"] = true;
    out["message"] = state.message;
  }
  return out;
}

// The four lines of the signature block of the unit's documents.
json signer_fields(const std::string& form, const UnitFormState& state) {
  return json::array(
      {field(form, state, "signer_authority", "Dòng thẩm quyền", "Ví dụ: TM. ỦY BAN NHÂN DÂN"),
       field(form, state, "signer_deputy", "Dòng cấp phó", "Ví dụ: KT. CHỦ TỊCH"),
       field(form, state, "signer_position", "Chức vụ", "Ví dụ: PHÓ CHỦ TỊCH"),
       field(form, state, "signer_name", "Họ và tên người ký")});
}

// The kind a new unit under `parent` most likely has, preselected on the add form: the next level
// of the administration down to the commune, then a school (most reporting units are schools);
// an organization's branches are organizations. None for kinds that have no units below them.
std::optional<UnitKind> likely_child_kind(UnitKind parent) {
  switch (parent) {
    case UnitKind::country:
      return UnitKind::province;
    case UnitKind::province:
      return UnitKind::commune;
    case UnitKind::commune:
    case UnitKind::department:
      return UnitKind::school;
    case UnitKind::organization:
      return UnitKind::organization;
    case UnitKind::village:
    case UnitKind::school:
      return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& population_groups() {
  static const std::vector<std::pair<std::string, std::string>> groups{
      {"students", "Số học sinh"},
      {"staff", "Số cán bộ, giáo viên, nhân viên"},
      {"parents", "Số cha mẹ học sinh"},
      {"residents", "Số người dân"}};
  return groups;
}

std::string unit_admin_path(const std::string& code) {
  return "/quan-tri/don-vi/" + url_encode(code);
}

std::map<std::string, std::string> unit_form_values(const OrgUnit& unit) {
  std::map<std::string, std::string> values{
      {"name", unit.name},
      {"kind", std::string(to_string(unit.kind))},
      {"level", unit.level == SchoolLevel::none ? "" : std::string(to_string(unit.level))},
      {"email", unit.email},
      {"phone", unit.phone},
      {"signer_authority", unit.signer.authority},
      {"signer_deputy", unit.signer.deputy},
      {"signer_position", unit.signer.position},
      {"signer_name", unit.signer.name}};
  for (const auto& [group, label] : population_groups()) {
    const auto it = unit.population.find(group);
    values["pop_" + group] = it == unit.population.end() ? "" : std::to_string(it->second);
  }
  return values;
}

json unit_admin_view(const UnitAdminInput& input) {
  const OrgUnit& unit = *input.unit;
  json view = {{"title", "Đơn vị: " + unit.name},
               {"code", unit.code},
               {"name", unit.name},
               {"kind_label", std::string(vietnamese_label(unit.kind))},
               {"action", unit_admin_path(unit.code)}};
  if (!input.notice.empty()) {
    view["has_notice"] = true;
    view["notice"] = input.notice;
  }

  json crumbs = json::array();
  for (const OrgUnit& ancestor : input.ancestors) {
    crumbs.push_back({{"href", unit_admin_path(ancestor.code)}, {"name", ancestor.name}});
  }
  view["has_breadcrumb"] = !crumbs.empty();
  view["breadcrumb"] = std::move(crumbs);
  if (!input.ancestors.empty()) {
    const OrgUnit& parent = input.ancestors.back();
    view["has_parent"] = true;
    view["parent"] = {
        {"href", unit_admin_path(parent.code)}, {"name", parent.name}, {"code", parent.code}};
  }

  json children = json::array();
  for (const OrgUnit& child : input.children) {
    double people = 0;
    for (const auto& [group, n] : child.population) people += static_cast<double>(n);
    children.push_back({{"href", unit_admin_path(child.code)},
                        {"code", child.code},
                        {"name", child.name},
                        {"kind", std::string(vietnamese_label(child.kind))},
                        {"no_account", input.without_account.count(child.code) > 0},
                        {"population", format_count(people)}});
  }
  view["has_children"] = !children.empty();
  view["children"] = std::move(children);
  view["child_count"] = format_count(static_cast<double>(input.children.size()));
  view["without_account_count"] = format_count(static_cast<double>(input.without_account.size()));
  view["has_without_account"] = !input.without_account.empty();
  view["accounts_href"] = "/quan-tri/tai-khoan-don-vi?don-vi=" + url_encode(unit.code);

  json edit = form_state(input.edit);
  edit["fields"] = unit_fields("edit", input.edit);
  edit["signer"] = signer_fields("edit", input.edit);
  view["edit"] = std::move(edit);

  json add = form_state(input.add);
  add["code"] = field("add", input.add, "code", "Mã đơn vị mới",
                      "Chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang (ví dụ HP-AH-THCS).");
  UnitFormState add_state = input.add;
  const auto likely = likely_child_kind(unit.kind);
  if (value_of(add_state, "kind").empty() && likely) {
    add_state.values["kind"] = std::string(to_string(*likely));
  }
  add["fields"] = unit_fields("add", add_state);
  add["fields"]["kind"]["options"] = kind_options(value_of(add_state, "kind"), &unit.kind);
  add["signer"] = signer_fields("add", add_state);
  view["can_add"] = !add["fields"]["kind"]["options"].empty();
  view["add"] = std::move(add);

  view["can_move"] = input.can_move;
  json move = form_state(input.move);
  move["parent_code"] = field("move", input.move, "parent_code", "Mã đơn vị cấp trên mới");
  move["search"] = input.parent_search;
  move["searched"] = input.searched;
  json choices = json::array();
  for (const OrgUnit& choice : input.parent_choices) {
    choices.push_back({{"code", choice.code},
                       {"label", choice.name + " (" + std::string(vietnamese_label(choice.kind)) +
                                     ", mã " + choice.code + ")"}});
  }
  move["has_choices"] = !choices.empty();
  move["choices"] = std::move(choices);
  view["move"] = std::move(move);

  // Sáp nhập từ: the codes as one line; the stored ones unless the form came back refused.
  UnitFormState merge_state = input.merge;
  if (!merge_state.values.count("predecessors")) {
    std::string codes;
    for (const OrgUnit& p : input.predecessors) codes += (codes.empty() ? "" : ", ") + p.code;
    merge_state.values["predecessors"] = codes;
  }
  json merge = form_state(merge_state);
  merge["predecessors"] =
      field("merge", merge_state, "predecessors", "Sáp nhập từ: mã các đơn vị cũ",
            "Cách nhau bằng dấu phẩy, ví dụ: HP-AH, HP-TT. Để trống nếu đơn vị không sáp nhập "
            "từ đơn vị nào.");
  json merged_from = json::array();
  for (const OrgUnit& p : input.predecessors) {
    merged_from.push_back({{"code", p.code}, {"name", p.name}});
  }
  merge["has_predecessors"] = !merged_from.empty();
  merge["merged_from"] = std::move(merged_from);
  view["merge"] = std::move(merge);
  return view;
}

}  // namespace llw::pages
