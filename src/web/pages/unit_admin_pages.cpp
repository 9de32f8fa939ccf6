// The unit tree page (/quan-tri/don-vi/{code}): browse the tree, edit a unit (signer included),
// add a child, move the unit. Without JavaScript: each form POSTs here and is answered by a
// redirect with a notice, or by the page again with the input kept and the messages beside the
// fields. Access is the Application's (manage_unit); this file reads forms and shapes the page.

#include "web/pages/unit_admin_pages.h"

#include <algorithm>
#include <charconv>

#include "app/accounts.h"
#include "app/audit_trail.h"
#include "app/units.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/text.h"
#include "web/pages/unit_admin_view.h"

namespace llw {

namespace {

using pages::UnitFormState;

void require_unit_admin(const User& user) {
  if (user.role != Role::admin && user.role != Role::coordinator) {
    throw Error(ErrorKind::forbidden,
                "Chỉ quản trị viên hoặc điều phối viên mới quản lý được cây đơn vị.", "unit");
  }
}

// The form's field for an error's field ("population.students" → "pop_students").
std::string form_field_of(const std::string& field) {
  if (field.rfind("population.", 0) == 0) return "pop_" + field.substr(11);
  if (field.rfind("signer.", 0) == 0) return "signer_" + field.substr(7);
  if (field == "parent") return "parent_code";
  return field;
}

void put_errors(UnitFormState& state, const Error& error) {
  state.message = error.message();
  for (const auto& [field, message] : error.fields()) state.errors[form_field_of(field)] = message;
  if (error.fields().empty() && !error.field().empty()) {
    state.errors[form_field_of(error.field())] = error.message();
  }
}

// Copies the posted values of `names` into the state, so a refused form shows what was typed.
void keep(UnitFormState& state, const pages::PostedForm& form,
          const std::vector<std::string>& names) {
  for (const auto& name : names) state.values[name] = form.value(name);
}

// "HP-X, HP-Y" (commas, semicolons or spaces between) → {"HP-X", "HP-Y"}.
std::vector<std::string> codes_of(const std::string& line) {
  std::vector<std::string> codes;
  std::string code;
  for (const char c : line + ",") {
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!code.empty()) codes.push_back(std::move(code));
      code.clear();
    } else {
      code += c;
    }
  }
  return codes;
}

std::vector<std::string> unit_field_names() {
  std::vector<std::string> names{"name", "kind", "level", "email", "phone"};
  for (const auto& [group, label] : pages::population_groups()) names.push_back("pop_" + group);
  return names;
}

// The signature block's lines on the edit and add forms.
const std::vector<std::string> kSignerFields{"signer_authority", "signer_deputy", "signer_position",
                                             "signer_name"};

UnitSigner signer_of(const pages::PostedForm& form) {
  return UnitSigner{form.value("signer_authority"), form.value("signer_deputy"),
                    form.value("signer_position"), form.value("signer_name")};
}

// Kind, level and population as typed; problems are collected on their fields so that every
// message shows at once.
struct TypedUnit {
  UnitKind kind = UnitKind::school;
  SchoolLevel level = SchoolLevel::none;
  Population population;
};

TypedUnit typed_unit(const pages::PostedForm& form, UnitFormState& state) {
  TypedUnit typed;
  if (const auto kind = unit_kind_from_string(form.value("kind"))) {
    typed.kind = *kind;
  } else {
    state.errors["kind"] = "Hãy chọn loại đơn vị trong danh sách.";
  }
  const std::string& level = form.value("level");
  if (!level.empty()) {
    if (const auto parsed = school_level_from_string(level)) {
      typed.level = *parsed;
    } else {
      state.errors["level"] = "Hãy chọn cấp học trong danh sách.";
    }
  }
  for (const auto& [group, label] : pages::population_groups()) {
    std::string text = form.value("pop_" + group);
    std::erase_if(text, [](char c) { return c == ' ' || c == '.'; });  // "1.200" as typed
    if (text.empty()) continue;
    std::int64_t n = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (error != std::errc() || end != text.data() + text.size()) {
      state.errors["pop_" + group] = "Hãy nhập một số nguyên không âm (ví dụ 1200).";
    } else {
      typed.population[group] = n;
    }
  }
  return typed;
}

