#pragma once
// Year over year (so sánh với năm trước): every numeric figure of a node's summary beside last
// year's figure of the same node and the change between them. Last year's slots are first renamed
// to this year's form (items renamed between form versions name their old keys in
// `previous_keys`), so one Summary shape serves both years; an item last year's form did not have
// shows no previous figure ("—") rather than a false 0.
//
// The change text, one rule everywhere (pages, documents, exports, the API):
//   counts and amounts: "tăng 25 (12,5%)", "giảm 3 (5,0%)", "tăng 4" (last year 0: no percent),
//   "không đổi"; rates (weighted, in percent): "tăng 2,5 điểm %", "giảm 0,8 điểm %", "không
//   đổi", compared to one decimal as they are shown; "—" when there is no previous figure.

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "form.h"
#include "summary.h"

namespace llw {

// One numeric figure of a summary with last year's.
struct FigureComparison {
  std::string id;     // the figure's name in the API: "totals.media_articles", "rates.x", …
  std::string label;  // Vietnamese, the form's words
  bool rate = false;  // a rate in percent (0–100): compared in percentage points
  double current = 0;
  std::optional<double> previous;  // none: the figure did not exist last year
  std::string change;              // change_text(current, previous, rate)
};

struct YearComparison {
  std::int64_t campaign_id = 0;           // last year's campaign
  int year = 0;                           // its year
  std::vector<FigureComparison> figures;  // in form order
};

// The change text of the rule above.
std::string change_text(double current, std::optional<double> previous, bool rate);

// Last year's slots under this year's keys: "totals.<old>", "rates.<old>.num|den" and
// "quantities.<old>.<unit>" of an item that lists <old> in its previous_keys become the item's.
Contribution renamed_to_form(const Contribution& previous, const ReportForm& form);

// The keys of this year's form whose figure existed last year: the item's key or one of its
// previous_keys was a key of last year's form.
std::set<std::string> keys_carried_over(const ReportForm& form, const ReportForm& previous_form);

// The figures compared: every sum/count_yes item summed on its own (not an activity's measure),
// every weighted rate, the participants and the participation rate (weighted by population),
// and each activity's held activities and participants. `previous` is last year's summary built
// with this year's campaign from renamed_to_form slots; `carried` from keys_carried_over.
YearComparison compare_years(const ReportForm& form, const Summary& current,
                             const Summary& previous, const std::set<std::string>& carried);

}  // namespace llw
