#include "time.hpp"

#include <gtest/gtest.h>

using namespace diemquet;

TEST(Time, CivilRoundTrip) {
  for (int64_t z : {-1000LL, 0LL, 18000LL, 20417LL, 73000LL}) {
    int y;
    unsigned m, d;
    civilFromDays(z, y, m, d);
    EXPECT_EQ(daysFromCivil(y, m, d), z);
  }
  EXPECT_EQ(daysFromCivil(1970, 1, 1), 0);
}

TEST(Time, LocalDayFollowsTheOffset) {
  // 2026-11-24 18:30 UTC is already 25/11 01:30 in Vietnam.
  Instant at{daysFromCivil(2026, 11, 24) * 86400000LL + (18 * 60 + 30) * 60000LL, 420};
  EXPECT_EQ(formatLocalDate(at), "25/11/2026");
  EXPECT_EQ(formatLocalTime(at), "01:30");
  DayRange day = localDayOf(at);
  EXPECT_EQ(day.startUtcMs, daysFromCivil(2026, 11, 24) * 86400000LL + 17 * 3600000LL);
  EXPECT_EQ(day.endUtcMs - day.startUtcMs, 86400000LL);
}

TEST(Time, ValidDates) {
  EXPECT_TRUE(isValidDate(2024, 2, 29));
  EXPECT_FALSE(isValidDate(2023, 2, 29));
  EXPECT_FALSE(isValidDate(2000, 13, 1));
  EXPECT_FALSE(isValidDate(2000, 4, 31));
  EXPECT_TRUE(isValidDate(2000, 2, 29));
  EXPECT_FALSE(isValidDate(1900, 2, 29));
}

// Office trace dates: typed as Vietnamese officers write them, or ISO.
TEST(Time, TypedDays) {
  EXPECT_EQ(isoDayFromTyped("05/12/2026"), "2026-12-05");
  EXPECT_EQ(isoDayFromTyped(" 5/12/2026 "), "2026-12-05");
  EXPECT_EQ(isoDayFromTyped("05-12-2026"), "2026-12-05");
  EXPECT_EQ(isoDayFromTyped("05.12.2026"), "2026-12-05");
  EXPECT_EQ(isoDayFromTyped("2026-12-05"), "2026-12-05");
  EXPECT_EQ(isoDayFromTyped("29/02/2028"), "2028-02-29");
  for (const char* bad : {"", "31/02/2026", "12/2026", "2026/12/05", "05/12/26", "05/12-2026", "5 12 2026",
                          "00/01/2026", "05/13/2026", "05/12/1999", "2026-1-05", "0005/12/2026", "abc"})
    EXPECT_EQ(isoDayFromTyped(bad), "") << bad;
}
