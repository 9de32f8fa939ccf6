#include "demo/demo_data.h"

#include <algorithm>
#include <set>

#include "app/campaigns.h"
#include "app/password.h"
#include "app/store_access.h"
#include "app/units.h"
#include "demo/demo_campaign.h"
#include "demo/demo_names.h"
#include "demo/demo_reports.h"
#include "demo/demo_tree.h"
#include "demo/report_values.h"
#include "demo/rng.h"
#include "domain/error.h"

namespace llw {

using nlohmann::json;
using namespace demo;

std::optional<DemoScale> demo_scale_from_string(std::string_view text) {
  if (text == "commune") return DemoScale::commune;
  if (text == "city") return DemoScale::city;
  if (text == "national") return DemoScale::national;
  return std::nullopt;
}

json demo_report_values(const ReportForm& form, const OrgUnit& unit, std::uint64_t seed,
                        bool complete, int year) {
  ValueGenerator generator(form, year);
  Rng rng(seed);
  json values = generator.generate(unit, rng, complete, "83/KH-UBND");
  if (!generator.repair(values, unit, complete)) generator.repair(values, unit, false);
  return values;
}

bool database_holds_data(Application& app) {
  Store& store = StoreAccess::of(app);
  return store.units().count_units() > 0 || !store.accounts().list_users("", 1).empty();
}

namespace {

// Every report of `reporting` in `campaign`, written in bulk, then the campaign's aggregates
// computed once. `state_of(i, rng)` picks the i-th unit's state; each unit draws from a generator
// seeded by its code and `salt`, so the figures are the same every run.
void write_reports(Store& store, const Campaign& campaign, const std::vector<OrgUnit>& reporting,
                   std::uint64_t salt, std::map<std::string, std::int64_t>& by_state,
                   const std::function<void(const std::string&)>& say,
                   const std::function<DemoState(std::size_t, Rng&)>& state_of) {
  const ReportForm& form = *campaign.form;
  ValueGenerator generator(form, campaign.year);
  std::vector<UnitReport> batch;
  std::vector<std::map<std::string, std::string>> batch_narratives;
  constexpr std::size_t batch_size = 5000;
  auto flush = [&] {
    if (batch.empty()) return;
    store.reports().bulk_put_reports(batch, batch_narratives);
    batch.clear();
    batch_narratives.clear();
  };
  for (std::size_t i = 0; i < reporting.size(); ++i) {
    const OrgUnit& unit = reporting[i];
    Rng rng(demo_seed ^ hash_text(unit.code) ^ salt);
    const DemoState wanted = state_of(i, rng);
    DemoState actual = wanted;
    UnitReport report = make_report(campaign, unit, wanted, generator, rng, actual);
    by_state[state_name(actual)]++;
    batch_narratives.push_back(campaign.counts(report.status)
                                   ? narrative_texts(form, report.values)
                                   : std::map<std::string, std::string>{});
    batch.push_back(std::move(report));
    if (batch.size() >= batch_size) {
      flush();
      say("  reports: " + std::to_string(i + 1) + " / " + std::to_string(reporting.size()));
    }
  }
  flush();
  store.aggregates().rebuild_aggregates(campaign.id,
                                        [&](const OrgUnit& unit, const UnitReport& report) {
                                          return contribution_of(campaign, unit, report);
                                        });
  say("Reports: " + std::to_string(reporting.size()) + ", aggregates rebuilt");
}

// Last year's campaign of the demo's subtree (issue 18): the campaign of `year` on the seed's
// dates (closed at the end of its October), its plans issued as this year's are, and every
// report accepted with figures of their own (another salt than this year's), so year-over-year
// comparison has data. Returns its id.
std::int64_t make_previous_year(Application& app, const User& system, Store& store, DemoScale scale,
                                const std::string& issuer_code, int year,
                                const std::function<void(const std::string&)>& say) {
  json plan = scale == DemoScale::city       ? demo::city_plan(year)
              : scale == DemoScale::national ? demo::national_plan(year)
                                             : seed_plan(year);
  Campaign campaign = app.campaigns().create_campaign(
      system, demo::demo_campaign(year, issuer_code, std::move(plan), 0));
  demo::issue_level_plan_from_start(app, system, campaign, issuer_code, "");
  if (scale != DemoScale::commune) demo::issue_seed_commune_plan(app, system, campaign);
  const OrgUnit issuer = *store.units().find_unit(issuer_code);
  std::vector<OrgUnit> reporting =
      store.units().units_in_subtree(issuer.path, campaign.reporting_kinds);
  std::erase_if(reporting, [&](const OrgUnit& u) { return !campaign.must_report(u); });
  say("Campaign " + std::to_string(campaign.id) + ": " + campaign.name + " (last year's)");
  std::map<std::string, std::int64_t> by_state;
  write_reports(store, campaign, reporting, hash_text("previous-year"), by_state, say,
                [](std::size_t, Rng&) { return DemoState::accepted; });
  return campaign.id;
}

}  // namespace

DemoStats make_demo(Application& app, DemoScale scale, int year,
                    const std::function<void(const std::string&)>& progress) {
  auto say = [&](const std::string& line) {
    if (progress) progress(line);
  };
  Store& store = StoreAccess::of(app);
  if (database_holds_data(app)) {
    throw Error(ErrorKind::conflict,
                "Cơ sở dữ liệu đã có dữ liệu; hãy dùng một tệp mới cho dữ liệu minh họa.", "db");
  }
  if (year < min_demo_year || year > max_demo_year) {
    throw Error(ErrorKind::bad_input,
                "Năm của dữ liệu minh họa phải từ " + std::to_string(min_demo_year) + " đến " +
                    std::to_string(max_demo_year) + ".",
                "year");
  }
  auto form = app.campaigns().form(demo_form_id);

  // 1. The org tree, province by province so each batch is one transaction of bounded size.
  const Province& hai_phong = provinces[2];
  store.units().upsert_units({make_input("VN", "Việt Nam", UnitKind::country, "")});
  std::int64_t unit_count = 1;
  auto province_input = [](const Province& p) {
    return make_input(p.code, std::string(p.city ? "Thành phố " : "Tỉnh ") + p.name,
                      UnitKind::province, "VN");
  };
  auto load_province = [&](const Province& p, int communes) {
    std::vector<UnitInput> batch{province_input(p)};
    std::vector<std::string> names = commune_names(p, communes);
    Rng rng(demo_seed ^ hash_text(std::string("wards-") + p.code));
    for (std::size_t i = 0; i < names.size(); ++i) {
      CommuneSpec spec;
      spec.province_code = p.code;
      spec.email_domain = email_domain(p);
      spec.name = names[i];
      const bool seed_commune = std::string_view(p.code) == "HP" && i == 0;
      spec.ward = !seed_commune && rng.chance(p.city ? 0.35 : 0.12);
      spec.villages_min = scale == DemoScale::commune ? 10 : 13;
      spec.villages_max = scale == DemoScale::commune ? 10 : 20;
      spec.upper_secondary = !seed_commune && rng.chance(0.4);
      add_commune(batch, spec);
    }
    // The store checks nothing about demo rows that the domain would: check them here, so a
    // mistake in this file fails loudly instead of producing a strange tree.
    std::map<std::string, OrgUnit> kinds{{"VN", OrgUnit{}}};
    kinds["VN"].kind = UnitKind::country;
    kinds["VN"].code = "VN";
    for (const UnitInput& input : batch) {
      validate_unit_input(input, &kinds.at(input.parent_code));
      OrgUnit as_parent;
      as_parent.code = input.code;
      as_parent.kind = input.kind;
      kinds[input.code] = as_parent;
    }
    store.units().upsert_units(batch);
    unit_count += std::int64_t(batch.size());
  };
  // The 2025 mergers (sáp nhập): Xã An Hưng is recorded as made of two communes of last year.
  const auto load_merged_communes = [&] {
    std::vector<UnitInput> old_communes;
    for (const auto& [code, name] : merged_communes) {
      old_communes.push_back(make_input(code, name, UnitKind::commune, "HP"));
    }
    store.units().upsert_units(old_communes);
    unit_count += std::int64_t(old_communes.size());
  };
  std::string issuer_code;
  json plan;
  switch (scale) {
    case DemoScale::commune:
      load_province(hai_phong, 1);
      load_merged_communes();
      issuer_code = "HP-ANHUNG";
      plan = seed_plan(year);
      break;
    case DemoScale::city:
      load_province(hai_phong, hai_phong.communes);
      load_merged_communes();
      issuer_code = "HP";
      plan = demo::city_plan(year);
      break;
    case DemoScale::national:
      for (const Province& p : provinces) {
        load_province(p, p.communes);
        if (std::string_view(p.code) == "HP") load_merged_communes();
        say("  " + std::string(p.code) + ": " + std::to_string(unit_count) + " units so far");
      }
      issuer_code = "VN";
      plan = demo::national_plan(year);
      break;
  }
  say("Org units: " + std::to_string(unit_count));

  // 2. The campaign, through the use case so it is checked like any other.
  User system;
  system.username = "system";
  system.display_name = "LLW";
  system.role = Role::admin;
  Campaign campaign = app.campaigns().create_campaign(
      system, demo::demo_campaign(year, issuer_code, std::move(plan), app.now()));
  campaign.form = form;
  OrgUnit issuer = *store.units().find_unit(issuer_code);
  say("Campaign " + std::to_string(campaign.id) + ": " + campaign.name + " (issued by " +
      issuer.name + ")");
  // Every level's plan, top down: the issuer's own (the campaign's text, frozen), nationally one
  // per province, and above the commune the commune's own 83/KH-UBND under them, as the seed plan
  // was: the chain from the first link.
  demo::issue_level_plan_from_start(app, system, campaign, issuer_code, "");
  if (scale == DemoScale::national) {
    int number = 100;
    for (const Province& p : provinces) {
      demo::issue_level_plan_from_start(app, system, campaign, p.code,
                                        std::to_string(number++) + "/KH-UBND");
    }
    say("Plans of " + std::to_string(provinces.size()) + " provinces issued.");
  }
  if (scale != DemoScale::commune) {
    demo::issue_seed_commune_plan(app, system, campaign);
    say("Plan 83/KH-UBND of HP-ANHUNG issued under " + campaign.plan.value("number", "") + ".");
  }

  // 3. Reports in every state, written in bulk, then the aggregates computed once.
  std::vector<OrgUnit> reporting =
      store.units().units_in_subtree(issuer.path, campaign.reporting_kinds);
  std::erase_if(reporting, [&](const OrgUnit& u) { return !campaign.must_report(u); });
  DemoStats stats;
  stats.units = unit_count;
  stats.campaign_id = campaign.id;
  stats.campaign_name = campaign.name;
  stats.issuer_code = issuer_code;
  stats.reporting_units = std::int64_t(reporting.size());

  Rng state_rng(demo_seed ^ 0x5747);
  std::vector<DemoState> states;
  if (reporting.size() <= 60) states = small_tree_states(reporting.size(), state_rng);
  write_reports(
      store, campaign, reporting, 0, stats.reports_by_state, say,
      [&](std::size_t i, Rng& rng) { return states.empty() ? random_state(rng) : states[i]; });

  // 4. Last year's campaign, every report accepted, so this year's figures have last year's to
  // be compared with right after `make demo`; nationally too, so the benchmarks measure every
  // summary with a previous year to read (it doubles the reports the national database holds).
  stats.previous_campaign_id =
      make_previous_year(app, system, store, scale, issuer_code, year - 1, say);
  // As if this year had been started from it: "next year" on it is refused, and year-over-year
  // figures find it.
  store.campaigns().link_next_year(stats.previous_campaign_id, campaign.id);
  // Xã An Hưng records the communes it was merged from, through the use case (checked, audited),
  // so its comparison with last year reads them as a merged commune's does.
  std::vector<std::string> predecessor_codes;
  for (const auto& [code, name] : merged_communes) predecessor_codes.emplace_back(code);
  app.units().set_predecessors(system, "HP-ANHUNG", predecessor_codes);
  say("HP-ANHUNG merged from " + std::to_string(predecessor_codes.size()) + " communes.");

  // 5. Accounts. Accounts sharing a password share one argon2id hash: the demo stays fast and
  // nothing real is protected by these passwords.
  std::map<std::string, std::string> hashes;
  auto add_account = [&](const std::string& username, const std::string& password, Role role,
                         const std::string& unit_code, const std::string& display) {
    if (!hashes.count(password)) hashes[password] = hash_password(password);
    User user;
    user.username = username;
    user.display_name = display;
    user.role = role;
    std::string unit_name;
    if (!unit_code.empty()) {
      OrgUnit unit = *store.units().find_unit(unit_code);
      user.unit_id = unit.id;
      user.unit_code = unit.code;
      user.unit_path = unit.path;
      unit_name = unit.name;
    }
    store.accounts().insert_user(user, hashes[password]);
    stats.accounts.push_back({username, password, role, unit_code, unit_name});
  };
  // The same password whatever the year: scripts and guides sign in with it.
  const std::string password = "hoctap2025";
  add_account("admin", "admin", Role::admin, "", "Quản trị hệ thống");
  stats.accounts.back().unit_name = "(toàn hệ thống)";
  if (scale == DemoScale::national) {
    add_account("bo.gddt", password, Role::coordinator, "VN", "Cán bộ Bộ Giáo dục và Đào tạo");
  }
  if (scale != DemoScale::commune) {
    add_account("tp.haiphong", password, Role::coordinator, "HP",
                "Cán bộ Sở Giáo dục và Đào tạo Hải Phòng");
  }
  add_account("xa.anhung", password, Role::coordinator, "HP-ANHUNG",
              "Cán bộ Phòng Văn hóa - Xã hội xã An Hưng");
  add_account("xem.anhung", password, Role::viewer, "HP-ANHUNG", "Lãnh đạo UBND xã An Hưng");
  for (const char* suffix : {"MN1", "MN2", "MN3", "TH1", "TH2", "TH3", "THCS1", "THCS2"}) {
    const std::string code = std::string("HP-ANHUNG-") + suffix;
    add_account(lower(suffix) + ".anhung", password, Role::reporter, code,
                "Báo cáo viên " + store.units().find_unit(code)->name);
  }
  add_account("thon01.anhung", password, Role::reporter, "HP-ANHUNG-THON01",
              "Trưởng " + store.units().find_unit("HP-ANHUNG-THON01")->name);
  return stats;
}

}  // namespace llw
