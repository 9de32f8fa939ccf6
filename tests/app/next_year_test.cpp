// Next year from this year (issue 18, item 1): a campaign started from last year's keeps its
// settings, kinds and stored form, moves every date one year, leaves the theme empty, copies
// every level's plan as a draft (nothing issued, no report), flags the texts that still name the
// old year, refuses a second start (409) and is for the issuer's coordinators and admins only.
#include "domain/next_year.h"

#include "app/level_plans.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

using namespace std::chrono;
using nlohmann::json;

class NextYearTest : public WorkflowCastTest {
 protected:
  void SetUp() override {
    WorkflowCastTest::SetUp();
    app_->campaigns().update_campaign_plan(
        system_admin(), campaign_.id,
        {{"number", "215/KH-UBND"},
         {"issued_on", "2025-09-29"},
         {"theme", "Học tập suốt đời trong kỷ nguyên số"},
         {"purposes", {"Nâng cao nhận thức về học tập suốt đời."}},
         {"recipients", {"UBND các xã", "Lưu: VT"}},
         {"signer", {{"position", "CHỦ TỊCH"}, {"name", "Nguyễn Văn A"}}}});
    campaign_ = app_->campaigns().get_campaign(system_admin(), campaign_.id);
    // The city's plan issued, with a text naming its year; the commune's left a draft.
    LevelPlanDraft city;
    city.number = "216/KH-UBND";
    city.issued_on = 2025y / September / 30;
    city.deadline = 2025y / October / 12;
    city.lock_date = 2025y / October / 31;
    city.content = {{"assignments",
                     json::array({{{"title", "Các trường học"},
                                   {"tasks", {"Tổng kết Tuần lễ năm 2025 trước ngày 12/10."}}}})},
                    {"signer", {{"position", "PHÓ CHỦ TỊCH"}, {"name", "Trần Thị B"}}}};
    const LevelPlan saved =
        app_->plans().save_level_plan(system_admin(), campaign_.id, "HP", 0, city);
    app_->plans().issue_level_plan(system_admin(), campaign_.id, "HP", saved.version);
    LevelPlanDraft commune;
    commune.deadline = 2025y / October / 10;
    commune.lock_date = 2025y / October / 20;
    commune.content = {{"closing", "Đề nghị các đơn vị thực hiện nghiêm túc."},
                       {"recipients", {"Các trường học", "Lưu: VT"}}};
    app_->plans().save_level_plan(system_admin(), campaign_.id, "HP-X", 0, commune);
    save_and_submit(campaign_.id, "HP-X-A",
                    {{"participants_students", 100}, {"participants_staff", 10}});
  }
};

TEST_F(NextYearTest, CopiesSettingsAndPlansAsDraftsWithDatesOneYearLater) {
  const Campaign next = app_->campaigns().start_next_year(city_, campaign_.id);
  EXPECT_NE(next.id, campaign_.id);
  EXPECT_EQ(next.year, 2026);
  EXPECT_EQ(next.name, "Tuần lễ hưởng ứng học tập suốt đời năm 2026");
  EXPECT_EQ(next.issuer_code, "HP");
  EXPECT_EQ(next.period_start, 2026y / October / 1);
  EXPECT_EQ(next.period_end, 2026y / October / 7);
  EXPECT_EQ(next.deadline, 2026y / October / 12);
  EXPECT_EQ(next.lock_date, 2026y / October / 31);
  EXPECT_EQ(next.reporting_kinds, campaign_.reporting_kinds);
  EXPECT_EQ(next.form_id, campaign_.form_id);
  ASSERT_TRUE(next.form);
  EXPECT_EQ(next.form->to_json(), campaign_.form->to_json());
  // The theme waits for the top level; the number too; the texts are last year's.
  EXPECT_EQ(next.theme(), "");
  EXPECT_FALSE(next.plan.contains("number"));
  EXPECT_EQ(next.plan.at("issued_on"), "2026-09-29");
  EXPECT_EQ(next.plan.at("purposes"), campaign_.plan.at("purposes"));
  EXPECT_EQ(next.plan.at("recipients"), campaign_.plan.at("recipients"));
  EXPECT_EQ(next.plan.at("signer"), campaign_.plan.at("signer"));

  // Every reporting unit has an untouched report: nothing of last year's is copied.
  for (const char* code : {"HP-X-A", "HP-X-B", "HP-X-V", "HP-Y-C"}) {
    const auto report = store_->reports().find_report(next.id, unit(code).id);
    ASSERT_TRUE(report) << code;
    EXPECT_EQ(report->status, ReportStatus::not_started) << code;
    EXPECT_EQ(report->version, 0) << code;
    EXPECT_TRUE(report->values.empty()) << code;
  }
  EXPECT_EQ(app_->campaigns().next_year_campaign_id(city_, campaign_.id), next.id);

  // Both levels' plans are drafts of edition 1, with no number and the dates one year later.
  const auto city = store_->plans().level_plans(next.id, unit("HP").id);
  ASSERT_EQ(city.size(), 1u);
  EXPECT_EQ(city[0].status, PlanStatus::draft);
  EXPECT_EQ(city[0].edition, 1);
  EXPECT_EQ(city[0].number, "");
  EXPECT_EQ(city[0].issued_on, 2026y / September / 30);
  EXPECT_EQ(city[0].deadline, 2026y / October / 12);
  EXPECT_EQ(city[0].lock_date, 2026y / October / 31);
  EXPECT_TRUE(city[0].docx.empty());
  EXPECT_EQ(city[0].content.at("signer").at("name"), "Trần Thị B");
  const auto commune = store_->plans().level_plans(next.id, unit("HP-X").id);
  ASSERT_EQ(commune.size(), 1u);
  EXPECT_EQ(commune[0].status, PlanStatus::draft);
  EXPECT_EQ(commune[0].deadline, 2026y / October / 10);
  EXPECT_EQ(commune[0].content.at("recipients"), json({"Các trường học", "Lưu: VT"}));
  EXPECT_TRUE(store_->plans().issued_plans(next.id).empty());
  // Last year's campaign is untouched.
  EXPECT_EQ(store_->plans().issued_plans(campaign_.id).size(), 1u);
  EXPECT_EQ(store_->reports().find_report(campaign_.id, unit("HP-X-A").id)->status,
            ReportStatus::submitted);
}

