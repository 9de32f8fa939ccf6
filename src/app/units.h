#pragma once
// The unit tree (units.cpp, unit_editing.cpp): reading, creating, editing, moving and importing
// units.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/documents.h"
#include "app/request_context.h"
#include "app/unit_editing.h"
#include "app/unit_import.h"
#include "app/use_case_area.h"
#include "domain/org_unit.h"
#include "domain/user.h"

namespace llw {

struct ImportResult {
  int created = 0;
  int updated = 0;
  std::vector<ImportProblem> errors;  // every problem, by row; none means written
};

class Units : public UseCaseArea {
 public:
  using UseCaseArea::UseCaseArea;

  // Org units.
  OrgUnit get_unit(const User& actor, const std::string& code);
  // The same, read from the store once per audit write version (AuditTrail::write_version, read
  // just before): the unit tree pages, cached by that version too.
  OrgUnit get_unit_at_write_version(const User& actor, const std::string& code,
                                    std::int64_t write_version);
  // Where the actor's unit tree starts: their own unit, or for an account without one (an
  // admin) the topmost unit above `path_below` (a campaign's issuer); nullopt when there is none
  // the actor may read.
  std::optional<std::string> unit_tree_start(const User& actor, const std::string& path_below);
  std::vector<OrgUnit> list_children(const User& actor, const std::string& parent_code);
  // Units the actor manages whose name or code contains `text`, marks and case not mattering
  // ("ha noi" finds "Hà Nội"), in tree order, at most `limit` (the unit page's parent search).
  std::vector<OrgUnit> find_units(const User& actor, const std::string& text, int limit);
  OrgUnit create_unit(const User& actor, const UnitInput& input,
                      const RequestContext& context = {});
  // Edits a unit and/or moves it under another parent (unit_editing.cpp), keeping every summary
  // exact: manage_unit on the unit, and on the old and the new parent for a move (so a
  // coordinator moves nothing out of or into its subtree, nor its own unit). Checked like a new
  // unit (422 naming the field; nothing changes).
  OrgUnit update_unit(const User& actor, const std::string& code, const UnitChanges& changes,
                      const RequestContext& context = {});
  // Where the unit stands for its administrator (unit_editing.cpp; manage_unit on it): the
  // ancestors the actor may manage and whether the actor may move it (UnitPlace).
  UnitPlace unit_place(const User& actor, const std::string& code);
  // The units a unit replaced (sáp nhập từ; unit_lineage.cpp): read_unit on it.
  std::vector<OrgUnit> predecessors(const User& actor, const std::string& code);
  // Replaces them (manage_unit on the unit and on every predecessor), audited as
  // "unit.predecessors". Error{validation_failed, field "predecessors"} for an unknown code, the
  // unit itself, a code twice, or a cycle (a predecessor that replaced the unit, however far
  // back); then nothing changes. Returns the list as stored.
  std::vector<OrgUnit> set_predecessors(const User& actor, const std::string& code,
                                        const std::vector<std::string>& predecessor_codes,
                                        const RequestContext& context = {});
  // CSV or XLSX bytes; all-or-nothing. `root_code` limits where rows may attach (the actor's
  // unit for a coordinator; empty for an admin).
  ImportResult import_units(const User& actor, const std::string& body,
                            const std::string& content_type, const RequestContext& context = {});
  // The import's template (unit_import_template.cpp): XLSX (the columns with two example rows
  // under the actor's unit, and a sheet on what each column takes) or CSV (the first sheet).
  DocumentFile import_template(const User& actor, DocumentFormat format);

 private:
  ImportResult import_units_unaudited(const User& actor, const std::string& body,
                                      const std::string& content_type);
  // Adds newly created units to every campaign they must report in, and recomputes the
  // aggregates of campaigns whose reporting units changed (population, kind).
  void sync_campaigns_after_unit_changes(const std::vector<OrgUnit>& created,
                                         const std::vector<OrgUnit>& updated);
};

}  // namespace llw
