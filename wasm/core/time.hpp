// Instants as UTC milliseconds plus the station's local offset, and local-day arithmetic.
#pragma once
#include <cstdint>
#include <string>

namespace diemquet {

struct Instant {
  int64_t utcMs = 0;
  int offsetMinutes = 0;  // local time = UTC + offset (Vietnam: +420)

  int64_t localMs() const { return utcMs + int64_t(offsetMinutes) * 60000; }
  bool operator==(const Instant&) const = default;
};

// The local calendar day an instant falls on, as [startUtcMs, endUtcMs).
struct DayRange {
  int64_t startUtcMs;
  int64_t endUtcMs;
};
DayRange localDayOf(const Instant& at);

// "HH:MM" in local time.
std::string formatLocalTime(const Instant& at);
// "dd/MM/yyyy" in local time.
std::string formatLocalDate(const Instant& at);

// Days since 1970-01-01 for a civil date, and back (Howard Hinnant's algorithms).
int64_t daysFromCivil(int y, unsigned m, unsigned d);
void civilFromDays(int64_t z, int& y, unsigned& m, unsigned& d);

// Checks a calendar date (1 <= d <= days in month).
bool isValidDate(int y, int m, int d);

// A date as people type it, to "yyyy-mm-dd": Vietnamese day/month/year ("05/12/2026",
// "5/12/2026", "05-12-2026", "05.12.2026") or ISO ("2026-12-05"); spaces around it ignored.
// Empty when it is not a real date between 2000 and 2100.
std::string isoDayFromTyped(const std::string& typed);

}  // namespace diemquet