// Keeps what was typed in the unit fields and `extra`, and reads the kind, level and population;
// a value that is not even well-formed is refused before the Application sees the edit.
TypedUnit read_unit_form(const pages::PostedForm& form, UnitFormState& state,
                         const std::vector<std::string>& extra) {
  keep(state, form, unit_field_names());
  keep(state, form, extra);
  TypedUnit typed = typed_unit(form, state);
  if (!state.errors.empty()) {
    throw Error(ErrorKind::validation_failed, state.errors.begin()->second,
                state.errors.begin()->first);
  }
  return typed;
}

std::string notice_for(const std::string& done) {
  if (done == "sua") return "Đã lưu thông tin đơn vị.";
  if (done == "them") return "Đã thêm đơn vị cấp dưới.";
  if (done == "sap-nhap") return "Đã lưu các đơn vị cũ sáp nhập vào đơn vị này.";
  if (done == "chuyen")
    return "Đã chuyển đơn vị sang đơn vị cấp trên mới; số liệu tổng hợp đã "
           "được cập nhật.";
  return {};
}

// The page's data besides the forms: the unit's place and children, as the user may see them.
// `Areas`: the family's units and accounts.
template <typename Areas>
pages::UnitAdminInput tree_input(const Areas& app, const User& user, const OrgUnit& unit) {
  pages::UnitAdminInput input;
  UnitPlace place = app.units().unit_place(user, unit.code);
  input.ancestors = std::move(place.managed_ancestors);
  input.children = app.units().list_children(user, unit.code);
  input.without_account = app.accounts().units_without_reporter(user, input.children);
  input.can_move = place.may_move;
  input.predecessors = app.units().predecessors(user, unit.code);
  return input;
}

}  // namespace

HttpResponse UnitAdminPages::admin_units(Context& context, const Params& params) {
  require_unit_admin(context.user);
  // The version before anything is read: what is read below is at least as new as it.
  const std::int64_t version = app_.audit().write_version();
  const OrgUnit unit = app_.units().get_unit_at_write_version(context.user, params[0], version);
  require_allowed(context.user, Action::manage_unit, unit);
  const auto ok = context.request.query.find("ok");
  const std::string notice = ok == context.request.query.end() ? "" : notice_for(ok->second);
  // The move form's search for a new parent, by name or code without marks ("ha noi").
  std::string search = pages::query_value(context.request.query, "tim-cap-tren");
  if (search.size() > 100 || !is_valid_utf8(search)) search.clear();
  // The body depends on the units (every change of one is audited: write_version), the reader's
  // role and place (which ancestors and moves it may use), the notice and the search alone.
  const std::string key = "don-vi/" + std::string(to_string(context.user.role)) + "/" +
                          context.user.unit_path + "/" + pages::url_encode(unit.code) + "?" +
                          pages::url_encode(notice) + "&" + pages::url_encode(search);
  return cached_page(context, key, version, "admin_units", [&] {
    pages::UnitAdminInput input = tree_input(app_, context.user, unit);
    input.unit = &unit;
    input.edit.values = pages::unit_form_values(unit);
    input.notice = notice;
    if (input.can_move && !search.empty()) {
      input.parent_search = search;
      input.searched = true;
      // Only units the unit may move under: not itself or its own subtree, and of a kind that
      // may have it below.
      for (OrgUnit& found : app_.units().find_units(context.user, search, 60)) {
        if (found.path.rfind(unit.path, 0) == 0 || found.id == unit.parent_id.value_or(0) ||
            !can_have_child(found.kind, unit.kind)) {
          continue;
        }
        if (input.parent_choices.size() < 50) input.parent_choices.push_back(std::move(found));
      }
    }
    return pages::unit_admin_view(input);
  });
}

