// The office API's answers (docs/api.md, "Office API") as the structs the office screens draw,
// and what the screens send. Each `read…` turns an answer's JSON into its struct and returns
// "" or the first problem ("areas[2].scans: missing"): the office client refuses an answer
// with a problem as a whole (OfficeError::BadJson), so no screen reads raw JSON.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace diemquet::client {

// ---- The weekly compliance report (GET /api/v1/office/report) ----

struct ReportArea {
  std::string code, name, level;  // level: "province", "district", "ward"
};

// One row of the report's table: the officer's area first, then every area inside it.
struct AreaWeek {
  ReportArea area;
  int64_t venues = 0, withScan = 0, scans = 0, nonComplying = 0;
  int64_t newlyRegistered = 0;  // of `venues`: registered in the week, no scan yet (not in nonComplying)
  // The staff its venues declared; none when it has venues and none of them declared any
  // (drawn "chưa khai báo"). An area without venues has 0.
  std::optional<int64_t> staff;
  std::optional<double> scansPerStaff;  // none when no staff numbers are known (drawn "—")
};

struct TrendWeek {
  std::string week;  // "2026-W48"
  int64_t scans = 0;
};

struct NonComplyingVenue {
  std::string id, name;
  std::string problem;  // "no_scans", "low_scans", "open_violation"
  int64_t scans = 0, staff = 0, reminders = 0;
  bool flaggedForSuspension = false;
  // Another listed venue has the same name: its address (and code) to tell them apart; else "".
  std::string nameAside;
};

// A venue registered during the week without a scan yet: listed apart, not as not complying.
struct NewlyRegisteredVenue {
  std::string id, name, nameAside;
  std::string registered;  // "2026-12-06"
};

// A self-registered venue counted in the week but not yet confirmed by its commune.
struct UnverifiedVenue {
  std::string id, name;
  int64_t scans = 0;
  std::string nameAside;  // another listed venue has its name: its address (or code), else ""
};

struct WeeklyReport {
  std::string week, from, to;  // "2026-W48", "2026-11-23", "2026-11-29"
  ReportArea area;             // the officer's area (or the one asked for)
  std::vector<AreaWeek> areas;
  std::vector<TrendWeek> trend;                 // 8 weeks ending with this one
  std::vector<NonComplyingVenue> nonComplying;  // the first few hundred
  int64_t nonComplyingTotal = 0;                // all of them (the files list every one)
  std::vector<UnverifiedVenue> unverified;
  std::vector<NewlyRegisteredVenue> newlyRegistered;
};
std::string readWeeklyReport(const nlohmann::json& answer, WeeklyReport& out);

// ---- Citizens' violation reports (GET /api/v1/office/violations) ----

struct Violation {
  int64_t id = 0;
  std::string venueId;  // "" from a server before the office printed posters
  std::string venueName;
  std::string kind;      // "no_poster", "wrong_info", "cannot_scan", "staff_not_checking"
  std::string created;   // "2026-12-05 14:05" (Vietnam time)
  std::string reporter;  // "public" or "officer:<username>"
  std::string note;
};
std::string readViolations(const nlohmann::json& answer, std::vector<Violation>& out);
// A complaint taken by phone, recorded by the officer (POST /api/v1/reports with the session).
struct NewComplaint {
  std::string venueId, kind, note;
};
// A venue of the officer's area found by name (GET /api/v1/office/venues?q=…).
struct VenueFound {
  std::string id, name;
};
std::string readVenuesFound(const nlohmann::json& answer, std::vector<VenueFound>& out);

// ---- Contact tracing (POST /api/v1/office/trace) ----

// A contact-tracing query, dates as ISO days ("2026-11-20").
struct TraceQuery {
  std::string id, from, to, reason;
  int marginMinutes = 30;
};

struct TraceVisit {
  std::string venueId, venueName;
  std::string start, end;  // "2026-11-20 09:00" (Vietnam time)
  int64_t startMs = 0, endMs = 0;
  bool startEstimated = false;              // no entry scanned: one usual stay before the exit
  bool endEstimated = false;                // no exit scanned: the venue's usual stay
  std::vector<std::string> scanPoints;      // where the visit was recorded
  std::vector<std::string> scanPointNames;  // the same, as people read them ("Cổng chính")
};

struct TraceContact {
  std::string venueName, name;
  std::string key, phone;  // full: the screen masks them
  std::string start, end;
  bool startEstimated = false, endEstimated = false;  // as a visit's
  int64_t overlapMinutes = 0;
};

struct TraceResult {
  std::vector<TraceVisit> visits;
  std::vector<TraceContact> contacts;
  int64_t staffWithPhone = 0, staffWithoutPhone = 0;  // staff-scanned contacts, reached by a call or not
};
std::string readTraceResult(const nlohmann::json& answer, TraceResult& out);

// ---- Exposure alerts (GET/POST /api/v1/office/exposures) ----

struct Exposure {
  int64_t id = 0;
  std::string venueName, scanPointId;  // scanPointId "" = every scan point
  std::string scanPointName;           // as people read it ("Cổng chính"); older servers: none
  std::string from, until, advice;     // from, until: "2026-12-05 14:12" (Vietnam time)
  bool withdrawn = false;
};
std::string readExposures(const nlohmann::json& answer, std::vector<Exposure>& out);

// What publishing one sends: a traced visit's venue and window.
struct ExposureDraft {
  std::string venueId, scanPointId;  // "" = every scan point
  int64_t fromMs = 0, untilMs = 0;
  std::string advice, reason;
};

// ---- Venues ----

// A venue that registered itself, awaiting its commune's review (GET …/self-registrations).
struct PendingVenue {
  std::string id, name, address, wardLabel, phone, registered;
  std::vector<std::string> sameAs;  // venues of the commune with the same name or address
};
std::string readPendingVenues(const nlohmann::json& answer, std::vector<PendingVenue>& out);

// A venue registered by the officer (POST /api/v1/venues).
struct NewVenue {
  std::string name, address, ward, category, phone;
  int64_t staffCount = 0;
  std::vector<std::string> scanPoints;
};
struct RegisteredVenue {
  std::string id, name;
};
std::string readRegisteredVenue(const nlohmann::json& answer, RegisteredVenue& out);
// The enrollment code issued for a venue (POST …/venues/{id}/codes, one code).
std::string readEnrollmentCode(const nlohmann::json& answer, std::string& out);

// ---- Officers (GET/POST /api/v1/office/officers) ----

struct OfficerEntry {
  std::string username, level, areaLabel;
  bool disabled = false;
};
std::string readOfficers(const nlohmann::json& answer, std::vector<OfficerEntry>& out);

// A created officer, or one whose password was reset: the password to hand over (shown once).
// Disabling or enabling gives none.
struct IssuedPassword {
  std::string username, password;
};
std::string readIssuedPassword(const nlohmann::json& answer, IssuedPassword& out);

// ---- Areas (GET /api/v1/areas), for the area pickers ----

struct AreaSearch {
  std::string query;
  std::string level;   // what may be chosen ("" = any level)
  std::string within;  // only areas inside this code ("" = the whole country)
  int limit = 8;
};
struct AreaChoice {
  std::string code, label;
};
std::string readAreaChoices(const nlohmann::json& answer, std::vector<AreaChoice>& out);

}  // namespace diemquet::client
