// Editing the org tree: a unit's fields (name, kind, level, population, e-mail, signer) and its
// place (a move under another parent), with the consolidated figures of every campaign kept
// exact by the store in the same transaction.
#include <algorithm>

#include "app/application.h"
#include "app/audited.h"
#include "app/units.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/error.h"
#include "domain/store.h"

namespace llw {

namespace {

// "name, population, parent HP-X → HP-Y": what an edit changes, for the audit log.
std::string describe(const OrgUnit& before, const UnitChanges& changes) {
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : ", ") + part; };
  if (changes.name) add("name");
  if (changes.kind) add("kind");
  if (changes.level) add("level");
  if (changes.population) add("population");
  if (changes.email) add("email");
  if (changes.phone) add("phone");
  if (changes.signer) add("signer");
  if (changes.parent_code) add("parent " + before.parent_code + " → " + *changes.parent_code);
  return out;
}

// Strictly below `issuer` (the issuer itself does not report to its own campaign).
bool strictly_below(const std::string& path, const std::string& issuer) {
  return path != issuer && path.rfind(issuer, 0) == 0;
}

}  // namespace

UnitPlace Units::unit_place(const User& actor, const std::string& code) {
  const OrgUnit unit = core_.load_unit(code);
  require_allowed(actor, Action::manage_unit, unit);
  UnitPlace place;
  for (const std::int64_t id : path_ids(unit.path)) {
    if (id == unit.id) break;
    const auto ancestor = store_->units().find_unit_by_id(id);
    if (!ancestor || !is_allowed(actor, Action::manage_unit, *ancestor)) continue;
    place.managed_ancestors.push_back(*ancestor);
    // The parent is the last unit of the path above the unit: moving needs to manage it, as
    // update_unit checks.
    if (unit.parent_id == ancestor->id) place.may_move = true;
  }
  if (!unit.parent_id) place.may_move = actor.role == Role::admin && !actor.disabled;
  return place;
}

