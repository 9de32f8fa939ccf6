#include "demo/demo_reports.h"

#include "demo/demo_campaign.h"
#include "domain/clock.h"

namespace llw::demo {
namespace {

using nlohmann::json;
using namespace std::chrono;

Timestamp at_vietnam_time(year_month_day date, int hour, int minute) {
  return end_of_day_in_vietnam(date) - 86399 + hour * 3600 + minute * 60;
}

}  // namespace

const char* state_name(DemoState s) {
  switch (s) {
    case DemoState::not_started:
      return "not_started";
    case DemoState::draft:
      return "draft";
    case DemoState::on_time:
      return "submitted_on_time";
    case DemoState::late:
      return "submitted_late";
    case DemoState::returned:
      return "returned";
    case DemoState::accepted:
      return "accepted";
  }
  return "not_started";
}

DemoState random_state(Rng& rng) {
  double x = rng.uniform();
  if (x < 0.07) return DemoState::not_started;
  if (x < 0.15) return DemoState::draft;
  if (x < 0.17) return DemoState::returned;
  if (x < 0.27) return DemoState::accepted;
  if (x < 0.37) return DemoState::late;
  return DemoState::on_time;
}

std::vector<DemoState> small_tree_states(std::size_t n, Rng& rng) {
  const std::vector<DemoState> mix = {
      DemoState::not_started, DemoState::draft,    DemoState::on_time,     DemoState::late,
      DemoState::on_time,     DemoState::accepted, DemoState::on_time,     DemoState::draft,
      DemoState::on_time,     DemoState::returned, DemoState::on_time,     DemoState::not_started,
      DemoState::on_time,     DemoState::late,     DemoState::on_time,     DemoState::accepted,
      DemoState::on_time,     DemoState::on_time,  DemoState::draft,       DemoState::on_time,
      DemoState::late,        DemoState::on_time,  DemoState::not_started, DemoState::on_time,
      DemoState::on_time};
  std::vector<DemoState> states;
  for (std::size_t i = 0; i < n; ++i) states.push_back(mix[i % mix.size()]);
  rng.shuffle(states);
  return states;
}

UnitReport make_report(const Campaign& campaign, const OrgUnit& unit, DemoState state,
                       ValueGenerator& generator, Rng& rng, DemoState& actual) {
  UnitReport report;
  report.campaign_id = campaign.id;
  report.unit_id = unit.id;
  report.unit_code = unit.code;
  actual = state;
  const std::string plan_number = campaign.plan.value("number", std::string("83/KH-UBND"));
  if (state == DemoState::not_started) return report;

  json values = generator.generate(unit, rng, state != DemoState::draft, plan_number);
  if (state != DemoState::draft && !generator.repair(values, unit, true)) {
    state = actual = DemoState::draft;  // could not be made complete: keep it as a draft
  }
  if (state == DemoState::draft && !generator.repair(values, unit, false)) values = json::object();
  report.values = std::move(values);

  const Timestamp opened = at_vietnam_time(october(campaign.year, int(rng.between(2, 6))),
                                           int(rng.between(7, 17)), int(rng.between(0, 59)));
  switch (state) {
    case DemoState::draft:
      report.status = ReportStatus::draft;
      report.version = rng.between(1, 3);
      report.updated_at = opened;
      break;
    case DemoState::on_time:
    case DemoState::accepted:
    case DemoState::returned: {
      Timestamp submitted = at_vietnam_time(october(campaign.year, int(rng.between(7, 12))),
                                            int(rng.between(7, 17)), int(rng.between(0, 59)));
      report.status = state == DemoState::on_time    ? ReportStatus::submitted
                      : state == DemoState::accepted ? ReportStatus::accepted
                                                     : ReportStatus::returned;
      report.version = state == DemoState::on_time ? rng.between(2, 4) : rng.between(3, 5);
      report.submitted_at = submitted;
      report.late = false;
      report.updated_at = state == DemoState::on_time ? submitted : submitted + 2 * 86400;
      break;
    }
    case DemoState::late: {
      Timestamp submitted = at_vietnam_time(october(campaign.year, int(rng.between(13, 20))),
                                            int(rng.between(7, 17)), int(rng.between(0, 59)));
      report.status = ReportStatus::submitted;
      report.version = rng.between(2, 4);
      report.submitted_at = submitted;
      report.late = true;
      report.updated_at = submitted;
      break;
    }
    case DemoState::not_started:
      break;
  }
  return report;
}

}  // namespace llw::demo