TEST_F(NextYearTest, TextsNamingTheOldYearAreFlaggedInTheComposerUntilEdited) {
  const Campaign next = app_->campaigns().start_next_year(system_admin(), campaign_.id);
  const LevelPlanSheet sheet = app_->plans().level_plan(city_, next.id, "HP");
  ASSERT_EQ(sheet.warnings.count("content.assignments"), 1u);
  EXPECT_NE(sheet.warnings.at("content.assignments").find("2025"), std::string::npos);
  EXPECT_EQ(app_->plans().level_plan(commune_, next.id, "HP-X").warnings.size(), 0u);

  // Edited to the new year, the flag is gone.
  const LevelPlan draft = sheet.editions.back();
  LevelPlanDraft edited;
  edited.issued_on = draft.issued_on;
  edited.deadline = draft.deadline;
  edited.lock_date = draft.lock_date;
  edited.content = draft.content;
  edited.content["assignments"][0]["tasks"][0] = "Tổng kết Tuần lễ năm 2026 trước ngày 12/10.";
  app_->plans().save_level_plan(city_, next.id, "HP", draft.version, edited);
  EXPECT_TRUE(app_->plans().level_plan(city_, next.id, "HP").warnings.empty());
}

TEST_F(NextYearTest, StartingTheNextYearTwiceIsAConflict) {
  const Campaign next = app_->campaigns().start_next_year(city_, campaign_.id);
  const auto campaigns = store_->campaigns().list_campaigns().size();
  try {
    app_->campaigns().start_next_year(city_, campaign_.id);
    FAIL() << "started twice";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::conflict);
    EXPECT_EQ(error.field(), "next_year");
    EXPECT_NE(std::string(error.what()).find("năm 2026"), std::string::npos) << error.what();
  }
  EXPECT_EQ(store_->campaigns().list_campaigns().size(), campaigns);
  // The new year can itself be started into the one after.
  EXPECT_EQ(app_->campaigns().start_next_year(city_, next.id).year, 2027);
}

// Item 2: the next year may use another stored form version; an unknown one creates nothing.
TEST_F(NextYearTest, TheNextYearMayUseAnotherFormVersion) {
  nlohmann::json definition = campaign_.form->to_json();
  definition["id"] = "llw-2026";
  store_->forms().put_form("llw-2026", definition.dump());
  const auto campaigns = store_->campaigns().list_campaigns().size();
  for (const std::string id : {"khong-co", "../x", "LLW 2026"}) {
    EXPECT_EQ(error_kind_of([&] { app_->campaigns().start_next_year(city_, campaign_.id, id); }),
              ErrorKind::bad_input)
        << id;
  }
  EXPECT_EQ(store_->campaigns().list_campaigns().size(), campaigns);
  const Campaign next = app_->campaigns().start_next_year(city_, campaign_.id, "llw-2026");
  EXPECT_EQ(next.form_id, "llw-2026");
  EXPECT_EQ(app_->campaigns().get_campaign(city_, campaign_.id).form_id, campaign_.form_id);
}

TEST_F(NextYearTest, OnlyTheIssuersCoordinatorsAndAdminsMayStartIt) {
  const auto campaigns = store_->campaigns().list_campaigns().size();
  for (const User* actor : {&reporter_, &commune_, &viewer_, &other_commune_}) {
    EXPECT_EQ(error_kind_of([&] { app_->campaigns().start_next_year(*actor, campaign_.id); }),
              ErrorKind::forbidden)
        << actor->username;
  }
  // A commune's own campaign: its coordinator may, the other commune's may not.
  Campaign own = make_campaign("HP-X");
  EXPECT_EQ(error_kind_of([&] { app_->campaigns().start_next_year(other_commune_, own.id); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->campaigns().start_next_year(reporter_, own.id); }),
            ErrorKind::forbidden);
  EXPECT_EQ(store_->campaigns().list_campaigns().size(), campaigns + 1);
  EXPECT_EQ(app_->campaigns().start_next_year(commune_, own.id).issuer_code, "HP-X");
}

TEST(NextYearDates, TheTwentyNinthOfFebruaryBecomesTheTwentyEighth) {
  EXPECT_EQ(same_day_next_year(2028y / February / 29), 2029y / February / 28);
  EXPECT_EQ(same_day_next_year(2027y / February / 28), 2028y / February / 28);
  EXPECT_EQ(same_day_next_year(2025y / October / 12), 2026y / October / 12);
}

}  // namespace
}  // namespace llw::testing
