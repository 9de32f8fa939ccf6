// The coordinator's dashboard use case on a real database: counts per kind and state from the
// node's aggregate, one page of reports in tree order, state filters, a search without
// diacritics, access, and the recount an upgrade leaves pending.

#include <gtest/gtest.h>

#include "app/reports.h"
#include "app/summaries.h"
#include "app_fixture.h"
#include "domain/text.h"

namespace llw::testing {
namespace {

class DashboardTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    campaign_ = make_campaign();
    // HP-X-A submitted, HP-X-B a draft, HP-X-V and HP-Y-C not started.
    save_and_submit(campaign_.id, "HP-X-A", {{"media_articles", 2}});
    const UnitReport b = app_->reports().get_report(system_admin(), campaign_.id, "HP-X-B");
    app_->reports().save_draft(system_admin(), campaign_.id, "HP-X-B", b.version,
                               {{"media_articles", 1}});
  }

  Dashboard dashboard(const std::string& node, DashboardQuery query = {}) {
    return app_->summaries().dashboard(system_admin(), campaign_.id, node, query);
  }

  static std::vector<std::string> codes(const Dashboard& d) {
    std::vector<std::string> result;
    for (const ReportListRow& row : d.page().rows) result.push_back(row.code);
    return result;
  }

  Campaign campaign_;
};

TEST_F(DashboardTest, CountsComeFromTheAggregatePerKindAndState) {
  const Dashboard d = dashboard("HP");
  EXPECT_EQ(d.counts().all.expected, 4);
  EXPECT_EQ(d.counts().all.submitted, 1);
  EXPECT_EQ(d.counts().all.missing, 3);
  ASSERT_EQ(d.counts().by_kind.count(UnitKind::school), 1u);
  EXPECT_EQ(d.counts().by_kind.at(UnitKind::school).expected, 3);
  EXPECT_EQ(d.counts().by_kind.at(UnitKind::school).submitted, 1);
  EXPECT_EQ(d.counts().by_kind.at(UnitKind::village).expected, 1);
  EXPECT_EQ(d.counts().by_kind.at(UnitKind::village).missing, 1);
  EXPECT_EQ(d.counts().by_kind.count(UnitKind::commune), 0u);
  EXPECT_EQ(d.counts().by_status.at(ReportStatus::submitted), 1);
  EXPECT_EQ(d.counts().by_status.at(ReportStatus::draft), 1);
  EXPECT_EQ(d.counts().by_status.at(ReportStatus::not_started), 2);
  // The same as the summary's figures, and as a recount from the reports.
  EXPECT_EQ(d.summary().expected, 4);
  EXPECT_EQ(d.summary().submitted, 1);
  expect_summaries_match_a_full_rebuild(campaign_.id);
  const Dashboard again = dashboard("HP");
  EXPECT_EQ(again.counts().by_kind.at(UnitKind::school).submitted, 1);
  EXPECT_EQ(again.counts().by_status.at(ReportStatus::not_started), 2);

  // A commune counts its own subtree only.
  const Dashboard y = dashboard("HP-Y");
  EXPECT_EQ(y.counts().all.expected, 1);
  EXPECT_EQ(y.counts().by_kind.at(UnitKind::school).missing, 1);
}

TEST_F(DashboardTest, ListsReportsInTreeOrderOnePageAtATime) {
  const Dashboard all = dashboard("HP");
  EXPECT_EQ(codes(all), (std::vector<std::string>{"HP-X-A", "HP-X-B", "HP-X-V", "HP-Y-C"}));
  EXPECT_EQ(all.page().rows.front().parent_name, "Xã An Hưng");
  EXPECT_EQ(all.page().rows.front().status, ReportStatus::submitted);
  EXPECT_TRUE(all.page().rows.front().counted);
  EXPECT_EQ(all.matching, 4);

  DashboardQuery paged;
  paged.page_size = 3;
  const Dashboard first = dashboard("HP", paged);
  EXPECT_EQ(codes(first), (std::vector<std::string>{"HP-X-A", "HP-X-B", "HP-X-V"}));
  EXPECT_EQ(first.page_count, 2);
  paged.page = 2;
  EXPECT_EQ(codes(dashboard("HP", paged)), (std::vector<std::string>{"HP-Y-C"}));
  paged.page = 99;  // past the end: the last page
  const Dashboard past = dashboard("HP", paged);
  EXPECT_EQ(past.page_number, 2);
  EXPECT_EQ(codes(past), (std::vector<std::string>{"HP-Y-C"}));
}

TEST_F(DashboardTest, FiltersSelectByStateWithTheirCounts) {
  const auto listed = [&](ReportFilter filter) {
    DashboardQuery query;
    query.filter = filter;
    const Dashboard d = dashboard("HP", query);
    EXPECT_EQ(d.matching, static_cast<std::int64_t>(d.page().rows.size())) << to_string(filter);
    return codes(d);
  };
  using Codes = std::vector<std::string>;
  EXPECT_EQ(listed(ReportFilter::missing), (Codes{"HP-X-B", "HP-X-V", "HP-Y-C"}));
  EXPECT_EQ(listed(ReportFilter::counted), (Codes{"HP-X-A"}));
  EXPECT_EQ(listed(ReportFilter::awaiting), (Codes{"HP-X-A"}));
  EXPECT_EQ(listed(ReportFilter::draft), (Codes{"HP-X-B"}));
  EXPECT_EQ(listed(ReportFilter::late), Codes{});
  EXPECT_EQ(listed(ReportFilter::returned), Codes{});
  EXPECT_EQ(report_filter_from_string("submitted"), ReportFilter::counted);
  EXPECT_EQ(report_filter_from_string("khong-co"), std::nullopt);
}