OrgUnit Units::update_unit(const User& actor, const std::string& code, const UnitChanges& changes,
                           const RequestContext& context) {
  OrgUnit before;
  try {
    before = core_.load_unit(code);
  } catch (const Error&) {
    before.code = code;
  }
  const std::string action = changes.moves() ? "unit.move" : "unit.update";
  return audited(app_, actor, context, action, code, code, describe(before, changes), [&] {
    before = core_.load_unit(code);
    require_allowed(actor, Action::manage_unit, before);

    OrgUnit after = before;
    if (changes.name) after.name = *changes.name;
    if (changes.kind) after.kind = *changes.kind;
    if (changes.level) after.level = *changes.level;
    if (changes.kind && !changes.level && after.kind != UnitKind::school) {
      after.level = SchoolLevel::none;  // a school turned into something else loses its level
    }
    if (changes.population) after.population = *changes.population;
    if (changes.email) after.email = *changes.email;
    if (changes.phone) after.phone = *changes.phone;
    if (changes.signer) after.signer = *changes.signer;

    // Where the unit will stand: its current parent, or the new one of a move.
    std::optional<OrgUnit> parent;
    bool moving = false;
    if (changes.parent_code) {
      if (changes.parent_code->empty()) {
        throw Error(ErrorKind::validation_failed,
                    "Hãy nhập mã đơn vị cấp trên mới; không thể biến một đơn vị thành đơn vị gốc.",
                    "parent");
      }
      moving = *changes.parent_code != before.parent_code;
    }
    if (moving) {
      // Leaving the old parent and joining the new one both need the right to manage there: a
      // coordinator cannot move its own unit away, nor move a unit out of or into its subtree.
      if (before.parent_id) {
        if (const auto old_parent = store_->units().find_unit_by_id(*before.parent_id)) {
          require_allowed(actor, Action::manage_unit, *old_parent);
        }
      } else if (actor.role != Role::admin) {
        throw Error(ErrorKind::forbidden, "Chỉ quản trị hệ thống mới được chuyển đơn vị gốc.",
                    "parent");
      }
      parent = core_.load_unit(*changes.parent_code, "parent");
      require_allowed(actor, Action::manage_unit, *parent);
      if (parent->is_in_subtree_of(before)) {
        throw Error(ErrorKind::validation_failed,
                    "Không thể chuyển đơn vị vào chính nó hoặc vào một đơn vị cấp dưới của nó; "
                    "hãy chọn đơn vị cấp trên khác.",
                    "parent");
      }
      after.parent_id = parent->id;
      after.parent_code = parent->code;
      after.path = parent->path + std::to_string(before.id) + "/";
    } else if (before.parent_id) {
      parent = store_->units().find_unit_by_id(*before.parent_id);
    }

    UnitInput input;
    input.code = before.code;
    input.name = after.name;
    input.kind = after.kind;
    input.level = after.level;
    input.parent_code = parent ? parent->code : std::string{};
    input.population = after.population;
    input.email = after.email;
    input.phone = after.phone;
    input.signer = after.signer;
    validate_unit_input(input, parent ? &*parent : nullptr);

    if (after.kind != before.kind) {
      for (const OrgUnit& child : store_->units().children(before.id)) {
        if (!can_have_child(after.kind, child.kind)) {
          throw Error(ErrorKind::validation_failed,
                      "Không thể đổi sang loại “" + std::string(vietnamese_label(after.kind)) +
                          "” vì đơn vị cấp dưới " + child.name + " (loại “" +
                          std::string(vietnamese_label(child.kind)) +
                          "”) không thể trực thuộc loại đó; hãy chuyển đơn vị cấp dưới trước.",
                      "kind");
        }
      }
    }

    UnitEdit edit;
    edit.input = input;
    edit.expected_path = before.path;
    if (moving) edit.new_parent_code = parent->code;
    for (const Campaign& listed : store_->campaigns().list_campaigns()) {
      Campaign campaign = listed;
      // A campaign's reporting units are fixed by where they stand: a move that takes units out
      // of (or into) the issuer's subtree would have to drop (or create) their reports, which a
      // tree edit must not do silently.
      const bool issuer_moves_along = campaign.issuer_path.rfind(before.path, 0) == 0;
      if (moving && !issuer_moves_along &&
          strictly_below(before.path, campaign.issuer_path) !=
              strictly_below(after.path, campaign.issuer_path)) {
        throw Error(
            ErrorKind::conflict,
            "Không thể chuyển đơn vị này: đơn vị và các đơn vị cấp dưới sẽ " +
                std::string(strictly_below(before.path, campaign.issuer_path) ? "ra khỏi" : "vào") +
                " phạm vi của đợt “" + campaign.name + "” (đơn vị ban hành " +
                campaign.issuer_code +
                "). Hãy chuyển sang một đơn vị cấp trên khác, hoặc chờ đợt kết thúc.",
            "parent");
      }
      if (campaign.must_report(before) != campaign.must_report(after)) {
        throw Error(ErrorKind::conflict,
                    "Không thể đổi loại đơn vị: đơn vị sẽ " +
                        std::string(campaign.must_report(before) ? "không còn phải" : "phải") +
                        " báo cáo trong đợt “" + campaign.name +
                        "”. Hãy giữ loại cũ trong thời gian của đợt.",
                    "kind");
      }
      if (!campaign.must_report(before)) continue;
      const auto report = store_->reports().find_report(campaign.id, before.id);
      if (!report) continue;
      campaign.form = core_.form(campaign.form_id);
      Contribution delta = difference(contribution_of(campaign, after, *report),
                                      contribution_of(campaign, before, *report));
      if (!delta.empty()) edit.report_deltas.emplace(campaign.id, std::move(delta));
    }
    return store_->units().edit_unit(edit);
  });
}

}  // namespace llw
