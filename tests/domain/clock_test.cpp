#include "domain/clock.h"

#include <gtest/gtest.h>

namespace llw {
namespace {

using namespace std::chrono;

TEST(Dates, DeadlineEndsAtTheLastSecondOfTheDayInVietnam) {
  // 2025-10-12T23:59:59+07:00 is 2025-10-12T16:59:59Z.
  const Timestamp end = end_of_day_in_vietnam(2025y / October / 12d);
  EXPECT_EQ(end, 1760288399);
  EXPECT_EQ(format_timestamp(end), "2025-10-12T23:59:59+07:00");
  EXPECT_EQ(format_timestamp(end + 1), "2025-10-13T00:00:00+07:00");
}

TEST(Dates, FormatsTimestampsInVietnamTime) {
  EXPECT_EQ(format_timestamp(0), "1970-01-01T07:00:00+07:00");
  EXPECT_EQ(format_timestamp(1760175000), "2025-10-11T16:30:00+07:00");
}

TEST(Dates, ParsesOnlyRealIsoDays) {
  EXPECT_EQ(parse_iso_date("2025-10-12"), 2025y / October / 12d);
  EXPECT_EQ(parse_iso_date("2024-02-29"), 2024y / February / 29d);
  for (const char* bad : {"2025-02-29", "2025-13-01", "2025-00-10", "2025-1-5", "12/10/2025",
                          "2025-10-12T00:00", " 2025-10-12", "", "abcd-ef-gh"}) {
    EXPECT_FALSE(parse_iso_date(bad).has_value()) << bad;
  }
}

TEST(Dates, FormatsIsoAndVietnameseDates) {
  EXPECT_EQ(format_iso_date(2025y / October / 1d), "2025-10-01");
  EXPECT_EQ(format_vietnamese_date(2025y / October / 1d), "01/10/2025");
}

TEST(Dates, FormatsAMomentInVietnamToTheMinute) {
  // 10:00 UTC is 17:00 in Vietnam; 17:00 UTC is midnight of the next day there.
  const Timestamp utc_ten = end_of_day_in_vietnam(2025y / October / 11d) + 1 + 17 * 3600;
  EXPECT_EQ(format_vietnamese_moment(utc_ten), "17 giờ 00 ngày 12/10/2025");
  EXPECT_EQ(format_vietnamese_moment(utc_ten + 7 * 3600 + 59), "00 giờ 00 ngày 13/10/2025");
  EXPECT_EQ(format_vietnamese_moment(utc_ten - 3600 * 17 + 5 * 60), "00 giờ 05 ngày 12/10/2025");
}

TEST(Dates, SystemClockIsNearNow) {
  const Timestamp now = system_clock()();
  EXPECT_GT(now, 1750000000);  // after mid-2025
}

}  // namespace
}  // namespace llw
