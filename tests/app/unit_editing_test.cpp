// Editing and moving units through the Application: every summary stays exactly what a full
// recomputation from the reports gives, paths are rewritten for the whole subtree, and refused
// edits change nothing.
#include "app/api_json.h"
#include "app/summaries.h"
#include "app/units.h"
#include "app_fixture.h"

namespace llw::testing {
namespace {

using nlohmann::json;

class UnitEditingTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    make_small_tree();
    campaign_ = make_campaign("HP");
  }

  // A: students 200, staff 20, parents 190; it reports students and staff, so its counted
  // population is 220 (a group left empty adds neither participants nor population).
  static json values_a() {
    return {{"media_articles", 2},          {"reading_day_held", true},
            {"reading_day_sessions", 2},    {"reading_day_participants", 150},
            {"participants_students", 100}, {"participants_staff", 10},
            {"commend_individuals", 4},     {"advantages", "Thuận lợi của trường A"}};
  }
  // C: students 100, staff 10, parents 100; it reports students only (counted population 100).
  static json values_c() {
    return {{"media_articles", 7},
            {"participants_students", 50},
            {"advantages", "Thuận lợi của trường C"}};
  }

  void save_and_submit(const std::string& code, const json& values) {
    AppTest::save_and_submit(campaign_.id, code, values);
  }

  // The summary exactly as the API serves it (through the revision-keyed cache).
  json summary(const std::string& code) {
    return json::parse(*app_->summaries().summary_json(system_admin(), campaign_.id, code));
  }

  // Every node's summary must equal what recomputing all aggregates from the reports gives.
  void expect_summaries_match_a_full_rebuild() {
    AppTest::expect_summaries_match_a_full_rebuild(campaign_.id);
  }

  static std::int64_t population(const json& summary) {
    return summary["participation"]["population"].get<std::int64_t>();
  }
  static std::int64_t participants(const json& summary) {
    return summary["participation"]["participants"].get<std::int64_t>();
  }

  UnitChanges population_of(Population population) {
    UnitChanges changes;
    changes.population = std::move(population);
    return changes;
  }

  UnitChanges move_to(const std::string& parent) {
    UnitChanges changes;
    changes.parent_code = parent;
    return changes;
  }

  Campaign campaign_;
};

TEST_F(UnitEditingTest,
       PopulationChangeOfASubmittedSchoolChangesEveryAncestorByExactlyTheDifference) {
  save_and_submit("HP-X-A", values_a());
  const json commune_before = summary("HP-X");
  const json city_before = summary("HP");
  EXPECT_EQ(population(commune_before), 220);

  app_->units().update_unit(system_admin(), "HP-X-A",
                            population_of({{"students", 300}, {"staff", 20}, {"parents", 190}}));

  EXPECT_EQ(unit("HP-X-A").population.at("students"), 300);
  const json commune = summary("HP-X");
  EXPECT_EQ(population(commune), 320);
  EXPECT_EQ(participants(commune), participants(commune_before));
  EXPECT_NEAR(commune["participation"]["rate"].get<double>(), 110.0 / 320.0, 1e-4);
  EXPECT_EQ(population(summary("HP")), population(city_before) + 100);
  expect_summaries_match_a_full_rebuild();
}

TEST_F(UnitEditingTest, PopulationChangeOfAUnitThatHasNotSubmittedLeavesTheFiguresAlone) {
  save_and_submit("HP-X-A", values_a());
  const json before = summary("HP-X");
  // The village has only a not-started report: its population is not counted anywhere yet.
  app_->units().update_unit(system_admin(), "HP-X-V", population_of({{"residents", 5000}}));
  EXPECT_EQ(summary("HP-X"), before);
  expect_summaries_match_a_full_rebuild();
}