TEST_F(DashboardTest, SearchesNamesAndCodesWithoutDiacritics) {
  const auto found = [&](const std::string& typed, ReportFilter filter = ReportFilter::all) {
    DashboardQuery query;
    query.search = typed;
    query.filter = filter;
    const Dashboard d = dashboard("HP", query);
    EXPECT_EQ(d.matching, static_cast<std::int64_t>(d.page().rows.size())) << typed;
    return codes(d);
  };
  using Codes = std::vector<std::string>;
  EXPECT_EQ(found("an hung"), (Codes{"HP-X-A", "HP-X-B"}));
  EXPECT_EQ(found("AN HƯNG"), (Codes{"HP-X-A", "HP-X-B"}));
  EXPECT_EQ(found("an hung", ReportFilter::missing), (Codes{"HP-X-B"}));
  EXPECT_EQ(found("dong"), (Codes{"HP-X-V"}));  // Thôn Đông
  EXPECT_EQ(found("hp-y"), (Codes{"HP-Y-C"}));  // by code
  // LIKE's wildcards and its escape are plain characters to a user.
  EXPECT_EQ(found("%"), Codes{});
  EXPECT_EQ(found("_"), Codes{});
  EXPECT_EQ(found("\\"), Codes{});
  EXPECT_EQ(found("'; DROP TABLE units; --"), Codes{});
  EXPECT_EQ(found(std::string(5000, 'a')), Codes{});  // cut to 200 characters, nothing found
  EXPECT_EQ(found("xa an hung"), Codes{});            // the parent's name is not the unit's
  // A renamed unit is found by its new name.
  OrgUnit v = unit("HP-X-V");
  UnitInput renamed = input("HP-X-V", "Thôn Bắc Sơn", UnitKind::village, "HP-X", v.population);
  store_->units().upsert_units({renamed});
  EXPECT_EQ(found("bac son"), (Codes{"HP-X-V"}));
  EXPECT_EQ(found("dong"), Codes{});
}

TEST_F(DashboardTest, OnlyWhoMayReadTheNodeSeesIt) {
  const User outside = make_user("coord.y", Role::coordinator, "HP-Y");
  EXPECT_THROW(app_->summaries().dashboard(outside, campaign_.id, "HP", {}), Error);
  EXPECT_THROW(app_->summaries().dashboard(outside, campaign_.id, "HP-X", {}), Error);
  EXPECT_EQ(app_->summaries().dashboard(outside, campaign_.id, "HP-Y", {}).counts().all.expected,
            1);
  const User reporter = make_user("reporter.a", Role::reporter, "HP-X-A");
  EXPECT_THROW(app_->summaries().dashboard(reporter, campaign_.id, "HP-X", {}), Error);
}

TEST_F(DashboardTest, AnUpgradeLeftPendingIsRecountedWhenTheApplicationStarts) {
  // As after migration 027: aggregates written by an older version, the campaign listed.
  auto raw = database_->raw();
  raw->rows("UPDATE aggregates SET slots_json = '{\"expected\":4}' WHERE campaign_id = " +
            std::to_string(campaign_.id));
  raw->rows("INSERT INTO pending_recounts (campaign_id) VALUES (" + std::to_string(campaign_.id) +
            ")");
  ApplicationConfig config;
  config.forms_dir = std::filesystem::path(LLW_SOURCE_DIR) / "forms";
  Application restarted(store_, config, [this] { return now_; });
  EXPECT_EQ(raw->integer("SELECT COUNT(*) FROM pending_recounts"), 0);
  const Dashboard d = restarted.summaries().dashboard(system_admin(), campaign_.id, "HP", {});
  EXPECT_EQ(d.counts().by_kind.at(UnitKind::school).expected, 3);
  EXPECT_EQ(d.summary().submitted, 1);
}

TEST(SearchKeyTest, FoldsVietnameseToWhatAKeyboardTypes) {
  EXPECT_EQ(search_key("Đoàn Thị Ánh"), "doan thi anh");
  EXPECT_EQ(search_key("TRƯỜNG THCS NGUYỄN ĐỨC CẢNH"), "truong thcs nguyen duc canh");
  EXPECT_EQ(search_key("Ấp Phước Hưng 2"), "ap phuoc hung 2");
  // Decomposed input (a combining grave on a): the mark is dropped too.
  EXPECT_EQ(search_key("a\xcc\x80n"), "an");
  // Other scripts stay; invalid bytes become U+FFFD instead of breaking the key.
  EXPECT_EQ(search_key("Москва"), "Москва");
  EXPECT_EQ(search_key("a\xff"), "a\xef\xbf\xbd");
  EXPECT_EQ(search_key(""), "");
}

}  // namespace
}  // namespace llw::testing
