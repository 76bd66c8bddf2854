// The weekly compliance report of an area (a ward, or a district/province rolled up from its
// wards) for one ISO week, and its CSV, XLSX and printable HTML renderings.
#pragma once
#include <string>
#include <vector>

#include "office_db.hpp"

namespace diemquet::server::office {

// A venue "complies" in a week when it has at least one scan per staff member (at least one
// scan when it declared no staff) and no open violation report. Venues reminded more than
// kSuspendAfterReminders times are flagged for suspension. A venue registered during the week
// (less than 7 days before its end) that has no scan yet is "newly registered": listed apart,
// not counted as not complying (one registered minutes ago read "Không có lượt quét").
constexpr int kSuspendAfterReminders = 3;

struct VenueStat {
  std::string id, name, category, ward, district, province;
  int staff = 0;
  std::string address;
  int64_t scans = 0;
  bool poster = false;
  int64_t reminders = 0;       // recorded so far (not only in the week)
  int64_t violationsWeek = 0;  // reports received during the week
  int64_t violationsOpen = 0;  // not resolved (now)
  std::string problem;         // "no_scans", "low_scans", "open_violation" or "" when complying
  bool unverified = false;     // self-registered, not yet confirmed by the commune
  bool newlyRegistered = false;  // registered in the week, no scan yet: not counted as not complying
  // Another listed venue (not complying, newly registered or unverified) has the same name: the screen and
  // the files give its address (or code) beside the name to tell them apart.
  // `nameAside` is that line: the address, with the code when the address is shared too or empty.
  bool nameShared = false;
  std::string nameAside;
  int64_t registeredMs = 0;    // created (by an officer, an import or its owner's self-registration)
  int64_t validFromMs = 0, validToMs = 0;  // an event's opening and closing (0: open-ended)
  // Whether the venue was there in [startMs, endMs): registered before the week ended and open
  // in some part of it (not closed before it began, not yet to open after it ended).
  bool existedIn(int64_t startMs, int64_t endMs) const {
    return registeredMs < endMs && (validFromMs == 0 || validFromMs < endMs) && (validToMs == 0 || validToMs > startMs);
  }
  bool flagged() const { return reminders > kSuspendAfterReminders; }
};

struct AreaStat {
  std::string code, name;
  AreaLevel level = AreaLevel::Ward;
  int venues = 0, withPoster = 0, withScan = 0, nonComplying = 0, flagged = 0, staff = 0;
  int unverified = 0;  // of `venues`: self-registered, awaiting the commune's confirmation
  int newlyRegistered = 0;  // of `venues`: registered in the week without a scan (not in nonComplying)
  int64_t scans = 0, violations = 0;
  double scansPerStaff() const { return staff > 0 ? double(scans) / staff : 0.0; }
};

struct TrendPoint {
  std::string week;  // "2026-W48" (the JSON's)
  IsoWeek isoWeek;   // its title ("Tuần 48 (23/11 – 29/11/2026)") is the exports'

  int64_t scans = 0;
  int venuesWithScan = 0;
};

struct WeeklyReport {
  IsoWeek week;
  std::string areaCode, areaName;
  AreaLevel level = AreaLevel::Ward;
  std::vector<AreaStat> areas;  // the area itself first, then every area inside it, by the area table's order
  std::vector<TrendPoint> trend;           // 8 weeks, oldest first, ending with `week`
  std::vector<VenueStat> nonComplying;     // by ward, then venue name
  std::vector<VenueStat> unverified;       // self-registered, awaiting the commune's confirmation (same order)
  std::vector<VenueStat> newlyRegistered;  // registered in the week, no scan yet (same order)
  bool postersKnown = true;  // false while the posters table does not exist yet (counted as 0)
};

Result<WeeklyReport> buildReport(Store& store, const std::string& areaCode, const IsoWeek& week);
nlohmann::json reportJson(const WeeklyReport& r);
// The exports, their titles, headers and legends in `lang` (the officer's office language).
std::string reportCsv(const WeeklyReport& r, ExportLang lang = ExportLang::Vi);
Result<std::string> reportXlsx(const WeeklyReport& r, ExportLang lang = ExportLang::Vi);
std::string reportHtml(const WeeklyReport& r, ExportLang lang = ExportLang::Vi);
// The print view's one inline <style> and one inline event handler: the office opens the view
// as a blob: page that inherits the office page's Content-Security-Policy, which allows
// exactly these by hash (server/http/security_headers.hpp).
extern const char* const kReportHtmlStyle;
extern const char* const kReportHtmlPrintHandler;

}  // namespace diemquet::server::office
