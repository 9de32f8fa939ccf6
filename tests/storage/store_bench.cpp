// Measures the Store on a national-size tree, on either backend:
//
//   llw_storage_bench PATH.sqlite | postgresql://…  [--sync FULL]
//
// 1 country, 34 provinces, 3,298 communes, 108,834 schools (112,167 units, every school reports),
// ~60 values and 4 narrative texts per report. Prints the time of each bulk step, draft and submit
// saves per second from 8 threads, and the cost of single reads. The database must be empty.
// Not a test: the figures are in src/storage/README.md.

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "domain/error.h"
#include "storage/open_store.h"

namespace {

using BenchClock = std::chrono::steady_clock;

double seconds_since(BenchClock::time_point start) {
  return std::chrono::duration<double>(BenchClock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace llw;
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PATH.sqlite|postgresql://… [--sync FULL]\n", argv[0]);
    return 2;
  }
  StoreOptions options;
  if (argc >= 4 && std::string(argv[2]) == "--sync") options.synchronous = argv[3];
  try {
    auto store = open_store(argv[1], options);

    std::vector<UnitInput> units;
    units.push_back({"VN", "Việt Nam", UnitKind::country, SchoolLevel::none, "", {}, "", {}});
    for (int p = 0; p < 34; ++p) {
      std::string pc = "P" + std::to_string(p);
      units.push_back({pc,
                       "Tỉnh " + std::to_string(p),
                       UnitKind::province,
                       SchoolLevel::none,
                       "VN",
                       {},
                       "",
                       {}});
    }
    for (int c = 0; c < 3298; ++c) {
      std::string cc = "P" + std::to_string(c % 34) + "-C" + std::to_string(c);
      units.push_back({cc,
                       "Xã " + std::to_string(c),
                       UnitKind::commune,
                       SchoolLevel::none,
                       "P" + std::to_string(c % 34),
                       {},
                       "",
                       {}});
      for (int s = 0; s < 33; ++s) {
        units.push_back({cc + "-S" + std::to_string(s),
                         "Trường " + std::to_string(s) + " xã " + std::to_string(c),
                         UnitKind::school,
                         SchoolLevel::primary,
                         cc,
                         {{"students", 300 + s}},
                         "",
                         {}});
      }
    }
    auto start = BenchClock::now();
    auto [created, updated] = store->units().upsert_units(units);
    std::printf("upsert_units: %d units in %.2f s\n", created, seconds_since(start));

    Campaign campaign;
    campaign.name = "Tuần lễ hưởng ứng học tập suốt đời năm 2025";
    campaign.year = 2025;
    auto vn = *store->units().find_unit("VN");
    campaign.issuer_unit_id = vn.id;
    campaign.period_start = parse_iso_date("2025-10-01").value();
    campaign.period_end = parse_iso_date("2025-10-07").value();
    campaign.deadline = parse_iso_date("2025-10-12").value();
    campaign.lock_date = parse_iso_date("2025-10-20").value();
    campaign.reporting_kinds = {UnitKind::school};
    campaign.form_id = "llw-2025";
    auto schools = store->units().units_in_subtree(vn.path, {UnitKind::school});
    start = BenchClock::now();
    auto campaign_id = store->campaigns().insert_campaign(campaign, schools);
    std::printf("insert_campaign: %zu report rows in %.2f s\n", schools.size(),
                seconds_since(start));

    std::vector<UnitReport> reports;
    std::vector<std::map<std::string, std::string>> texts;
    reports.reserve(schools.size());
    for (const auto& school : schools) {
      UnitReport report;
      report.campaign_id = campaign_id;
      report.unit_id = school.id;
      report.status = ReportStatus::submitted;
      report.version = 1;
      for (int v = 0; v < 60; ++v) report.values["item_" + std::to_string(v)] = v * 3 + 1;
      report.submitted_at = 1759300000;
      report.updated_at = 1759300000;
      reports.push_back(std::move(report));
      texts.push_back({{"advantages", "Thuận lợi của " + school.name},
                       {"difficulties", "Khó khăn của " + school.name},
                       {"proposals", "Đề xuất"},
                       {"highlights", "Điểm nổi bật"}});
    }
    start = BenchClock::now();
    store->reports().bulk_put_reports(reports, texts);
    std::printf("bulk_put_reports: %zu reports in %.2f s\n", reports.size(), seconds_since(start));

    start = BenchClock::now();
    store->aggregates().rebuild_aggregates(
        campaign_id, [](const OrgUnit&, const UnitReport& report) {
          Contribution slots;
          for (int s = 0; s < 87; ++s) slots["slot_" + std::to_string(s)] = s + 1;
          slots["submitted"] = report.status == ReportStatus::submitted ? 1 : 0;
          return slots;
        });
    std::printf("rebuild_aggregates (87 slots): %.2f s\n", seconds_since(start));

    // Saves from 8 threads, each on its own schools.
    auto saves = [&](bool submit, int per_thread) {
      std::atomic<int> errors{0};
      std::vector<std::thread> threads;
      auto t0 = BenchClock::now();
      for (int t = 0; t < 8; ++t) {
        threads.emplace_back([&, t] {
          for (int i = 0; i < per_thread; ++i) {
            const auto& school = schools[static_cast<std::size_t>(t * 5000 + i)];
            try {
              auto current = *store->reports().find_report(campaign_id, school.id);
              ReportWrite write;
              write.report = current;
              write.report.values["item_1"] = i;
              write.report.version = current.version + 1;
              write.expected_version = current.version;
              write.report.status = submit ? ReportStatus::submitted : ReportStatus::draft;
              write.action = submit ? "submit" : "save";
              if (submit) write.delta = {{"slot_1", 1}, {"slot_2", -1}};
              write.ancestor_ids = store->units().ancestor_ids(school.id);
              store->reports().write_report(
                  write, submit ? texts[0] : std::map<std::string, std::string>{});
            } catch (const std::exception& e) {
              if (errors++ == 0) std::fprintf(stderr, "save failed: %s\n", e.what());
            }
          }
        });
      }
      for (auto& thread : threads) thread.join();
      double elapsed = seconds_since(t0);
      std::printf("%s saves, 8 threads: %.0f/s (%d errors)\n", submit ? "submit" : "draft",
                  8 * per_thread / elapsed, errors.load());
    };
    saves(false, 500);
    saves(true, 300);

    constexpr int kReads = 20000;
    start = BenchClock::now();
    for (int i = 0; i < kReads; ++i)
      store->units().find_unit(schools[static_cast<std::size_t>(i)].code);
    std::printf("find_unit: %.1f us\n", seconds_since(start) * 1e6 / kReads);
    start = BenchClock::now();
    for (int i = 0; i < kReads; ++i) store->aggregates().aggregate(campaign_id, vn.id);
    std::printf("aggregate (national row, ~90 slots): %.1f us\n",
                seconds_since(start) * 1e6 / kReads);
    start = BenchClock::now();
    for (int i = 0; i < 2000; ++i) store->aggregates().missing_units(campaign_id, vn.path, 20);
    std::printf("missing_units (national, limit 20): %.1f us\n", seconds_since(start) * 1e6 / 2000);
  } catch (const Error& e) {
    std::fprintf(stderr, "%s\n", e.message().c_str());
    return 1;
  }
  return 0;
}
