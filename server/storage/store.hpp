// The server's storage interface: venues, enrollment, devices and check-ins, behind one
// abstract Store with two backends (storage/sqlite, storage/postgres), like Drogon's orm_lib.
// Every method reports failure as a value; no exception leaves a backend.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "area_rows.hpp"
#include "check_in.hpp"
#include "office_rows.hpp"
#include "result.hpp"
#include "venue.hpp"

namespace diemquet::server {

// A device as the server knows it after authenticating its bearer token.
struct Principal {
  std::string deviceId;
  std::string venueId;              // the venue this token was issued for
  bool revoked = false;             // this token's binding was revoked
  std::vector<std::string> venues;  // every venue the device is bound to and not revoked
};

// What became of one uploaded check-in.
enum class IngestOutcome {
  Stored,         // new, written now
  AlreadyStored,  // identical record already stored (a replay); nothing changed
  Voided,         // stored earlier unvoided, now marked voided (the one allowed update)
  Conflict,       // a different record holds this (device, seq); refused and flagged
};

// Office queries (server/office/): one dialect-neutral SQL text with `?` placeholders, run by
// either backend (PostgreSQL rewrites `?` to typed `$n`). Values: NULL, integer, real, text,
// bytes (BLOB in SQLite, BYTEA in PostgreSQL: a photo, byte for byte).
struct SqlBlob {
  std::string bytes;
  bool operator==(const SqlBlob&) const = default;
};
using SqlValue = std::variant<std::monostate, int64_t, double, std::string, SqlBlob>;
struct SqlStatement {
  std::string sql;
  std::vector<SqlValue> params;
};
struct SqlRows {
  std::vector<std::vector<SqlValue>> rows;
  int64_t changes = 0;  // rows changed by an INSERT/UPDATE/DELETE
};

struct IngestResult {
  std::vector<IngestOutcome> outcomes;  // one per input check-in, same order
};

// A refused record kept for an operator to look at; never overwrites a check-in.
struct ConflictRecord {
  std::string venueId;
  std::string deviceId;
  int64_t seq = 0;
  std::string incomingJson;
  int64_t receivedMs = 0;
};

// Poster signing keys (server/posters/, migration 200). The Ed25519 seed is stored in the
// database as hex: every server process sharing the database signs with the same keys.
struct SigningKeyRow {
  std::string keyId;
  std::string seedHex;  // 64 hex digits; a secret, never logged or sent
  int64_t createdMs = 0;
  int64_t revokedMs = 0;  // 0 = in use
};

// One issued poster page: a signed URL for one scan point of a venue.
struct PosterRow {
  std::string venueId;
  std::string scanPointId;
  std::string keyId;
  int64_t issuedMs = 0;
  std::string url;
  std::string validity;  // the URL's validity field ("0", "20251231", "20250601-20250603")
  std::string issuedBy;  // "admin" or "device:<id>"
};

// An exposure an officer published from a trace (server/exposures/, migration 400): a venue,
// optionally one scan point, a time window and advice; no personal data.
struct ExposureRow {
  int64_t id = 0;  // assigned by the store
  std::string venueId;
  std::string scanPointId;  // "" = every scan point of the venue
  int64_t fromMs = 0, untilMs = 0;
  std::string advice;
  std::string publishedBy;
  int64_t publishedMs = 0;
  int64_t withdrawnMs = 0;  // 0 = active
  std::string withdrawnBy;
  std::string venueName, wardCode;  // read from venues, for lists and area checks
  std::string scanPointName;        // read from scan_points: what the office shows ("" = every scan point)
};

// An issued poster found by its short code (server/posters/short_codes.cpp, migration 210).
struct PosterByShortCode {
  std::string venueId, scanPointId, url, keyId, venueName, scanPointName;
};

// A venue registered by its owner (server/office/self_registration.cpp, migration 140).
struct SelfRegistration {
  Venue venue;
  std::string phone;                    // as given (officers of its area see it; never in public answers)
  std::string province, district, ward;  // the commune and what contains it
  std::vector<ScanPoint> points;
  std::string nameKey, addressKey;  // folded (search_fold.hpp): duplicates in one commune
  std::string phoneKey;             // digits only: registrations per phone are limited
  std::string ownerKeyHash;         // SHA-256 (hex) of the owner's secret
  std::vector<std::string> codeHashes;  // enrollment codes issued with it (SHA-256 hex)
  int64_t codesExpireMs = 0;
  int64_t registeredMs = 0;
};

// The venue an owner's key opens.
struct OwnedVenue {
  std::string venueId, ward, verification;  // verification: "self", "verified" or "rejected"
  std::string note;                         // the officer's reason for a rejection
};

// A venue an officer imports from a list (server/office/venue_import.cpp, importVenues).
struct ImportedVenue {
  Venue venue;
  std::string province, district, ward;  // the commune and what contains it
  std::string phone;
  std::string nameKey, addressKey;  // folded (search_fold.hpp), as self-registrations keep them
  std::vector<ScanPoint> points;
};

// A venue's name in its commune: the import's duplicate check.
struct VenueNameInWard {
  std::string venueId, ward, name;
};

// A self-registered venue as its commune's officer reviews it.
struct VenueToVerify {
  std::string venueId, name, address, category, phone, ward, verification;
  int64_t staffCount = 0, registeredMs = 0;
  std::vector<std::string> sameAs;  // other venues of the commune with the same folded name or address
};

class Store {
 public:
  virtual ~Store() = default;
  virtual const char* backendName() const = 0;

