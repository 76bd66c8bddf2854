#include "time.hpp"

#include <cstdio>

namespace diemquet {

namespace {
constexpr int64_t kDayMs = 86400000;
int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
}  // namespace

DayRange localDayOf(const Instant& at) {
  int64_t localDayStart = floorDiv(at.localMs(), kDayMs) * kDayMs;
  int64_t start = localDayStart - int64_t(at.offsetMinutes) * 60000;
  return {start, start + kDayMs};
}

std::string formatLocalTime(const Instant& at) {
  int64_t msOfDay = at.localMs() - floorDiv(at.localMs(), kDayMs) * kDayMs;
  int minutes = int(msOfDay / 60000);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minutes / 60, minutes % 60);
  return buf;
}

std::string formatLocalDate(const Instant& at) {
  int y;
  unsigned m, d;
  civilFromDays(floorDiv(at.localMs(), kDayMs), y, m, d);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02u/%02u/%04d", d, m, y);
  return buf;
}

int64_t daysFromCivil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = unsigned(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + int64_t(doe) - 719468;
}

void civilFromDays(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = unsigned(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t yy = int64_t(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = int(yy + (m <= 2));
}

bool isValidDate(int y, int m, int d) {
  if (y < 1 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

std::string isoDayFromTyped(const std::string& typed) {
  size_t b = typed.find_first_not_of(" \t"), e = typed.find_last_not_of(" \t");
  if (b == std::string::npos) return {};
  std::string s = typed.substr(b, e - b + 1);
  // Three runs of digits split by one separator kind: '/', '-' or '.'.
  int parts[3] = {0, 0, 0}, digits[3] = {0, 0, 0}, n = 0;
  char sep = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (digits[n] >= 4) return {};
      parts[n] = parts[n] * 10 + (c - '0');
      ++digits[n];
    } else if ((c == '/' || c == '-' || c == '.') && (sep == 0 || sep == c) && digits[n] > 0 && n < 2) {
      sep = c;
      ++n;
    } else {
      return {};
    }
  }
  if (n != 2 || digits[2] == 0) return {};
  int y, m, d;
  if (digits[0] == 4 && sep == '-') {  // ISO
    y = parts[0], m = parts[1], d = parts[2];
    if (digits[1] != 2 || digits[2] != 2) return {};
  } else if (digits[2] == 4 && digits[0] <= 2 && digits[1] <= 2) {  // day/month/year
    d = parts[0], m = parts[1], y = parts[2];
  } else {
    return {};
  }
  if (y < 2000 || y > 2100 || !isValidDate(y, m, d)) return {};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

}  // namespace diemquet