TEST_F(UnitEditingTest, MovingASubmittedSchoolMovesExactlyItsFiguresBetweenCommunes) {
  save_and_submit("HP-X-A", values_a());
  save_and_submit("HP-Y-C", values_c());
  const json x_before = summary("HP-X");
  const json y_before = summary("HP-Y");
  const json city_before = summary("HP");

  const OrgUnit moved = app_->units().update_unit(system_admin(), "HP-X-A", move_to("HP-Y"));

  EXPECT_EQ(moved.parent_code, "HP-Y");
  EXPECT_EQ(moved.path, unit("HP-Y").path + std::to_string(moved.id) + "/");
  const json x = summary("HP-X");
  const json y = summary("HP-Y");
  // The old commune drops by exactly the school's figures …
  EXPECT_EQ(x["expected"], x_before["expected"].get<int>() - 1);
  EXPECT_EQ(x["submitted"], x_before["submitted"].get<int>() - 1);
  EXPECT_EQ(x["totals"]["media_articles"], x_before["totals"]["media_articles"].get<int>() - 2);
  EXPECT_EQ(participants(x), participants(x_before) - 110);
  EXPECT_EQ(population(x), population(x_before) - 220);
  EXPECT_EQ(x["narratives"]["advantages"].size(), 0u);
  // … the new one rises by them, with the participation rate weighted by population …
  EXPECT_EQ(y["expected"], y_before["expected"].get<int>() + 1);
  EXPECT_EQ(y["submitted"], 2);
  EXPECT_EQ(y["totals"]["media_articles"], 9);
  EXPECT_EQ(participants(y), 160);
  EXPECT_EQ(population(y), 320);
  EXPECT_NEAR(y["participation"]["rate"].get<double>(), 160.0 / 320.0, 1e-4);
  EXPECT_EQ(y["activities"]["reading_day"]["participants"], 150);
  EXPECT_EQ(y["narratives"]["advantages"].size(), 2u);
  // … and the city above both does not change at all.
  EXPECT_EQ(summary("HP"), city_before);
  // The school's report now belongs to the new commune's subtree.
  std::vector<std::string> in_y;
  store_->reports().for_each_report_in_subtree(
      campaign_.id, unit("HP-Y").path,
      [&](const OrgUnit& u, UnitReport&) { in_y.push_back(u.code); });
  EXPECT_EQ(in_y.size(), 2u);
  EXPECT_NE(std::find(in_y.begin(), in_y.end(), "HP-X-A"), in_y.end());
  expect_summaries_match_a_full_rebuild();
}

TEST_F(UnitEditingTest, ACachedSummaryIsNotServedToACoordinatorAfterItsUnitMovedAway) {
  const User coordinator_x = make_user("dp.x", Role::coordinator, "HP-X");
  save_and_submit("HP-X-A", values_a());
  // Cached under the campaign's revision, with the node the access check needs.
  EXPECT_NO_THROW(app_->summaries().summary_json(coordinator_x, campaign_.id, "HP-X-A"));
  EXPECT_NO_THROW(app_->summaries().summary_json(coordinator_x, campaign_.id, "HP-X-A"));

  app_->units().update_unit(system_admin(), "HP-X-A", move_to("HP-Y"));

  EXPECT_THROW(app_->summaries().summary_json(coordinator_x, campaign_.id, "HP-X-A"), Error);
  const User coordinator_y = make_user("dp.y", Role::coordinator, "HP-Y");
  EXPECT_EQ(json::parse(*app_->summaries().summary_json(coordinator_y, campaign_.id,
                                                        "HP-X-A"))["submitted"],
            1);
}