  // Applies every migration not yet applied; safe to call from several processes at once.
  virtual Status migrate() = 0;
  virtual Result<int> schemaVersion() = 0;

  virtual Status createVenue(const Venue& v) = 0;
  virtual Status addScanPoint(const ScanPoint& p) = 0;
  virtual Result<std::optional<Venue>> findVenue(const std::string& venueId) = 0;
  virtual Result<std::vector<ScanPoint>> scanPoints(const std::string& venueId) = 0;

  // Codes and tokens are stored only as SHA-256 hashes (hex).
  virtual Status addEnrollmentCode(const std::string& venueId, const std::string& codeHash, int64_t createdMs,
                                   int64_t expiresMs) = 0;
  // Atomically consumes an unused, unexpired code and binds the device to its venue with the
  // given token hash (a re-enrollment of the same device replaces its token). Returns the
  // venue id, NotFound for an unknown, used or expired code, or Conflict when the commune
  // rejected the venue's self-registration (the code stays unused, no device is bound).
  virtual Result<std::string> redeemEnrollmentCode(const std::string& codeHash, const std::string& deviceId,
                                                   const std::string& tokenHash, int64_t nowMs) = 0;
  // NotFound-free: an unknown token yields an empty optional.
  virtual Result<std::optional<Principal>> authenticate(const std::string& tokenHash) = 0;
  virtual Status revokeDevice(const std::string& venueId, const std::string& deviceId, int64_t nowMs) = 0;

  // Stores a batch in one transaction: all outcomes are durable when this returns ok, and
  // nothing is written when it returns an error. Records are keyed by (device, seq).
  virtual Result<IngestResult> ingest(const std::vector<CheckIn>& batch, int64_t receivedMs) = 0;

  // Reads, for the office, exports and tests. Ordered by device, then seq.
  virtual Result<std::vector<CheckIn>> checkInsOfVenue(const std::string& venueId) = 0;
  virtual Result<std::vector<ConflictRecord>> conflictsOfVenue(const std::string& venueId) = 0;
  // The venue's check-ins at or after `sinceMs` (voided ones included), by time: the
  // presence answer's timeline (server/sync/presence_api.cpp).
  virtual Result<std::vector<CheckIn>> recentCheckInsOfVenue(const std::string& venueId, int64_t sinceMs) = 0;

