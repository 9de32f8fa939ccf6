// Org units: reading, creating and importing them.
#include "app/units.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/application.h"
#include "app/audit_trail.h"
#include "app/audited.h"
#include "app/unit_import.h"
#include "app/use_case_core.h"
#include "app/vietnamese_text.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {

OrgUnit Units::get_unit(const User& actor, const std::string& code) {
  OrgUnit unit = core_.load_unit(code);
  require_allowed(actor, Action::read_unit, unit);
  return unit;
}

OrgUnit Units::get_unit_at_write_version(const User& actor, const std::string& code,
                                         std::int64_t write_version) {
  OrgUnit unit = core_.load_unit_at_write_version(write_version, code);
  require_allowed(actor, Action::read_unit, unit);
  return unit;
}

std::optional<std::string> Units::unit_tree_start(const User& actor,
                                                  const std::string& path_below) {
  if (!actor.unit_code.empty()) return actor.unit_code;
  const auto ids = path_ids(path_below);
  if (ids.empty()) return std::nullopt;
  const auto top = store_->units().find_unit_by_id(ids.front());
  if (!top || !is_allowed(actor, Action::read_unit, *top)) return std::nullopt;
  return top->code;
}

std::vector<OrgUnit> Units::list_children(const User& actor, const std::string& parent_code) {
  OrgUnit parent = core_.load_unit(parent_code, "parent");
  require_allowed(actor, Action::read_unit, parent);
  std::vector<OrgUnit> children = store_->units().children(parent.id);
  sort_units_by_name(children);
  return children;
}

std::vector<OrgUnit> Units::find_units(const User& actor, const std::string& text, int limit) {
  if (actor.disabled || (actor.role != Role::admin && actor.role != Role::coordinator)) {
    throw Error(ErrorKind::forbidden,
                "Chỉ quản trị viên hoặc điều phối viên mới tìm được đơn vị để quản lý.");
  }
  if (!is_valid_utf8(text) || text.size() > 200) return {};
  const std::string key = search_key(text);
  if (key.empty()) return {};
  // An admin searches the whole tree; a coordinator its own subtree, which it manages.
  std::string path;
  if (actor.role != Role::admin) {
    if (actor.unit_path.empty()) return {};
    path = actor.unit_path;
  }
  std::vector<OrgUnit> units = store_->units().search_units(path, key, std::clamp(limit, 1, 200));
  std::erase_if(units,
                [&](const OrgUnit& unit) { return !is_allowed(actor, Action::manage_unit, unit); });
  return units;
}

OrgUnit Units::create_unit(const User& actor, const UnitInput& input,
                           const RequestContext& context) {
  return audited(app_, actor, context, "unit.create", input.code, input.code, input.name, [&] {
    std::optional<OrgUnit> parent;
    if (input.parent_code.empty()) {
      if (actor.role != Role::admin || actor.disabled) {
        throw Error(ErrorKind::forbidden,
                    "Chỉ quản trị hệ thống mới được tạo đơn vị gốc; hãy chọn đơn vị cấp trên.",
                    "parent");
      }
    } else {
      parent = core_.load_unit(input.parent_code, "parent");
      require_allowed(actor, Action::manage_unit, *parent);
    }
    validate_unit_input(input, parent ? &*parent : nullptr);
    OrgUnit created = store_->units().insert_unit(input);
    sync_campaigns_after_unit_changes({created}, {});
    return created;
  });
}

ImportResult Units::import_units(const User& actor, const std::string& body,
                                 const std::string& content_type, const RequestContext& context) {
  std::optional<OrgUnit> at;
  if (!actor.unit_code.empty()) at = store_->units().find_unit(actor.unit_code);
  auto record = [&](const std::string& outcome, const std::string& detail) {
    app_.audit().record_audit(&actor, context, "unit.import", at ? &*at : nullptr, content_type,
                              detail, outcome);
  };
  try {
    ImportResult result = import_units_unaudited(actor, body, content_type);
    if (result.errors.empty()) {
      record("ok", std::to_string(result.created) + " created, " + std::to_string(result.updated) +
                       " updated");
    } else {
      record(error_code(ErrorKind::validation_failed),
             std::to_string(result.errors.size()) + " rows with errors, nothing written");
    }
    return result;
  } catch (const Error& e) {
    record(error_code(e.kind()), e.message());
    throw;
  }
}

