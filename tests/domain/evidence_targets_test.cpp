// What evidence can be attached for in the shipped 2025 form: each activity once (by its label,
// not per measure), each item outside an activity, in form order by section; and the lookups an
// upload's `item` goes through.
#include "domain/evidence_targets.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "form_fixtures.h"

namespace llw::testing {
namespace {

TEST(EvidenceTargets, EachActivityIsOfferedOnceAndEveryOtherItemByItsLabel) {
  const std::vector<EvidenceTarget> targets = evidence_targets(*form_2025());
  ASSERT_FALSE(targets.empty());
  EXPECT_EQ(targets.front().key, "directives");
  EXPECT_EQ(targets.front().section, "I. Công tác chỉ đạo, triển khai");
  const auto find = [&](const std::string& key) {
    return std::find_if(targets.begin(), targets.end(),
                        [&](const EvidenceTarget& target) { return target.key == key; });
  };
  ASSERT_NE(find("reading_day"), targets.end());
  EXPECT_EQ(find("reading_day")->label, "Tổ chức ngày đọc sách");
  EXPECT_EQ(find("reading_day_sessions"), targets.end());
  EXPECT_EQ(find("reading_day_held"), targets.end());
  ASSERT_NE(find("other"), targets.end());  // the table of other activities
  ASSERT_NE(find("banners"), targets.end());
  EXPECT_NE(find("recommendations"), targets.end());
  // Form order: banners before the activities, the activities before the narratives.
  EXPECT_LT(find("banners"), find("reading_day"));
  EXPECT_LT(find("reading_day"), find("advantages"));
  // No key twice.
  for (const EvidenceTarget& target : targets) {
    EXPECT_EQ(std::count_if(targets.begin(), targets.end(),
                            [&](const EvidenceTarget& t) { return t.key == target.key; }),
              1)
        << target.key;
  }
}

TEST(EvidenceTargets, AnyItemOrActivityOfTheFormIsFoundAndNothingElse) {
  const ReportForm& form = *form_2025();
  EXPECT_EQ(find_evidence_target(form, "stem")->label, "Trải nghiệm STEM");
  EXPECT_EQ(find_evidence_target(form, "stem_participants")->label,
            "Trải nghiệm STEM: số lượt người tham gia");
  for (const char* key : {"", "khong_co", "STEM", "II.1", "stem ", "students", "a"}) {
    EXPECT_FALSE(find_evidence_target(form, key).has_value()) << key;
  }
}

}  // namespace
}  // namespace llw::testing