TEST_F(UnitEditingTest, MovingAGroupRewritesThePathOfItsWholeSubtree) {
  app_->units().create_unit(
      system_admin(), input("HP-X-D", "Phòng Văn hóa - Xã hội", UnitKind::department, "HP-X"));
  app_->units().create_unit(system_admin(),
                            input("HP-X-D-S", "Trường Tiểu học Số 2", UnitKind::school, "HP-X-D",
                                  {{"students", 300}}, SchoolLevel::primary));
  save_and_submit("HP-X-D-S", {{"media_articles", 3}, {"participants_students", 90}});
  const json city_before = summary("HP");

  app_->units().update_unit(system_admin(), "HP-X-D", move_to("HP-Y"));

  const OrgUnit group = unit("HP-X-D");
  const OrgUnit school = unit("HP-X-D-S");
  EXPECT_EQ(group.path, unit("HP-Y").path + std::to_string(group.id) + "/");
  EXPECT_EQ(school.path, group.path + std::to_string(school.id) + "/");
  EXPECT_TRUE(school.is_in_subtree_of(unit("HP-Y")));
  EXPECT_EQ(store_->units().ancestor_ids(school.id),
            (std::vector<std::int64_t>{school.id, group.id, unit("HP-Y").id, unit("HP").id}));
  EXPECT_EQ(summary("HP-Y")["totals"]["media_articles"], 3);
  EXPECT_EQ(summary("HP-X")["totals"]["media_articles"], 0);
  EXPECT_EQ(population(summary("HP-X-D")), 300);
  // The city's figures stay; only its list of missing units follows the new path order.
  json city = summary("HP");
  EXPECT_EQ(city["missing"], json({"HP-X-A", "HP-X-B", "HP-X-V", "HP-Y-C", "HP-X-D"}));
  city.erase("missing");
  json expected_city = city_before;
  expected_city.erase("missing");
  EXPECT_EQ(city, expected_city);
  // The missing lists find the moved units by their new paths (the department reports too).
  save_and_submit("HP-Y-C", values_c());
  EXPECT_EQ(summary("HP-Y")["missing"], json({"HP-X-D"}));
  EXPECT_EQ(summary("HP-X")["missing"], json({"HP-X-A", "HP-X-B", "HP-X-V"}));
  expect_summaries_match_a_full_rebuild();
}

TEST_F(UnitEditingTest, AUnitCannotMoveIntoItselfOrItsOwnSubtree) {
  app_->units().create_unit(
      system_admin(), input("HP-X-D", "Phòng Văn hóa - Xã hội", UnitKind::department, "HP-X"));
  app_->units().create_unit(system_admin(),
                            input("HP-X-D-E", "Tổ Giáo dục", UnitKind::department, "HP-X-D"));
  const std::string path_before = unit("HP-X-D").path;
  for (const std::string& target : {std::string("HP-X-D-E"), std::string("HP-X-D")}) {
    try {
      app_->units().update_unit(system_admin(), "HP-X-D", move_to(target));
      ADD_FAILURE() << "moved into " << target;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::validation_failed) << target;
      EXPECT_EQ(e.field(), "parent");
      EXPECT_NE(e.message().find("cấp dưới"), std::string::npos) << e.message();
    }
  }
  EXPECT_EQ(unit("HP-X-D").path, path_before);
}

TEST_F(UnitEditingTest, BadInputIsRefusedInVietnameseAndChangesNothing) {
  save_and_submit("HP-X-A", values_a());
  const OrgUnit before = unit("HP-X-A");
  const json commune_before = summary("HP-X");

  auto refused = [&](UnitChanges changes, ErrorKind kind, const std::string& field) {
    try {
      app_->units().update_unit(system_admin(), "HP-X-A", changes);
      ADD_FAILURE() << "accepted a bad edit of " << field;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), kind) << field << ": " << e.message();
      EXPECT_TRUE(e.field() == field || e.fields().count(field)) << field << " / " << e.field();
      EXPECT_FALSE(e.message().empty());
    }
  };
  UnitChanges empty_name;
  empty_name.name = "   ";
  refused(empty_name, ErrorKind::validation_failed, "name");
  UnitChanges long_name;
  long_name.name = std::string(10000, 'a');
  refused(long_name, ErrorKind::validation_failed, "name");
  UnitChanges broken_name;
  broken_name.name = "Tr\xC6\xB0\xFF\xFEng";
  refused(broken_name, ErrorKind::validation_failed, "name");
  refused(population_of({{"students", -5}}), ErrorKind::validation_failed, "population.students");
  UnitChanges broken_signer;
  broken_signer.signer = UnitSigner{"", "", "", std::string("Ng\xC3", 3)};
  refused(broken_signer, ErrorKind::validation_failed, "signer.name");
  UnitChanges long_signer;
  long_signer.signer = UnitSigner{std::string(300, 'X'), "", "", ""};
  refused(long_signer, ErrorKind::validation_failed, "signer.authority");
  refused(move_to("HP-KHONG-CO"), ErrorKind::not_found, "parent");
  UnitChanges commune_kind;  // a commune cannot sit under a commune
  commune_kind.kind = UnitKind::commune;
  refused(commune_kind, ErrorKind::validation_failed, "kind");
  UnitChanges school_under_school;
  school_under_school.parent_code = "HP-X-B";
  refused(school_under_school, ErrorKind::validation_failed, "kind");

  const OrgUnit after = unit("HP-X-A");
  EXPECT_EQ(after.name, before.name);
  EXPECT_EQ(after.path, before.path);
  EXPECT_EQ(after.population, before.population);
  EXPECT_EQ(after.signer, before.signer);
  EXPECT_EQ(summary("HP-X"), commune_before);
}

