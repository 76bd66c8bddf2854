// The office's rows as its typed store methods (store.hpp, storage/office_*.cpp) take and
// return them: officers and their sessions, the audit log, venues as officers see them,
// citizens' violation reports, the upstream feed, tracing's check-ins and the weekly report's
// counts. No SQL leaves storage/: the office's handlers speak only these.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "check_in.hpp"

namespace diemquet::server {

// An officer's session joined with the officer (office_sessions, officers).
struct OfficeSession {
  std::string username, level, area;
  int64_t lastUsedMs = 0;
  bool officerDisabled = false;
};

struct OfficerRow {
  std::string username, level, area;
  std::string passwordHash;  // filled only by activeOfficer (the login check)
  int64_t createdMs = 0;
  bool disabled = false;
};

// What an officer does to another (officers_api.cpp): each also ends the officer's sessions.
enum class OfficerChange { Disable, Enable, ResetPassword };

struct AuditEntry {
  int64_t id = 0;  // assigned by the store
  int64_t atMs = 0;
  std::string username, action, target, reason, detail;
};

// A venue as the office reads and registers it (the ward, district and province are codes).
struct OfficeVenue {
  std::string id, name, address, category, phone, ward, district, province;
  int64_t staffCount = 0, defaultStayMinutes = 120;
  int64_t validFromMs = 0, validToMs = 0;  // 0: not set
};

// A venue and its scan points, for the admin CLI's list and the start-up warnings.
struct VenueWithPoints {
  std::string id, ward, name;
  std::vector<std::pair<std::string, std::string>> points;  // (scan point id, name), by id
};

// What renaming a scan point met (venue_admin.cpp).
enum class RenameOutcome { Renamed, NoSuchPoint, NewIdTaken };

// A citizen's (or an officer's) report of a venue not keeping the rules. The photo is bytes
// (JPEG or PNG), stored as BLOB (SQLite) or BYTEA (PostgreSQL) since migration 410.
struct ViolationReport {
  int64_t id = 0;  // assigned by the store
  std::string venueId, venueName, ward, kind, note, reporter;
  int64_t createdMs = 0;
  std::string photoType;  // "" without a photo
  std::string photo;      // bytes; empty in lists (see violationPhoto)
  std::optional<int64_t> resolvedMs;
  std::string resolvedBy, resolutionNote;
};

struct ViolationPhoto {
  std::string type, bytes;
};

// One check-in of the upstream feed with its ingest sequence (the feed's cursor).
struct FeedRow {
  int64_t ingestSeq = 0;
  CheckIn checkIn;
};

// One stored check-in, by its station and sequence number (repeated_entries.hpp).
struct RecordId {
  std::string deviceId;
  int64_t seq = 0;
  bool operator==(const RecordId& o) const { return deviceId == o.deviceId && seq == o.seq; }
  bool operator<(const RecordId& o) const { return deviceId != o.deviceId ? deviceId < o.deviceId : seq < o.seq; }
};

// A check-in as tracing reads it, with its venue's name and default stay.
struct TraceRow {
  std::string venueId, venueName;
  int64_t venueStayMinutes = 0;
  std::string scanPointId, kind, key, name, phone, dir, deviceId;
  int64_t tsMs = 0;
};

// How far the weekly report's roll-up has gone (rollup_state; retention.cpp).
struct RollupState {
  int64_t throughDay = 0, throughSeq = 0;
};

// What a roll-up wrote.
struct RollupCounts {
  int64_t counted = 0;     // (venue, day) counts written for newly closed days
  int64_t recomputed = 0;  // (venue, day) counts of earlier days written again
};

// What a purge removed; `partitionsDropped` only on PostgreSQL (whole months).
struct PurgeCounts {
  int64_t checkIns = 0;
  int64_t partitionsDropped = 0;
};

// The weekly report's raw counts for an area (report.cpp assembles them). The area is one
// column of venues (`province_code`, `district_code` or `ward_code`) equal to any of `codes`
// (the area and the codes it replaced, areas/registry.hpp).
struct ReportArea {
  const char* column = "ward_code";
  std::vector<std::string> codes;
};
struct ReportVenue {
  std::string id, name, category, ward, district, province;
  int64_t staffCount = 0;
  std::string verification;
  int64_t registeredMs = 0;  // when an officer, an import or its owner created it (0: before that was kept)
  int64_t validFromMs = 0, validToMs = 0;  // an event's or a seasonal venue's validity (0: not set)
  std::string address;                     // tells apart two venues of one name
};
struct ReportScans {
  std::string venueId;
  int64_t bucket = 0;  // 0..7: weeks from eight weeks before the report's to its own
  int64_t scans = 0;
};
struct ReportVenueCount {
  std::string venueId;
  int64_t a = 0, b = 0;  // reminders: (count, 0); violations: (this week, still open)
};
struct WeeklyReportRows {
  std::vector<ReportVenue> venues;  // not rejected, by ward, name, id
  std::vector<ReportScans> scans;   // a (venue, bucket) may come more than once: add them
  std::vector<ReportVenueCount> reminders, violations;
};

}  // namespace diemquet::server