  // Posters (server/posters/). Keys are listed oldest first; revoking an unknown or already
  // revoked key is NotFound.
  virtual Status addSigningKey(const SigningKeyRow& key) = 0;
  virtual Result<std::vector<SigningKeyRow>> signingKeys() = 0;
  virtual Status revokeSigningKey(const std::string& keyId, int64_t nowMs) = 0;
  virtual Status recordPosters(const std::vector<PosterRow>& rows) = 0;
  // The latest issue of each scan point's poster, by scan point id.
  virtual Result<std::vector<PosterRow>> postersOfVenue(const std::string& venueId) = 0;
  // A visitor's health declaration sent with a self check-in; a replay of (device, seq) keeps
  // the first one.
  virtual Status recordSelfDeclaration(const std::string& venueId, const std::string& deviceId, int64_t seq,
                                       const std::string& declarationJson, int64_t receivedMs) = 0;

  // Exposures (server/exposures/). addExposure returns the new id (NotFound: unknown venue);
  // withdrawing an unknown or already withdrawn one is NotFound. exposures() lists, oldest
  // first, those whose window ends at or after `untilFromMs`, withdrawn ones only if asked.
  // exposureListVersion() moves with every publication and withdrawal (0: none ever).
  virtual Result<int64_t> addExposure(const ExposureRow& row) = 0;
  virtual Status withdrawExposure(int64_t id, const std::string& by, int64_t nowMs) = 0;
  virtual Result<std::vector<ExposureRow>> exposures(int64_t untilFromMs, bool withWithdrawn) = 0;
  virtual Result<int64_t> exposureListVersion() = 0;

  // The office's queries (server/office/): runs the statements in order in one transaction
  // and returns each one's rows; on any error nothing is written. A unique violation is
  // ErrorKind::Conflict. Implemented in storage/{sqlite,postgres}/office_sql.cpp.
  virtual Result<std::vector<SqlRows>> runSql(const std::vector<SqlStatement>& statements) = 0;

  // Self-registration (storage/registrations.cpp): written once over runSql's dialect-neutral
  // SQL, so both backends run the same statements and the same tests.
  // The venue, its scan points, its owner's key and its enrollment codes, in one transaction
  // (all or nothing); Conflict when the id or the owner key hash is taken.
  Status registerSelfVenue(const SelfRegistration& r);
  // Self-registrations made with this phone since `sinceMs`.
  Result<int64_t> selfRegistrationsOfPhone(const std::string& phoneKey, int64_t sinceMs);
  // Venues of the commune (not rejected) with the same folded name or address, `except` left out.
  Result<std::vector<std::string>> venuesAlike(const std::string& ward, const std::string& nameKey,
                                               const std::string& addressKey, const std::string& except);
  // The venue an owner's key opens; empty for an unknown key.
  Result<std::optional<OwnedVenue>> venueOfOwnerKey(const std::string& keyHash);
  // Self-registered venues awaiting review ('self') in an area: `areaColumn` is venues'
  // province_code, district_code or ward_code. Oldest first, at most 500.
  Result<std::vector<VenueToVerify>> venuesToVerify(const char* areaColumn, const std::string& area);
  // 'self' -> 'verified' or 'rejected' (the note kept for the owner to read), with the audit row,
  // in one transaction. False when the venue is not awaiting review.
  Result<bool> decideVenue(const std::string& venueId, bool confirm, const std::string& officer,
                           const std::string& note, int64_t nowMs);
  // Those of `venueIds` whose registration the commune rejected: their stations may no longer
  // upload or print posters.
  Result<std::vector<std::string>> rejectedVenues(const std::vector<std::string>& venueIds);

  // Venue import (storage/venue_imports.cpp), over runSql like self-registration.
  // Every venue (not rejected) of these communes with its name, by commune then id.
  Result<std::vector<VenueNameInWard>> venueNamesInWards(const std::vector<std::string>& wards);
  // The venues and their scan points plus one audit row, in one transaction: all or nothing
  // (Conflict when an id is taken; nothing is written then).
  Status importVenues(const std::vector<ImportedVenue>& venues, const std::string& officer, int64_t nowMs,
                      const std::string& auditTarget, const std::string& auditDetail);