TEST_F(UnitEditingTest, TheSignerAndTheOtherFieldsAreStoredAndShownInTheUnitJson) {
  UnitChanges changes;
  changes.name = "Trường Tiểu học An Hưng mới";
  changes.email = "thah@anhung.edu.vn";
  changes.signer = UnitSigner{"", "KT. HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "Nguyễn Thị Hồng Vân"};
  app_->units().update_unit(system_admin(), "HP-X-A", changes);
  const OrgUnit stored = unit("HP-X-A");
  EXPECT_EQ(stored.name, "Trường Tiểu học An Hưng mới");
  EXPECT_EQ(stored.email, "thah@anhung.edu.vn");
  EXPECT_EQ(stored.signer.name, "Nguyễn Thị Hồng Vân");
  EXPECT_EQ(stored.code, "HP-X-A");
  const json shown = to_json(stored, {});
  EXPECT_EQ(shown["signer"]["position"], "PHÓ HIỆU TRƯỞNG");
  EXPECT_EQ(shown["signer"]["authority"], "");
  // An import of the same unit keeps the signer (the file has no signer columns).
  store_->units().upsert_units({input("HP-X-A", "Trường Tiểu học An Hưng", UnitKind::school, "HP-X",
                                      {{"students", 200}}, SchoolLevel::primary)});
  EXPECT_EQ(unit("HP-X-A").signer.name, "Nguyễn Thị Hồng Vân");
}

TEST_F(UnitEditingTest, ARenameShowsInTheNarrativesOfEverySummaryAbove) {
  save_and_submit("HP-X-A", values_a());
  UnitChanges rename;
  rename.name = "Trường Tiểu học Thị trấn";
  app_->units().update_unit(system_admin(), "HP-X-A", rename);
  const json narratives = summary("HP")["narratives"]["advantages"];
  ASSERT_EQ(narratives.size(), 1u);
  EXPECT_EQ(narratives[0].dump().find("Trường Tiểu học An Hưng"), std::string::npos)
      << narratives.dump();
  EXPECT_NE(narratives[0].dump().find("Trường Tiểu học Thị trấn"), std::string::npos)
      << narratives.dump();
}

TEST_F(UnitEditingTest, ACoordinatorEditsAndMovesOnlyInsideItsSubtree) {
  const User coordinator = make_user("xa.anhung", Role::coordinator, "HP-X");
  app_->units().create_unit(
      system_admin(), input("HP-X-D", "Phòng Văn hóa - Xã hội", UnitKind::department, "HP-X"));
  // Inside: edit a school, move it under the commune's own department, edit its own unit.
  EXPECT_NO_THROW(
      app_->units().update_unit(coordinator, "HP-X-A", population_of({{"students", 250}})));
  EXPECT_NO_THROW(app_->units().update_unit(coordinator, "HP-X-A", move_to("HP-X-D")));
  UnitChanges signer;
  signer.signer = UnitSigner{"TM. ỦY BAN NHÂN DÂN", "", "CHỦ TỊCH", "Lê Văn An"};
  EXPECT_NO_THROW(app_->units().update_unit(coordinator, "HP-X", signer));
  // Outside: another commune's school, moving a school out, moving its own unit away.
  EXPECT_EQ(error_kind_of([&] {
              app_->units().update_unit(coordinator, "HP-Y-C", population_of({{"students", 1}}));
            }),
            ErrorKind::forbidden);
  EXPECT_EQ(
      error_kind_of([&] { app_->units().update_unit(coordinator, "HP-X-B", move_to("HP-Y")); }),
      ErrorKind::forbidden);
  EXPECT_EQ(
      error_kind_of([&] { app_->units().update_unit(coordinator, "HP-Y-C", move_to("HP-X")); }),
      ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->units().update_unit(coordinator, "HP-X", move_to("HP-Y")); }),
            ErrorKind::forbidden);
  EXPECT_EQ(unit("HP-X-B").parent_code, "HP-X");
  EXPECT_EQ(unit("HP-Y-C").population.at("students"), 100);
  EXPECT_EQ(unit("HP-X-D").parent_code, "HP-X");
}

