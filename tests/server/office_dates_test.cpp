// Office calendar helpers: ISO weeks in Vietnam time (UTC+7) and days (areas: areas_test.cpp).
#include <gtest/gtest.h>

#include "office/office_db.hpp"

using namespace diemquet::server;
using namespace diemquet::server::office;
using diemquet::daysFromCivil;

namespace {
int64_t vnMidnight(int y, unsigned m, unsigned d) { return daysFromCivil(y, m, d) * kDayMs - kVietnamOffsetMs; }
}  // namespace

TEST(OfficeDates, IsoWeekOneStartsOnTheMondayOfTheWeekHolding4January) {
  IsoWeek w;
  ASSERT_TRUE(parseIsoWeek("2026-W01", w));
  EXPECT_EQ(w.startMs, vnMidnight(2025, 12, 29));
  ASSERT_TRUE(parseIsoWeek("2026-W48", w));
  EXPECT_EQ(formatDay(w.startMs), "2026-11-23");
}

TEST(OfficeDates, Week53ExistsOnlyInLongYears) {
  IsoWeek w;
  EXPECT_TRUE(parseIsoWeek("2026-W53", w));   // 2026 starts on a Thursday
  EXPECT_FALSE(parseIsoWeek("2025-W53", w));  // 2025 starts on a Wednesday: 52 weeks
  EXPECT_FALSE(parseIsoWeek("2026-W54", w));
  EXPECT_FALSE(parseIsoWeek("2026W48", w));
  EXPECT_FALSE(parseIsoWeek("2026-W48x", w));
}

TEST(OfficeDates, WeekOfAnInstantUsesVietnamTime) {
  // Sunday 2026-11-29 23:30 in Hà Nội is still week 48; 17:00 UTC that day is Monday 00:00.
  EXPECT_EQ(isoWeekOf(vnMidnight(2026, 11, 29) + 23 * 3'600'000 + 30 * 60'000).label(), "2026-W48");
  EXPECT_EQ(isoWeekOf(vnMidnight(2026, 11, 30)).label(), "2026-W49");
  EXPECT_EQ(isoWeekOf(vnMidnight(2027, 1, 1)).label(), "2026-W53");
  EXPECT_EQ(shiftWeeks(isoWeekOf(vnMidnight(2026, 1, 1)), -1).label(), "2025-W52");
}

// The exports' week, as the office screen shows it: number, then Monday – Sunday (Vietnam dates).
TEST(OfficeDates, WeekTitleIsTheScreensWeekWithItsDays) {
  IsoWeek w;
  ASSERT_TRUE(parseIsoWeek("2026-W48", w));
  EXPECT_EQ(w.title(), "Tuần 48 (23/11 – 29/11/2026)");
  ASSERT_TRUE(parseIsoWeek("2026-W01", w));  // across New Year: both years
  EXPECT_EQ(w.title(), "Tuần 1 (29/12/2025 – 04/01/2026)");
  EXPECT_EQ(isoWeekOf(vnMidnight(2027, 1, 1)).title(), "Tuần 53 (28/12/2026 – 03/01/2027)");
  EXPECT_EQ(isoWeekOf(vnMidnight(2027, 1, 1)).title(ExportLang::En), "Week 53 (28/12/2026 – 03/01/2027)");
}

TEST(OfficeDates, DaysParseStrictly) {
  int64_t ms = 0;
  ASSERT_TRUE(parseDay("2026-02-28", ms));
  EXPECT_EQ(formatDateTime(ms), "2026-02-28 00:00");
  EXPECT_FALSE(parseDay("2026-02-30", ms));
  EXPECT_FALSE(parseDay("2026-2-3", ms));
  EXPECT_FALSE(parseDay("26-02-03xx", ms));
}

TEST(OfficeQuery, PercentDecoding) {
  EXPECT_EQ(queryParam("week=2026-W48&area=26740", "area"), "26740");
  EXPECT_EQ(queryParam("a=x%2Fy+z", "a"), "x/y z");
  EXPECT_EQ(queryParam("a=1", "b"), "");
}