  // The office (storage/office_store.cpp, office_reports.cpp): typed methods over runSql's
  // dialect-neutral SQL, like the self-registration ones, so both backends run the same
  // statements and the same tests; reads run on SQLite's read connection. `areaColumn` is
  // venues' province_code, district_code or ward_code (anything else is Malformed).
  // Officers and sessions. A session names its officer even when disabled (officerDisabled).
  Result<std::optional<OfficeSession>> officeSession(const std::string& tokenHash);
  Status touchOfficeSession(const std::string& tokenHash, int64_t nowMs);
  // Drops the officer's sessions idle since before `staleBeforeMs` and opens a new one.
  Status openOfficeSession(const std::string& username, const std::string& tokenHash, int64_t nowMs,
                           int64_t staleBeforeMs);
  Status endOfficeSession(const std::string& tokenHash);
  // An officer who is not disabled, with the password hash; empty for anyone else.
  Result<std::optional<OfficerRow>> activeOfficer(const std::string& username);
  Result<std::optional<OfficerRow>> officer(const std::string& username);
  Result<std::vector<OfficerRow>> officers();  // by area, then username
  // A new officer and its audit row, in one transaction; Conflict when the username is taken.
  Status addOfficer(const OfficerRow& o, const AuditEntry& audit);
  // The admin CLI's create-officer: creates, or replaces level, area and password and enables.
  Status putOfficer(const OfficerRow& o);
  // Disables, enables or sets the password hash of an officer, ends its sessions and writes
  // the audit row, in one transaction.
  Status changeOfficer(const std::string& username, OfficerChange change, const std::string& passwordHash,
                       const AuditEntry& audit);
  Status addAudit(const AuditEntry& e);
  Result<std::vector<AuditEntry>> auditOfOfficer(const std::string& username);  // newest first, at most 200

  // Venues as the office sees them.
  Result<std::optional<OfficeVenue>> officeVenue(const std::string& venueId);
  // The venue's ward code ("" for a venue in no ward); empty for an unknown venue.
  Result<std::optional<std::string>> wardOfVenue(const std::string& venueId);
  // A venue registered by an officer (or the admin CLI, without points), with its scan points.
  Status addOfficeVenue(const OfficeVenue& v, const std::vector<ScanPoint>& points, int64_t registeredMs);
  Status setVenueWard(const std::string& venueId, const std::string& province, const std::string& district,
                      const std::string& ward);
  // Venues of an area, optionally of one ward of it ("" = all), by ward and name; at most 2000.
  Result<std::vector<OfficeVenue>> venuesOfArea(const char* areaColumn, const std::string& area,
                                                const std::string& ward);
  // Every venue with its scan points, by id.
  Result<std::vector<VenueWithPoints>> venuesWithPoints();
  // Renames a scan point and forgets its posters (they carry the old id).
  Result<RenameOutcome> renameScanPoint(const std::string& venueId, const std::string& id, const std::string& newId);
  // The venue's scan points (by id) and how many reminders it was sent, from one snapshot.
  Result<std::pair<std::vector<ScanPoint>, int64_t>> venuePointsAndReminders(const std::string& venueId);
  // Adds a reminder; returns the venue's number of reminders with it.
  Result<int64_t> addReminder(const std::string& venueId, const std::string& username, int64_t atMs,
                              const std::string& note);
  // Enrollment codes (SHA-256 hex) issued by an officer, with the audit row, in one transaction.
  Status issueEnrollmentCodes(const std::string& venueId, const std::vector<std::string>& codeHashes,
                              int64_t createdMs, int64_t expiresMs, const AuditEntry& audit);

  // Violation reports. Lists leave the photo out (ViolationReport::photo empty).
  Result<int64_t> addViolationReport(const ViolationReport& r);
  Result<std::vector<ViolationReport>> violationReports(const char* areaColumn, const std::string& area,
                                                        bool openOnly);
  // False when no open report of that id lies in the area.
  Result<bool> resolveViolationReport(int64_t id, const char* areaColumn, const std::string& area,
                                      const std::string& by, const std::string& note, int64_t nowMs);
  Result<std::optional<ViolationPhoto>> violationPhoto(int64_t id, const char* areaColumn, const std::string& area);

