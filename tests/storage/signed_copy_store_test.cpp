// The signed copy port on both backends: a copy and its PDF (every byte value, NULs included)
// read back exactly, the latest copy of a report the one that counts, a copy of another report
// not readable through this one, a node's consolidated report's copies kept apart from its own
// report's, and the campaign's requirement off until set.
#include <gtest/gtest.h>

#include <string>

#include "store_fixture.h"

namespace llw {
namespace {

using testing_support::kBothBackends;
using testing_support::StoreFixture;
using testing_support::unit_input;

class SignedCopyStoreTest : public StoreFixture {
 protected:
  void populate() override {
    store_->units().upsert_units({
        unit_input("HP", UnitKind::province, ""),
        unit_input("HP-AH", UnitKind::commune, "HP"),
        unit_input("HP-AH-A", UnitKind::school, "HP-AH"),
        unit_input("HP-AH-B", UnitKind::school, "HP-AH"),
    });
    Campaign c = testing_support::week_campaign_2025();
    c.issuer_unit_id = id_of("HP");
    c.reporting_kinds = {UnitKind::school};
    campaign_ = store_->campaigns().insert_campaign(
        c,
        store_->units().units_in_subtree(store_->units().find_unit("HP")->path, c.reporting_kinds));
  }

  SignedCopy copy(const std::string& unit, const std::string& status, std::int64_t version) {
    SignedCopy c;
    c.campaign_id = campaign_;
    c.unit_id = id_of(unit);
    c.report_version = version;
    c.status = status;
    c.signer = "Nguyễn Thị Hoa";
    c.signer_name = "CN=Nguyễn Thị Hoa, O=Trường A";
    c.issuer = "LLW Test CA";
    c.serial = "0A1B";
    c.valid_from = "2026-01-01 00:00:00";
    c.valid_until = "2027-01-01 00:00:00";
    c.signed_at = "2026-12-06 07:00:00";
    c.sha256 = std::string(64, 'f');
    c.uploaded_at = 1000 + version;
    return c;
  }

  std::int64_t campaign_ = 0;
};

TEST_P(SignedCopyStoreTest, ACopyAndItsPdfAreReadBackExactly) {
  std::string pdf = "%PDF-1.7\n";
  for (int i = 0; i < 3 * 256; ++i) pdf.push_back(static_cast<char>(i % 256));
  EXPECT_FALSE(store_->signed_copies()
                   .latest(SignedCopyKind::report, campaign_, id_of("HP-AH-A"))
                   .has_value());
  const SignedCopy stored = store_->signed_copies().add(copy("HP-AH-A", "valid", 3), pdf);
  EXPECT_GT(stored.id, 0);
  const auto latest =
      store_->signed_copies().latest(SignedCopyKind::report, campaign_, id_of("HP-AH-A"));
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->id, stored.id);
  EXPECT_EQ(latest->status, "valid");
  EXPECT_EQ(latest->signer, "Nguyễn Thị Hoa");
  EXPECT_EQ(latest->signer_name, "CN=Nguyễn Thị Hoa, O=Trường A");
  EXPECT_EQ(latest->report_version, 3);
  EXPECT_EQ(latest->size, static_cast<std::int64_t>(pdf.size()));
  EXPECT_EQ(latest->signed_at, "2026-12-06 07:00:00");
  EXPECT_FALSE(latest->uploaded_by.has_value());
  EXPECT_EQ(
      store_->signed_copies().file(SignedCopyKind::report, campaign_, id_of("HP-AH-A"), stored.id),
      pdf);
  // Not through another report.
  EXPECT_FALSE(store_->signed_copies()
                   .file(SignedCopyKind::report, campaign_, id_of("HP-AH-B"), stored.id)
                   .has_value());
}

TEST_P(SignedCopyStoreTest, TheLatestUploadOfAReportCounts) {
  store_->signed_copies().add(copy("HP-AH-A", "untrusted", 3), "%PDF-1 a");
  const SignedCopy second = store_->signed_copies().add(copy("HP-AH-A", "valid", 3), "%PDF-1 b");
  store_->signed_copies().add(copy("HP-AH-B", "invalid", 2), "%PDF-1 c");
  const auto latest =
      store_->signed_copies().latest(SignedCopyKind::report, campaign_, id_of("HP-AH-A"));
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->id, second.id);
  EXPECT_EQ(latest->status, "valid");
  EXPECT_EQ(
      store_->signed_copies().latest(SignedCopyKind::report, campaign_, id_of("HP-AH-B"))->status,
      "invalid");
}

TEST_P(SignedCopyStoreTest, AConsolidatedReportsCopiesAreKeptApartFromUnitReports) {
  // The commune's consolidated report, submitted once (version 1).
  ConsolidatedReport sent;
  sent.campaign_id = campaign_;
  sent.unit_id = id_of("HP-AH");
  sent.unit_code = "HP-AH";
  sent.status = ReportStatus::submitted;
  sent.version = 1;
  sent.snapshot = ConsolidatedSnapshot{};
  sent.submitted_at = 500;
  sent.updated_at = 500;
  store_->reporting_up().write_consolidated_report(sent, 0, "submit");

  const std::int64_t revision = store_->campaigns().campaign_revision(campaign_).value();
  SignedCopy up = copy("HP-AH", "valid", 1);
  up.kind = SignedCopyKind::consolidated;
  const SignedCopy stored = store_->signed_copies().add(up, "%PDF-1 consolidated");
  // The consolidated page, cached by the revision, shows the new verdict.
  EXPECT_GT(store_->campaigns().campaign_revision(campaign_).value(), revision);

  const auto latest =
      store_->signed_copies().latest(SignedCopyKind::consolidated, campaign_, id_of("HP-AH"));
  ASSERT_TRUE(latest.has_value());
  EXPECT_EQ(latest->id, stored.id);
  EXPECT_EQ(latest->kind, SignedCopyKind::consolidated);
  EXPECT_EQ(latest->report_version, 1);
  EXPECT_EQ(store_->signed_copies().file(SignedCopyKind::consolidated, campaign_, id_of("HP-AH"),
                                         stored.id),
            "%PDF-1 consolidated");
  // Neither a unit report's copy of the same node nor readable as one.
  EXPECT_FALSE(store_->signed_copies()
                   .latest(SignedCopyKind::report, campaign_, id_of("HP-AH"))
                   .has_value());
  EXPECT_FALSE(store_->signed_copies()
                   .file(SignedCopyKind::report, campaign_, id_of("HP-AH"), stored.id)
                   .has_value());
  // A school's report copy is not a consolidated one.
  store_->signed_copies().add(copy("HP-AH-A", "valid", 3), "%PDF-1 school");
  EXPECT_FALSE(store_->signed_copies()
                   .latest(SignedCopyKind::consolidated, campaign_, id_of("HP-AH-A"))
                   .has_value());
}

TEST_P(SignedCopyStoreTest, TheRequirementIsOffUntilSetAndCanBeTurnedOffAgain) {
  EXPECT_FALSE(store_->signed_copies().required(campaign_));
  store_->signed_copies().set_required(campaign_, true);
  EXPECT_TRUE(store_->signed_copies().required(campaign_));
  store_->signed_copies().set_required(campaign_, false);
  EXPECT_FALSE(store_->signed_copies().required(campaign_));
}

INSTANTIATE_TEST_SUITE_P(Backends, SignedCopyStoreTest, kBothBackends,
                         testing_support::backend_param_name);

}  // namespace
}  // namespace llw
