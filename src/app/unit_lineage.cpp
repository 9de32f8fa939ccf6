// Unit lineage (sáp nhập từ, issue 18): the units a unit replaced, which year-over-year figures
// sum when the unit did not report last year.
#include <algorithm>
#include <set>

#include "app/audited.h"
#include "app/units.h"
#include "app/use_case_core.h"
#include "domain/access.h"
#include "domain/store.h"

namespace llw {

namespace {

[[noreturn]] void refuse(const std::string& message) {
  throw Error(ErrorKind::validation_failed, message, "predecessors");
}

}  // namespace

std::vector<OrgUnit> Units::predecessors(const User& actor, const std::string& code) {
  const OrgUnit unit = core_.load_unit(code);
  require_allowed(actor, Action::read_unit, unit);
  return store_->unit_lineage().predecessors(unit.id);
}

std::vector<OrgUnit> Units::set_predecessors(const User& actor, const std::string& code,
                                             const std::vector<std::string>& predecessor_codes,
                                             const RequestContext& context) {
  std::string detail = "sáp nhập từ: ";
  for (std::size_t i = 0; i < predecessor_codes.size(); ++i) {
    detail += (i > 0 ? ", " : "") + predecessor_codes[i];
  }
  if (predecessor_codes.empty()) detail += "(không)";
  return audited(app_, actor, context, "unit.predecessors", code, code, detail, [&] {
    const OrgUnit unit = core_.load_unit(code);
    require_allowed(actor, Action::manage_unit, unit);
    UnitLineageStore& lineage = store_->unit_lineage();
    std::vector<std::int64_t> ids;
    std::set<std::string> seen;
    for (const std::string& predecessor_code : predecessor_codes) {
      if (predecessor_code == unit.code) {
        refuse("Một đơn vị không sáp nhập từ chính nó; hãy bỏ mã " + unit.code + ".");
      }
      if (!seen.insert(predecessor_code).second) {
        refuse("Mã đơn vị " + predecessor_code + " được ghi hai lần; hãy ghi mỗi mã một lần.");
      }
      const std::optional<OrgUnit> predecessor = store_->units().find_unit(predecessor_code);
      if (!predecessor) {
        refuse("Không có đơn vị mã " + predecessor_code + "; hãy kiểm tra lại mã đơn vị cũ.");
      }
      require_allowed(actor, Action::manage_unit, *predecessor);
      // A cycle: the unit is among the predecessor's own predecessors, however far back.
      std::vector<std::int64_t> pending{predecessor->id};
      std::set<std::int64_t> visited;
      while (!pending.empty()) {
        const std::int64_t id = pending.back();
        pending.pop_back();
        if (!visited.insert(id).second) continue;
        for (const OrgUnit& earlier : lineage.predecessors(id)) {
          if (earlier.id == unit.id) {
            refuse("Đơn vị " + predecessor->code + " đã được ghi là sáp nhập từ " + unit.code +
                   " (hoặc từ một đơn vị sáp nhập từ nó); hai đơn vị không thể sáp nhập từ "
                   "nhau.");
          }
          pending.push_back(earlier.id);
        }
      }
      ids.push_back(predecessor->id);
    }
    lineage.set_predecessors(unit.id, ids);
    return lineage.predecessors(unit.id);
  });
}

}  // namespace llw
