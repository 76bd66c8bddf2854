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