ImportResult Units::import_units_unaudited(const User& actor, const std::string& body,
                                           const std::string& content_type) {
  // Only those who may manage units somewhere get to upload at all.
  std::optional<OrgUnit> actor_unit;
  if (actor.role != Role::admin) {
    if (actor.unit_code.empty()) {
      throw Error(ErrorKind::forbidden, "Tài khoản của bạn không được phép nhập danh sách đơn vị.");
    }
    actor_unit = core_.load_unit(actor.unit_code);
    require_allowed(actor, Action::manage_unit, *actor_unit);
  } else if (actor.disabled) {
    throw Error(ErrorKind::forbidden, "Tài khoản của bạn đã bị khóa.");
  }

  ImportResult result;
  ParsedUnits parsed;
  try {
    parsed = parse_units(body, content_type);
  } catch (const Error& e) {
    // A file that cannot be read at all is one problem of the whole file (row 0), listed like
    // the rows' so that the page and the API show every problem the same way.
    if (e.kind() != ErrorKind::bad_input) throw;
    result.errors.push_back({0, "", e.message()});
    return result;
  }
  result.errors = parsed.errors;

  // Units of this file by code, as their parents will look to the rows below them. Their ids and
  // paths are unknown until written, so a synthetic path keeps the subtree checks meaningful.
  std::map<std::string, OrgUnit> from_file;

  std::vector<UnitInput> to_write;
  std::vector<std::string> existing_codes;
  for (const ImportRow& item : parsed.rows) {
    const UnitInput& input = item.input;
    auto fail = [&](const std::string& message, const char* column = "") {
      result.errors.push_back({item.row, import_column_label(column), message});
    };

    if (from_file.count(input.code)) {
      fail("Mã đơn vị " + input.code +
               " đã xuất hiện ở một dòng phía trên; mỗi mã chỉ được có một "
               "dòng.",
           "code");
      continue;
    }
    std::optional<OrgUnit> existing = store_->units().find_unit(input.code);

    // The parent: in the database, or a row above this one.
    std::optional<OrgUnit> parent;
    if (!input.parent_code.empty()) {
      if (auto it = from_file.find(input.parent_code); it != from_file.end()) {
        parent = it->second;
      } else if (auto stored = store_->units().find_unit(input.parent_code)) {
        parent = *stored;
      } else {
        fail("Không tìm thấy đơn vị cấp trên có mã " + input.parent_code +
                 ". Hãy nhập đơn vị cấp trên trước, ở một dòng phía trên.",
             "parent");
        continue;
      }
    } else if (actor.role != Role::admin) {
      fail("Thiếu đơn vị cấp trên; chỉ quản trị hệ thống mới được tạo đơn vị gốc.", "parent");
      continue;
    }

    if (existing) {
      if (existing->parent_code != input.parent_code) {
        fail("Đơn vị " + input.code + " đã có, thuộc đơn vị cấp trên " +
                 (existing->parent_code.empty() ? std::string("(gốc)") : existing->parent_code) +
                 "; không thể chuyển sang đơn vị cấp trên khác bằng tệp nhập.",
             "parent");
        continue;
      }
      if (!is_allowed(actor, Action::manage_unit, *existing)) {
        fail("Bạn không có quyền sửa đơn vị " + input.code + ".");
        continue;
      }
    }
    if (parent && !is_allowed(actor, Action::manage_unit, *parent)) {
      fail("Đơn vị cấp trên " + parent->code +
               " nằm ngoài phạm vi bạn quản lý; chỉ được thêm đơn vị thuộc đơn vị của bạn.",
           "parent");
      continue;
    }
    try {
      validate_unit_input(input, parent ? &*parent : nullptr);
    } catch (const Error& e) {
      // Every problem of the row, not just the first, so one round of fixes is enough.
      if (e.fields().empty()) fail(e.message(), e.field().c_str());
      for (const auto& [field, message] : e.fields()) fail(message, field.c_str());
      continue;
    }

    OrgUnit as_parent;
    if (existing) {
      as_parent = *existing;
      as_parent.name = input.name;
      as_parent.kind = input.kind;
      as_parent.level = input.level;
    } else {
      as_parent.code = input.code;
      as_parent.name = input.name;
      as_parent.kind = input.kind;
      as_parent.level = input.level;
      as_parent.parent_code = input.parent_code;
      as_parent.population = input.population;
      // Below the parent, as far as the subtree checks of later rows are concerned.
      as_parent.path = (parent ? parent->path : std::string("/")) + "new:" + input.code + "/";
    }
    from_file.emplace(input.code, as_parent);
    if (existing) existing_codes.push_back(input.code);
    to_write.push_back(input);
  }

  if (!result.errors.empty()) {
    std::stable_sort(result.errors.begin(), result.errors.end(),
                     [](const auto& a, const auto& b) { return a.row < b.row; });
    return result;
  }
  if (to_write.empty()) return result;

  auto [created, updated] = store_->units().upsert_units(to_write);
  result.created = created;
  result.updated = updated;

  std::set<std::string> existed(existing_codes.begin(), existing_codes.end());
  std::vector<OrgUnit> new_units, changed_units;
  for (const UnitInput& input : to_write) {
    auto unit = store_->units().find_unit(input.code);
    if (!unit) continue;
    (existed.count(input.code) ? changed_units : new_units).push_back(*unit);
  }
  sync_campaigns_after_unit_changes(new_units, changed_units);
  return result;
}

void Units::sync_campaigns_after_unit_changes(const std::vector<OrgUnit>& created,
                                              const std::vector<OrgUnit>& updated) {
  if (created.empty() && updated.empty()) return;
  for (const Campaign& listed : store_->campaigns().list_campaigns()) {
    Campaign campaign = listed;
    campaign.form = core_.form(campaign.form_id);
    for (const OrgUnit& unit : created) {
      if (!campaign.must_report(unit)) continue;
      store_->campaigns().add_reporting_unit(
          campaign.id, unit, contribution_of(campaign, unit, not_started_report(campaign, unit)),
          store_->units().ancestor_ids(unit.id));
    }
    bool touched = false;
    for (const OrgUnit& unit : updated) {
      if (unit.path.rfind(campaign.issuer_path, 0) != 0) continue;
      touched = true;
      if (campaign.must_report(unit) && !store_->reports().find_report(campaign.id, unit.id)) {
        store_->campaigns().add_reporting_unit(
            campaign.id, unit, contribution_of(campaign, unit, not_started_report(campaign, unit)),
            store_->units().ancestor_ids(unit.id));
      }
    }
    // A changed population or kind changes what existing reports contribute: recompute.
    if (touched) {
      store_->aggregates().rebuild_aggregates(campaign.id,
                                              [&](const OrgUnit& unit, const UnitReport& report) {
                                                return contribution_of(campaign, unit, report);
                                              });
    }
  }
}

}  // namespace llw