  // The upstream feed: tokens (SHA-256 hex) and check-ins after a cursor, by ingest sequence.
  Status addFeedToken(const std::string& tokenHash, const std::string& name, int64_t createdMs);
  Result<std::optional<std::string>> feedTokenName(const std::string& tokenHash);  // not revoked
  Result<std::vector<FeedRow>> checkInsAfter(int64_t cursor, int64_t limit);

  // Tracing (office/trace.cpp): the longest default stay of any venue (120 without venues);
  // a person's check-ins (person key or phone) in [fromMs, toMs) at venues of an area; the
  // others' check-ins at a venue in [fromMs, toMs]. Voided ones are left out.
  Result<int64_t> longestDefaultStayMinutes();
  Result<std::vector<TraceRow>> checkInsOfPerson(const std::string& id, int64_t fromMs, int64_t toMs,
                                                 const char* areaColumn, const std::string& area);
  Result<std::vector<TraceRow>> checkInsAtVenueExcept(const std::string& venueId, int64_t fromMs, int64_t toMs,
                                                      const std::string& exceptId);

  // The weekly report (office/report.cpp, office_reports.cpp) and its roll-up (retention.cpp).
  Result<std::optional<RollupState>> rollupState();
  // The area's venues and their counts for the eight weeks before `weekStartMs` + 1 week.
  Result<WeeklyReportRows> weeklyReportRows(const ReportArea& area, int64_t weekStartMs);
  // Venues of the area with a poster issued before `beforeMs`.
  Result<std::vector<std::string>> venuesWithPosters(const ReportArea& area, int64_t beforeMs);
  // Counts closed days into daily_scans/weekly_scans through `throughDay` (see retention.cpp).
  Result<RollupCounts> rollUpScans(int64_t throughDay);
  // Deletes check-ins before `cutoffMs` (counted into daily_aggregates first), conflicts,
  // sessions idle since `sessionsBeforeMs`, and the roll-up rows of the days deleted.
  // `dropMonths` (PostgreSQL): a statement dropping whole months first (ops/partitions.hpp),
  // whose one row is (partitions, check-ins) dropped.
  Result<PurgeCounts> purgeBefore(int64_t cutoffMs, int64_t sessionsBeforeMs,
                                  const std::optional<SqlStatement>& dropMonths);

  // Administrative areas (storage/areas_store.cpp, server/areas/), over runSql like the office.
  // The areas, successions and generation from one snapshot.
  Result<AreaTable> areaTable();
  // The generation alone: the cheap check of whether another process imported since.
  Result<int64_t> areaGeneration();
  // The distinct ward codes venues are registered in (a reorganisation must not orphan them).
  Result<std::vector<std::string>> wardsWithVenues();
  // The upserts, retirements, new successions, the generation's move and the audit row, in one
  // transaction: all or nothing.
  Status writeAreaImport(const AreaImportWrite& w);
  Result<AreaStats> areaStats();

  // Posters' short codes and the readiness probe (storage/posters_store.cpp).
  // (venue, scan point) pairs with posters issued before short codes existed.
  Result<std::vector<std::pair<std::string, std::string>>> postersWithoutShortCode();
  // Sets the short code of those posters of a scan point that have none.
  Status setShortCodes(const std::vector<std::pair<std::pair<std::string, std::string>, std::string>>& codes);
  // Posters with this short code, newest first, with their venue's and scan point's names.
  Result<std::vector<PosterByShortCode>> postersWithShortCode(const std::string& code);
  // Writes health_probe's row (migration 301): true when the row was there and the commit returned.
  Result<bool> touchHealthProbe(int64_t nowMs);
};

// Opens "sqlite:PATH" or "postgres:CONNSTR" (a libpq connection string or postgresql:// URL)
// and migrates it. `poolSize` bounds PostgreSQL connections; SQLite has one serialized writer.
Result<std::unique_ptr<Store>> openStore(const std::string& spec, int poolSize = 4);

// Same content apart from `voided` and the station-only sync state.
bool sameCheckIn(const CheckIn& a, const CheckIn& b);

}  // namespace diemquet::server