TEST_F(UnitEditingTest, AUnitsPlaceShowsTheAncestorsTheActorManagesAndWhetherItMayMoveIt) {
  const auto codes = [](const UnitPlace& place) {
    std::vector<std::string> out;
    for (const OrgUnit& unit : place.managed_ancestors) out.push_back(unit.code);
    return out;
  };
  const UnitPlace for_admin = app_->units().unit_place(system_admin(), "HP-X-A");
  EXPECT_EQ(codes(for_admin), (std::vector<std::string>{"HP", "HP-X"}));
  EXPECT_TRUE(for_admin.may_move);
  EXPECT_TRUE(app_->units().unit_place(system_admin(), "HP").may_move);  // a root: admins only

  const User coordinator = make_user("xa.anhung", Role::coordinator, "HP-X");
  const UnitPlace school = app_->units().unit_place(coordinator, "HP-X-A");
  EXPECT_EQ(codes(school), (std::vector<std::string>{"HP-X"}));
  EXPECT_TRUE(school.may_move);
  // Its own unit: nothing above it to manage, and moving it away is refused (update_unit agrees).
  const UnitPlace own = app_->units().unit_place(coordinator, "HP-X");
  EXPECT_TRUE(own.managed_ancestors.empty());
  EXPECT_FALSE(own.may_move);
  EXPECT_EQ(error_kind_of([&] { app_->units().unit_place(coordinator, "HP-Y-C"); }),
            ErrorKind::forbidden);
  EXPECT_EQ(error_kind_of([&] { app_->units().unit_place(coordinator, "HP-NOPE"); }),
            ErrorKind::not_found);
}

TEST_F(UnitEditingTest, AMoveOutOfACampaignsIssuerIsRefusedAndChangesNothing) {
  const Campaign commune_campaign = make_campaign("HP-X");
  const std::string path_before = unit("HP-X-A").path;
  try {
    app_->units().update_unit(system_admin(), "HP-X-A", move_to("HP-Y"));
    ADD_FAILURE() << "moved a unit out of a campaign's issuer";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_NE(e.message().find("phạm vi của đợt"), std::string::npos) << e.message();
  }
  EXPECT_EQ(unit("HP-X-A").path, path_before);
  EXPECT_TRUE(store_->reports().find_report(commune_campaign.id, unit("HP-X-A").id));
}

TEST_F(UnitEditingTest, EveryEditIsInTheAuditLogWithItsOutcome) {
  app_->units().update_unit(system_admin(), "HP-X-A", population_of({{"students", 250}}));
  app_->units().update_unit(system_admin(), "HP-X-A", move_to("HP-Y"));
  EXPECT_ANY_THROW(app_->units().update_unit(system_admin(), "HP-X-B", move_to("HP-X-B")));
  AuditQuery query;
  query.limit = 10;
  const std::vector<AuditEntry> entries = store_->audit().query_audit(query);
  std::vector<std::pair<std::string, std::string>> seen;
  for (const AuditEntry& entry : entries) {
    if (entry.action.rfind("unit.", 0) == 0 && entry.action != "unit.create") {
      seen.emplace_back(entry.action, entry.outcome);
    }
  }
  EXPECT_EQ(seen,
            (std::vector<std::pair<std::string, std::string>>{
                {"unit.move", "validation_failed"}, {"unit.move", "ok"}, {"unit.update", "ok"}}));
}

}  // namespace
}  // namespace llw::testing
