// Year over year on both backends: the units a unit replaced (sáp nhập từ), replaced as a whole,
// and the reverse link from a campaign to last year's, with last year's revision in the same read.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::kBothBackends;
using testing_support::StoreFixture;
using testing_support::unit_input;

class UnitLineageStoreTest : public StoreFixture {
 protected:
  void populate() override {
    store_->units().upsert_units({
        unit_input("HP", UnitKind::province, ""),
        unit_input("HP-X", UnitKind::commune, "HP"),
        unit_input("HP-Y", UnitKind::commune, "HP"),
        unit_input("HP-M", UnitKind::commune, "HP"),
    });
  }

  static std::vector<std::string> codes(const std::vector<OrgUnit>& units) {
    std::vector<std::string> out;
    for (const OrgUnit& unit : units) out.push_back(unit.code);
    return out;
  }

  std::int64_t insert_campaign(int year) {
    Campaign c = testing_support::week_campaign_2025();
    c.year = year;
    c.issuer_unit_id = id_of("HP");
    c.reporting_kinds = {UnitKind::school};
    return store_->campaigns().insert_campaign(c, {});
  }
};

TEST_P(UnitLineageStoreTest, PredecessorsAreReplacedAsAWholeAndBumpEveryCampaignsRevision) {
  const std::int64_t campaign = insert_campaign(2025);
  const auto revision = store_->campaigns().campaign_revision(campaign);
  EXPECT_TRUE(store_->unit_lineage().predecessors(id_of("HP-M")).empty());
  store_->unit_lineage().set_predecessors(id_of("HP-M"), {id_of("HP-Y"), id_of("HP-X")});
  EXPECT_EQ(codes(store_->unit_lineage().predecessors(id_of("HP-M"))),
            (std::vector<std::string>{"HP-X", "HP-Y"}));
  EXPECT_GT(store_->campaigns().campaign_revision(campaign), revision);
  store_->unit_lineage().set_predecessors(id_of("HP-M"), {id_of("HP-Y")});
  EXPECT_EQ(codes(store_->unit_lineage().predecessors(id_of("HP-M"))),
            (std::vector<std::string>{"HP-Y"}));
  store_->unit_lineage().set_predecessors(id_of("HP-M"), {});
  EXPECT_TRUE(store_->unit_lineage().predecessors(id_of("HP-M")).empty());
  // Another unit's list is its own.
  EXPECT_TRUE(store_->unit_lineage().predecessors(id_of("HP-X")).empty());
}

TEST_P(UnitLineageStoreTest, AFailedReplacementKeepsTheOldList) {
  store_->unit_lineage().set_predecessors(id_of("HP-M"), {id_of("HP-X")});
  // The unit itself: refused by the table, in the same transaction as the delete.
  EXPECT_ANY_THROW(
      store_->unit_lineage().set_predecessors(id_of("HP-M"), {id_of("HP-Y"), id_of("HP-M")}));
  EXPECT_EQ(codes(store_->unit_lineage().predecessors(id_of("HP-M"))),
            (std::vector<std::string>{"HP-X"}));
}

TEST_P(UnitLineageStoreTest, ACampaignFindsLastYearsCampaignAndItsRevision) {
  const std::int64_t last = insert_campaign(2024);
  const std::int64_t current = insert_campaign(2025);
  EXPECT_FALSE(store_->campaigns().previous_year_campaign(current).has_value());
  store_->campaigns().link_next_year(last, current);
  const auto previous = store_->campaigns().previous_year_campaign(current);
  ASSERT_TRUE(previous.has_value());
  EXPECT_EQ(previous->campaign_id, last);
  EXPECT_EQ(previous->revision, store_->campaigns().campaign_revision(last));
  EXPECT_FALSE(store_->campaigns().previous_year_campaign(last).has_value());
}

INSTANTIATE_TEST_SUITE_P(Backends, UnitLineageStoreTest, kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