HttpResponse UnitAdminPages::admin_units_post(Context& context, const Params& params) {
  require_unit_admin(context.user);
  const User& user = context.user;
  const OrgUnit unit = app_.units().get_unit(user, params[0]);
  require_allowed(user, Action::manage_unit, unit);
  const pages::PostedForm& form = context.form;
  const std::string& action = form.value("action");
  const RequestContext request{context.request.client_address};
  const std::string here = pages::unit_admin_path(unit.code);

  pages::UnitAdminInput input;
  UnitFormState* state = nullptr;
  try {
    if (action == "sua") {
      state = &input.edit;
      const TypedUnit typed = read_unit_form(form, input.edit, kSignerFields);
      UnitChanges changes;
      changes.name = form.value("name");
      changes.kind = typed.kind;
      changes.level = typed.level;
      changes.email = form.value("email");
      changes.phone = form.value("phone");
      // Groups the form does not ask for stay as they are.
      Population population = unit.population;
      for (const auto& [group, label] : pages::population_groups()) population.erase(group);
      for (const auto& [group, n] : typed.population) population[group] = n;
      changes.population = population;
      changes.signer = signer_of(form);
      app_.units().update_unit(user, unit.code, changes, request);
      return redirect(here + "?ok=sua");
    }
    if (action == "them") {
      state = &input.add;
      std::vector<std::string> kept = kSignerFields;
      kept.push_back("code");
      const TypedUnit typed = read_unit_form(form, input.add, kept);
      UnitInput child;
      child.code = form.value("code");
      child.name = form.value("name");
      child.kind = typed.kind;
      child.level = typed.level;
      child.parent_code = unit.code;
      child.population = typed.population;
      child.email = form.value("email");
      child.phone = form.value("phone");
      child.signer = signer_of(form);
      app_.units().create_unit(user, child, request);
      return redirect(here + "?ok=them");
    }
    if (action == "sap-nhap") {
      state = &input.merge;
      keep(input.merge, form, {"predecessors"});
      app_.units().set_predecessors(user, unit.code, codes_of(form.value("predecessors")), request);
      return redirect(here + "?ok=sap-nhap");
    }
    if (action == "chuyen") {
      state = &input.move;
      keep(input.move, form, {"parent_code"});
      UnitChanges changes;
      changes.parent_code = form.value("parent_code");
      app_.units().update_unit(user, unit.code, changes, request);
      return redirect(here + "?ok=chuyen");
    }
  } catch (const Error& error) {
    // A refused form comes back with what was typed and the messages beside the fields; being
    // refused access, or anything unexpected, goes to the error page as usual.
    const bool shown_on_form = error.kind() == ErrorKind::validation_failed ||
                               error.kind() == ErrorKind::conflict ||
                               (error.kind() == ErrorKind::not_found && error.field() == "parent");
    if (state == nullptr || !shown_on_form) throw;
    put_errors(*state, error);
    pages::UnitAdminInput tree = tree_input(app_, user, unit);
    tree.unit = &unit;
    tree.edit = input.edit.values.empty() ? UnitFormState{pages::unit_form_values(unit), {}, {}}
                                          : input.edit;
    tree.add = input.add;
    tree.move = input.move;
    tree.merge = input.merge;
    return page(context, error.kind() == ErrorKind::conflict ? 409 : 422, "admin_units",
                pages::unit_admin_view(tree));
  }
  throw Error(ErrorKind::bad_input,
              "Biểu mẫu không cho biết việc cần làm (sửa, thêm hoặc chuyển). Hãy tải lại trang.",
              "action");
}

std::vector<PageRoute> UnitAdminPages::routes() {
  return {
      {"GET", {"quan-tri", "don-vi", "{}"}, bind(&UnitAdminPages::admin_units)},
      {"POST", {"quan-tri", "don-vi", "{}"}, bind(&UnitAdminPages::admin_units_post)},
  };
}

}  // namespace llw
