#pragma once
// Builders: pure functions from the domain's data to the document model. Every number the
// documents print is computed here (or by the domain), never in a renderer.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "documents/document.h"
#include "domain/campaign.h"
#include "domain/form.h"
#include "domain/org_unit.h"
#include "domain/report.h"
#include "domain/summary.h"

namespace llw::documents {

// What the caller knows and the domain does not: the document's own number and date (a report
// is numbered and dated when it is signed; without them the lines are left blank for the pen),
// the place and the signer (a unit's settings).
struct DocumentOptions {
  std::string number;  // "15/BC-UBND"; empty gives "Số:      /BC-…"
  std::optional<std::chrono::year_month_day> date;
  std::string place;  // defaults to the unit's locality
  std::optional<SignatureBlock> signer;
};

// The plan (KẾ HOẠCH) from the campaign's structured plan fields, with the form's outline as the
// attached đề cương.
Document build_plan_document(const Campaign& campaign, const OrgUnit& issuer,
                             const OrgUnit* parent);

// A unit's report (BÁO CÁO) in the outline's shape. `mark_empty` lists empty items as
// "Không có số liệu" instead of leaving them out.
Document build_unit_report_document(const Campaign& campaign, const ReportForm& form,
                                    const OrgUnit& unit, const OrgUnit* parent,
                                    const UnitReport& report, bool mark_empty,
                                    const DocumentOptions& options = {});

// One unit's figures in the consolidated report's annex (Phụ lục). Every column holds one measure.
struct AnnexFigures {
  std::int64_t news = 0;  // news items, articles and features (tin, bài, phóng sự), summed
  // Banners and posters (pano, băng zôn): the form's item "banners", or the item renamed from it
  // (its previous_keys name "banners"); its column is headed by the form's own label.
  std::int64_t banners = 0;
  std::int64_t activities_held = 0;  // số hoạt động, counted as ActivityFigures::held
  std::int64_t sessions = 0;
  std::int64_t participants = 0;  // people (người) counted for the rate
  std::int64_t population = 0;
  std::int64_t collectives = 0;  // tập thể được khen thưởng
  std::int64_t individuals = 0;  // cá nhân được khen thưởng
};

// One unit's row of the annex: this year's figures and, when the document compares years, last
// year's of the unit and the units it replaced (none: nothing of theirs counted last year).
struct AnnexRow {
  std::string unit_code;
  std::string unit_name;
  ReportStatus status = ReportStatus::not_started;
  bool late = false;
  AnnexFigures figures;
  std::optional<AnnexFigures> previous;
};

// The annex's rows, and the node's own figures of last year for its total row (the same figures
// as the comparison table of the document: the node's and its predecessors', which need not be
// the sum of the rows above). The previous year is shown when the summary compares years.
struct AnnexRows {
  AnnexRows() = default;
  // Implicit: the rows alone are an annex without last year's total.
  AnnexRows(std::vector<AnnexRow> unit_rows) : rows(std::move(unit_rows)) {}
  std::vector<AnnexRow> rows;
  std::optional<AnnexFigures> previous_total;
};

// The annex row of one unit from its report, through the domain's own contribution arithmetic,
// so the annex adds up to the summary exactly.
AnnexRow annex_row_of(const Campaign& campaign, const OrgUnit& unit, const UnitReport& report);
// The same from a contribution (a node's frozen consolidated figures, reporting up), shown with
// the given status.
AnnexRow annex_row_of(const Campaign& campaign, const OrgUnit& unit,
                      const Contribution& contribution, ReportStatus status, bool late);
// The annex's figures of a contribution in the campaign's form (last year's slots renamed to this
// year's keys, renamed_to_form, for the previous year).
AnnexFigures annex_figures_of(const Campaign& campaign, const OrgUnit& unit,
                              const Contribution& contribution);

// The consolidated report (báo cáo tổng hợp) of `node`, addressed to the level above.
// `consolidated_narrative` maps a narrative part ("advantages", …) to the coordinator's edited
// text; parts without one fall back to the units' texts, gathered by unit.
Document build_summary_document(const Campaign& campaign, const ReportForm& form,
                                const OrgUnit& node, const OrgUnit* parent, const Summary& summary,
                                const AnnexRows& annex,
                                const std::map<std::string, std::string>& consolidated_narrative,
                                const DocumentOptions& options = {});

// The name a unit goes by in a header line and in running text: "Xã An Hưng" stays, a province
// "Hải Phòng" becomes "Thành phố Hải Phòng" (the six centrally-run cities) or "Tỉnh …".
std::string administrative_name(const OrgUnit& unit);
// The locality for the place-date line: "An Hưng" for the commune and every unit under it.
std::string locality_of(const OrgUnit& unit, const OrgUnit* parent);

// How running text names a unit: "Ủy ban nhân dân xã An Hưng" for a government, else its name.
std::string running_name_of(const OrgUnit& unit);

// The domain's one percent format (format_vietnamese_percent): 0.875 → "87,5%", 0.77 → "77,0%".
std::string format_percent(double ratio);

}  // namespace llw::documents
