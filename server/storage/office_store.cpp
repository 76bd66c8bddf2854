// Store's office methods (store.hpp): officers and sessions, the audit log, venues as the
// office sees them, violation reports and the upstream feed. Over runSql, in the
// dialect-neutral subset both backends run (PostgreSQL rewrites `?` to `$n`); reads go to
// SQLite's read connection (office_sql.cpp).
#include "sql_values.hpp"
#include "store.hpp"

namespace diemquet::server {

using sql::integer;
using sql::isNull;
using sql::text;

namespace {

SqlStatement auditRow(const AuditEntry& e) {
  return {"INSERT INTO audit_log(at_ms, username, action, target, reason, detail) VALUES (?,?,?,?,?,?)",
          {e.atMs, e.username, e.action, e.target, e.reason, e.detail}};
}

Status done(const Result<std::vector<SqlRows>>& r) {
  if (!r) return r.error();
  return Done{};
}

}  // namespace

// --- Officers and sessions ---

Result<std::optional<OfficeSession>> Store::officeSession(const std::string& tokenHash) {
  auto r = sql::one(*this,
                    "SELECT s.username, s.last_used_ms, o.level, o.area_code, o.disabled_ms FROM office_sessions s "
                    "JOIN officers o ON o.username = s.username WHERE s.token_hash = ?",
                    {tokenHash});
  if (!r) return r.error();
  if (r->rows.empty()) return std::optional<OfficeSession>();
  const auto& x = r->rows[0];
  return std::optional<OfficeSession>(OfficeSession{text(x[0]), text(x[2]), text(x[3]), integer(x[1]), !isNull(x[4])});
}

Status Store::touchOfficeSession(const std::string& tokenHash, int64_t nowMs) {
  return done(runSql({{"UPDATE office_sessions SET last_used_ms = ? WHERE token_hash = ?", {nowMs, tokenHash}}}));
}

Status Store::openOfficeSession(const std::string& username, const std::string& tokenHash, int64_t nowMs,
                                int64_t staleBeforeMs) {
  return done(
      runSql({{"DELETE FROM office_sessions WHERE username = ? AND last_used_ms < ?", {username, staleBeforeMs}},
              {"INSERT INTO office_sessions(token_hash, username, created_ms, last_used_ms) VALUES (?,?,?,?)",
               {tokenHash, username, nowMs, nowMs}}}));
}

Status Store::endOfficeSession(const std::string& tokenHash) {
  return done(runSql({{"DELETE FROM office_sessions WHERE token_hash = ?", {tokenHash}}}));
}

Result<std::optional<OfficerRow>> Store::activeOfficer(const std::string& username) {
  auto r = sql::one(*this,
                    "SELECT password_hash, level, area_code, created_ms FROM officers WHERE username = ? AND "
                    "disabled_ms IS NULL",
                    {username});
  if (!r) return r.error();
  if (r->rows.empty()) return std::optional<OfficerRow>();
  const auto& x = r->rows[0];
  return std::optional<OfficerRow>(OfficerRow{username, text(x[1]), text(x[2]), text(x[0]), integer(x[3]), false});
}

Result<std::optional<OfficerRow>> Store::officer(const std::string& username) {
  auto r =
      sql::one(*this, "SELECT level, area_code, created_ms, disabled_ms FROM officers WHERE username = ?", {username});
  if (!r) return r.error();
  if (r->rows.empty()) return std::optional<OfficerRow>();
  const auto& x = r->rows[0];
  return std::optional<OfficerRow>(OfficerRow{username, text(x[0]), text(x[1]), "", integer(x[2]), !isNull(x[3])});
}

Result<std::vector<OfficerRow>> Store::officers() {
  auto r = sql::one(
      *this, "SELECT username, level, area_code, created_ms, disabled_ms FROM officers ORDER BY area_code, username");
  if (!r) return r.error();
  std::vector<OfficerRow> out;
  for (const auto& x : r->rows)
    out.push_back(OfficerRow{text(x[0]), text(x[1]), text(x[2]), "", integer(x[3]), !isNull(x[4])});
  return out;
}

Status Store::addOfficer(const OfficerRow& o, const AuditEntry& audit) {
  return done(runSql({{"INSERT INTO officers(username, level, area_code, password_hash, created_ms) VALUES (?,?,?,?,?)",
                       {o.username, o.level, o.area, o.passwordHash, o.createdMs}},
                      auditRow(audit)}));
}

Status Store::putOfficer(const OfficerRow& o) {
  return done(
      runSql({{"INSERT INTO officers(username, level, area_code, password_hash, created_ms) VALUES (?,?,?,?,?) "
               "ON CONFLICT(username) DO UPDATE SET level = excluded.level, area_code = excluded.area_code, "
               "password_hash = excluded.password_hash, disabled_ms = NULL",
               {o.username, o.level, o.area, o.passwordHash, o.createdMs}}}));
}

Status Store::changeOfficer(const std::string& username, OfficerChange change, const std::string& passwordHash,
                            const AuditEntry& audit) {
  std::vector<SqlStatement> st;
  switch (change) {
    case OfficerChange::Disable:
      st.push_back(
          {"UPDATE officers SET disabled_ms = ? WHERE username = ? AND disabled_ms IS NULL", {audit.atMs, username}});
      break;
    case OfficerChange::Enable:
      st.push_back({"UPDATE officers SET disabled_ms = NULL WHERE username = ?", {username}});
      break;
    case OfficerChange::ResetPassword:
      st.push_back({"UPDATE officers SET password_hash = ? WHERE username = ?", {passwordHash, username}});
      break;
  }
  st.push_back({"DELETE FROM office_sessions WHERE username = ?", {username}});
  st.push_back(auditRow(audit));
  return done(runSql(st));
}

Status Store::addAudit(const AuditEntry& e) {
  return done(runSql({auditRow(e)}));
}

Result<std::vector<AuditEntry>> Store::auditOfOfficer(const std::string& username) {
  auto r = sql::one(*this,
                    "SELECT id, at_ms, action, target, reason, detail FROM audit_log WHERE username = ? ORDER BY id "
                    "DESC LIMIT 200",
                    {username});
  if (!r) return r.error();
  std::vector<AuditEntry> out;
  for (const auto& x : r->rows)
    out.push_back(AuditEntry{integer(x[0]), integer(x[1]), username, text(x[2]), text(x[3]), text(x[4]), text(x[5])});
  return out;
}

// --- Venues ---

Result<std::optional<OfficeVenue>> Store::officeVenue(const std::string& venueId) {
  auto r = sql::one(*this,
                    "SELECT venue_id, name, address, category, phone, ward_code, district_code, province_code, "
                    "staff_count, default_stay_minutes, valid_from_ms, valid_to_ms FROM venues WHERE venue_id = ?",
                    {venueId});
  if (!r) return r.error();
  if (r->rows.empty()) return std::optional<OfficeVenue>();
  const auto& x = r->rows[0];
  return std::optional<OfficeVenue>(OfficeVenue{text(x[0]), text(x[1]), text(x[2]), text(x[3]), text(x[4]), text(x[5]),
                                                text(x[6]), text(x[7]), integer(x[8]), integer(x[9]), integer(x[10]),
                                                integer(x[11])});
}

Result<std::optional<std::string>> Store::wardOfVenue(const std::string& venueId) {
  auto r = sql::one(*this, "SELECT ward_code FROM venues WHERE venue_id = ?", {venueId});
  if (!r) return r.error();
  if (r->rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(text(r->rows[0][0]));
}

Status Store::addOfficeVenue(const OfficeVenue& v, const std::vector<ScanPoint>& points, int64_t registeredMs) {
  std::vector<SqlStatement> st;
  st.push_back(
      {"INSERT INTO venues(venue_id, name, address, category, staff_count, default_stay_minutes, province_code, "
       "district_code, ward_code, phone, valid_from_ms, valid_to_ms, registered_ms) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
       {v.id, v.name, v.address, v.category, v.staffCount, v.defaultStayMinutes, v.province, v.district, v.ward,
        v.phone, sql::nullIfZero(v.validFromMs), sql::nullIfZero(v.validToMs), registeredMs}});
  for (const ScanPoint& p : points)
    st.push_back({"INSERT INTO scan_points(venue_id, scan_point_id, name) VALUES (?,?,?)", {v.id, p.id, p.name}});
  return done(runSql(st));
}

Status Store::setVenueWard(const std::string& venueId, const std::string& province, const std::string& district,
                           const std::string& ward) {
  return done(runSql({{"UPDATE venues SET province_code = ?, district_code = ?, ward_code = ? WHERE venue_id = ?",
                       {province, district, ward, venueId}}}));
}

Result<std::vector<OfficeVenue>> Store::venuesOfArea(const char* areaColumn, const std::string& area,
                                                     const std::string& ward) {
  auto col = sql::areaColumn(areaColumn);
  if (!col) return col.error();
  std::string q = "SELECT venue_id, name, category, ward_code, staff_count FROM venues WHERE " + col.value() + " = ?";
  std::vector<SqlValue> params{area};
  if (!ward.empty()) {
    q += " AND ward_code = ?";
    params.push_back(ward);
  }
  auto r = sql::one(*this, q + " ORDER BY ward_code, name LIMIT 2000", params);
  if (!r) return r.error();
  std::vector<OfficeVenue> out;
  for (const auto& x : r->rows) {
    OfficeVenue v;
    v.id = text(x[0]);
    v.name = text(x[1]);
    v.category = text(x[2]);
    v.ward = text(x[3]);
    v.staffCount = integer(x[4]);
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<VenueWithPoints>> Store::venuesWithPoints() {
  auto r = runSql({{"SELECT venue_id, ward_code, name FROM venues ORDER BY venue_id", {}},
                   {"SELECT venue_id, scan_point_id, name FROM scan_points ORDER BY venue_id, scan_point_id", {}}});
  if (!r) return r.error();
  std::vector<VenueWithPoints> out;
  for (const auto& v : r.value()[0].rows) out.push_back(VenueWithPoints{text(v[0]), text(v[1]), text(v[2]), {}});
  size_t i = 0;  // both lists are by venue id
  for (const auto& p : r.value()[1].rows) {
    const std::string venue = text(p[0]);
    while (i < out.size() && out[i].id < venue) ++i;
    if (i < out.size() && out[i].id == venue) out[i].points.emplace_back(text(p[1]), text(p[2]));
  }
  return out;
}

Result<RenameOutcome> Store::renameScanPoint(const std::string& venueId, const std::string& id,
                                             const std::string& newId) {
  auto r = runSql({{"SELECT 1 FROM scan_points WHERE venue_id = ? AND scan_point_id = ?", {venueId, id}},
                   {"SELECT 1 FROM scan_points WHERE venue_id = ? AND scan_point_id = ?", {venueId, newId}}});
  if (!r) return r.error();
  if (r.value()[0].rows.empty()) return RenameOutcome::NoSuchPoint;
  if (!r.value()[1].rows.empty()) return RenameOutcome::NewIdTaken;
  auto u = runSql(
      {{"UPDATE scan_points SET scan_point_id = ? WHERE venue_id = ? AND scan_point_id = ?", {newId, venueId, id}},
       {"DELETE FROM posters WHERE venue_id = ? AND scan_point_id = ?", {venueId, id}}});
  if (!u) return u.error();
  return RenameOutcome::Renamed;
}

Result<std::pair<std::vector<ScanPoint>, int64_t>> Store::venuePointsAndReminders(const std::string& venueId) {
  auto r = runSql({{"SELECT scan_point_id, name FROM scan_points WHERE venue_id = ? ORDER BY scan_point_id", {venueId}},
                   {"SELECT COUNT(*) FROM reminders WHERE venue_id = ?", {venueId}}});
  if (!r) return r.error();
  std::vector<ScanPoint> points;
  for (const auto& p : r.value()[0].rows) points.push_back(ScanPoint{text(p[0]), venueId, text(p[1])});
  return std::pair{std::move(points), integer(r.value()[1].rows.at(0).at(0))};
}

Result<int64_t> Store::addReminder(const std::string& venueId, const std::string& username, int64_t atMs,
                                   const std::string& note) {
  auto r = runSql(
      {{"INSERT INTO reminders(venue_id, username, at_ms, note) VALUES (?,?,?,?)", {venueId, username, atMs, note}},
       {"SELECT COUNT(*) FROM reminders WHERE venue_id = ?", {venueId}}});
  if (!r) return r.error();
  return integer(r.value()[1].rows.at(0).at(0));
}

Status Store::issueEnrollmentCodes(const std::string& venueId, const std::vector<std::string>& codeHashes,
                                   int64_t createdMs, int64_t expiresMs, const AuditEntry& audit) {
  std::vector<SqlStatement> st;
  for (const std::string& h : codeHashes)
    st.push_back({"INSERT INTO enrollment_codes(venue_id, code_hash, created_ms, expires_ms) VALUES (?,?,?,?)",
                  {venueId, h, createdMs, expiresMs}});
  st.push_back(auditRow(audit));
  return done(runSql(st));
}

// --- Violation reports ---

Result<int64_t> Store::addViolationReport(const ViolationReport& v) {
  auto r = sql::one(*this,
                    "INSERT INTO violation_reports(venue_id, ward_code, kind, note, reporter, created_ms, photo_type, "
                    "photo) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
                    {v.venueId, v.ward, v.kind, v.note, v.reporter, v.createdMs, v.photoType,
                     v.photo.empty() ? SqlValue() : SqlValue(SqlBlob{v.photo})});
  if (!r) return r.error();
  return integer(r->rows.at(0).at(0));
}

Result<std::vector<ViolationReport>> Store::violationReports(const char* areaColumn, const std::string& area,
                                                             bool openOnly) {
  auto col = sql::areaColumn(areaColumn);
  if (!col) return col.error();
  auto r = sql::one(*this,
                    "SELECT r.id, r.venue_id, v.name, r.ward_code, r.kind, r.note, r.reporter, r.created_ms, "
                    "r.photo_type, r.resolved_ms, r.resolved_by, r.resolution_note FROM violation_reports r JOIN "
                    "venues v ON v.venue_id = r.venue_id WHERE v." +
                        col.value() + " = ?" + (openOnly ? " AND r.resolved_ms IS NULL" : "") +
                        " ORDER BY r.created_ms DESC LIMIT 500",
                    {area});
  if (!r) return r.error();
  std::vector<ViolationReport> out;
  for (const auto& x : r->rows) {
    ViolationReport v;
    v.id = integer(x[0]);
    v.venueId = text(x[1]);
    v.venueName = text(x[2]);
    v.ward = text(x[3]);
    v.kind = text(x[4]);
    v.note = text(x[5]);
    v.reporter = text(x[6]);
    v.createdMs = integer(x[7]);
    v.photoType = text(x[8]);
    if (!isNull(x[9])) v.resolvedMs = integer(x[9]);
    v.resolvedBy = text(x[10]);
    v.resolutionNote = text(x[11]);
    out.push_back(std::move(v));
  }
  return out;
}

Result<bool> Store::resolveViolationReport(int64_t id, const char* areaColumn, const std::string& area,
                                           const std::string& by, const std::string& note, int64_t nowMs) {
  auto col = sql::areaColumn(areaColumn);
  if (!col) return col.error();
  auto r = sql::one(*this,
                    "UPDATE violation_reports SET resolved_ms = ?, resolved_by = ?, resolution_note = ? WHERE id = ? "
                    "AND resolved_ms IS NULL AND venue_id IN (SELECT venue_id FROM venues WHERE " +
                        col.value() + " = ?)",
                    {nowMs, by, note, id, area});
  if (!r) return r.error();
  return r->changes > 0;
}

Result<std::optional<ViolationPhoto>> Store::violationPhoto(int64_t id, const char* areaColumn,
                                                            const std::string& area) {
  auto col = sql::areaColumn(areaColumn);
  if (!col) return col.error();
  auto r = sql::one(*this,
                    "SELECT r.photo_type, r.photo FROM violation_reports r JOIN venues v ON v.venue_id = r.venue_id "
                    "WHERE r.id = ? AND v." +
                        col.value() + " = ?",
                    {id, area});
  if (!r) return r.error();
  if (r->rows.empty() || isNull(r->rows[0][1])) return std::optional<ViolationPhoto>();
  return std::optional<ViolationPhoto>(ViolationPhoto{text(r->rows[0][0]), text(r->rows[0][1])});
}

// --- The upstream feed ---

Status Store::addFeedToken(const std::string& tokenHash, const std::string& name, int64_t createdMs) {
  return done(
      runSql({{"INSERT INTO feed_tokens(token_hash, name, created_ms) VALUES (?,?,?)", {tokenHash, name, createdMs}}}));
}

Result<std::optional<std::string>> Store::feedTokenName(const std::string& tokenHash) {
  auto r = sql::one(*this, "SELECT name FROM feed_tokens WHERE token_hash = ? AND revoked_ms IS NULL", {tokenHash});
  if (!r) return r.error();
  if (r->rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(text(r->rows[0][0]));
}

Result<std::vector<FeedRow>> Store::checkInsAfter(int64_t cursor, int64_t limit) {
  auto r = sql::one(*this,
                    "SELECT ingest_seq, device_id, seq, venue_id, scan_point_id, person_kind, person_key, name, phone, "
                    "birth_year, dir, ts_ms, tz_min, voided FROM check_ins WHERE ingest_seq > ? ORDER BY ingest_seq "
                    "LIMIT ?",
                    {cursor, limit});
  if (!r) return r.error();
  std::vector<FeedRow> out;
  for (const auto& x : r->rows) {
    FeedRow f;
    f.ingestSeq = integer(x[0]);
    CheckIn& ci = f.checkIn;
    ci.deviceId = text(x[1]);
    ci.seq = integer(x[2]);
    ci.venueId = text(x[3]);
    ci.scanPointId = text(x[4]);
    ci.person.kind = personKindFromString(text(x[5])).value_or(PersonKind::Manual);
    ci.person.key = text(x[6]);
    ci.person.displayName = text(x[7]);
    ci.person.phone = text(x[8]);
    ci.person.birthYear = int(integer(x[9]));
    ci.direction = directionFromString(text(x[10])).value_or(Direction::In);
    ci.at = Instant{integer(x[11]), int(integer(x[12]))};
    ci.voided = integer(x[13]) != 0;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace diemquet::server
