// Versioned schema migrations, one list for both backends (each step in both dialects).
// Append only: a released step is never edited; the next change is a new version.
#pragma once
#include <algorithm>
#include <vector>

namespace diemquet::server {

struct Migration {
  int version;
  const char* sqlite;
  const char* postgres;
};

// Office (server/office/, versions 100-199): venue areas and registration details, officers
// and their sessions, the audit log, reminders, violation reports, upstream feed tokens, the
// daily aggregates kept after personal data is purged, and a server-assigned ingest sequence
// on check-ins (the feed's cursor; a later void moves the row to the end of the feed).
inline const Migration& officeMigration100() {
  static const Migration m{100,
       R"sql(
ALTER TABLE venues ADD COLUMN province_code TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN district_code TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN ward_code TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN valid_from_ms INTEGER;
ALTER TABLE venues ADD COLUMN valid_to_ms INTEGER;
ALTER TABLE venues ADD COLUMN registered_ms INTEGER NOT NULL DEFAULT 0;
CREATE INDEX venues_by_ward ON venues(ward_code);
CREATE INDEX venues_by_district ON venues(district_code);
CREATE INDEX venues_by_province ON venues(province_code);
CREATE TABLE officers (
  username TEXT PRIMARY KEY, level TEXT NOT NULL, area_code TEXT NOT NULL, password_hash TEXT NOT NULL,
  created_ms INTEGER NOT NULL, disabled_ms INTEGER);
CREATE TABLE office_sessions (
  token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, created_ms INTEGER NOT NULL, last_used_ms INTEGER NOT NULL);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at_ms INTEGER NOT NULL, username TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE reminders (
  id INTEGER PRIMARY KEY AUTOINCREMENT, venue_id TEXT NOT NULL, username TEXT NOT NULL, at_ms INTEGER NOT NULL,
  note TEXT NOT NULL);
CREATE INDEX reminders_by_venue ON reminders(venue_id);
CREATE TABLE violation_reports (
  id INTEGER PRIMARY KEY AUTOINCREMENT, venue_id TEXT NOT NULL, ward_code TEXT NOT NULL, kind TEXT NOT NULL,
  note TEXT NOT NULL, reporter TEXT NOT NULL, created_ms INTEGER NOT NULL, photo_type TEXT NOT NULL,
  photo BLOB, resolved_ms INTEGER, resolved_by TEXT, resolution_note TEXT);
CREATE INDEX violation_reports_by_ward ON violation_reports(ward_code, created_ms);
CREATE TABLE feed_tokens (
  token_hash TEXT PRIMARY KEY, name TEXT NOT NULL, created_ms INTEGER NOT NULL, revoked_ms INTEGER);
CREATE TABLE daily_aggregates (
  venue_id TEXT NOT NULL, day INTEGER NOT NULL, scans INTEGER NOT NULL, PRIMARY KEY (venue_id, day));
CREATE TABLE ingest_counter (n INTEGER NOT NULL);
ALTER TABLE check_ins ADD COLUMN ingest_seq INTEGER;
UPDATE check_ins SET ingest_seq = rowid;
INSERT INTO ingest_counter(n) SELECT COALESCE(MAX(rowid), 0) FROM check_ins;
CREATE INDEX check_ins_by_ingest ON check_ins(ingest_seq);
CREATE INDEX check_ins_by_person ON check_ins(person_key, ts_ms);
CREATE INDEX check_ins_by_phone ON check_ins(phone, ts_ms);
CREATE INDEX check_ins_by_ts ON check_ins(ts_ms);
CREATE TRIGGER check_ins_ingest_seq AFTER INSERT ON check_ins BEGIN
  UPDATE ingest_counter SET n = n + 1;
  UPDATE check_ins SET ingest_seq = (SELECT n FROM ingest_counter) WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER check_ins_void_seq AFTER UPDATE OF voided ON check_ins BEGIN
  UPDATE ingest_counter SET n = n + 1;
  UPDATE check_ins SET ingest_seq = (SELECT n FROM ingest_counter) WHERE rowid = NEW.rowid;
END;
)sql",
       R"sql(
ALTER TABLE venues ADD COLUMN province_code TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN district_code TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN ward_code TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN valid_from_ms BIGINT;
ALTER TABLE venues ADD COLUMN valid_to_ms BIGINT;
ALTER TABLE venues ADD COLUMN registered_ms BIGINT NOT NULL DEFAULT 0;
CREATE INDEX venues_by_ward ON venues(ward_code);
CREATE INDEX venues_by_district ON venues(district_code);
CREATE INDEX venues_by_province ON venues(province_code);
CREATE TABLE officers (
  username TEXT PRIMARY KEY, level TEXT NOT NULL, area_code TEXT NOT NULL, password_hash TEXT NOT NULL,
  created_ms BIGINT NOT NULL, disabled_ms BIGINT);
CREATE TABLE office_sessions (
  token_hash TEXT PRIMARY KEY, username TEXT NOT NULL, created_ms BIGINT NOT NULL, last_used_ms BIGINT NOT NULL);
CREATE TABLE audit_log (
  id BIGSERIAL PRIMARY KEY, at_ms BIGINT NOT NULL, username TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE reminders (
  id BIGSERIAL PRIMARY KEY, venue_id TEXT NOT NULL, username TEXT NOT NULL, at_ms BIGINT NOT NULL,
  note TEXT NOT NULL);
CREATE INDEX reminders_by_venue ON reminders(venue_id);
CREATE TABLE violation_reports (
  id BIGSERIAL PRIMARY KEY, venue_id TEXT NOT NULL, ward_code TEXT NOT NULL, kind TEXT NOT NULL,
  note TEXT NOT NULL, reporter TEXT NOT NULL, created_ms BIGINT NOT NULL, photo_type TEXT NOT NULL,
  photo TEXT, resolved_ms BIGINT, resolved_by TEXT, resolution_note TEXT);
CREATE INDEX violation_reports_by_ward ON violation_reports(ward_code, created_ms);
CREATE TABLE feed_tokens (
  token_hash TEXT PRIMARY KEY, name TEXT NOT NULL, created_ms BIGINT NOT NULL, revoked_ms BIGINT);
CREATE TABLE daily_aggregates (
  venue_id TEXT NOT NULL, day BIGINT NOT NULL, scans BIGINT NOT NULL, PRIMARY KEY (venue_id, day));
CREATE SEQUENCE check_ins_ingest_seq;
ALTER TABLE check_ins ADD COLUMN ingest_seq BIGINT;
UPDATE check_ins SET ingest_seq = nextval('check_ins_ingest_seq');
ALTER TABLE check_ins ALTER COLUMN ingest_seq SET DEFAULT nextval('check_ins_ingest_seq');
CREATE INDEX check_ins_by_ingest ON check_ins(ingest_seq);
CREATE INDEX check_ins_by_person ON check_ins(person_key, ts_ms);
CREATE INDEX check_ins_by_phone ON check_ins(phone, ts_ms);
CREATE INDEX check_ins_by_ts ON check_ins(ts_ms);
CREATE FUNCTION check_ins_void_reseq() RETURNS trigger LANGUAGE plpgsql AS $f$
BEGIN NEW.ingest_seq := nextval('check_ins_ingest_seq'); RETURN NEW; END $f$;
CREATE TRIGGER check_ins_void_seq BEFORE UPDATE OF voided ON check_ins FOR EACH ROW
  EXECUTE FUNCTION check_ins_void_reseq();
)sql"};
  return m;
}

// Office 101: a covering index for the weekly report's per-venue, per-week scan counts (the
// province report over 1M check-ins went from 16 s to well under a second; bench/office).
inline const Migration& officeMigration101() {
  static const Migration m{101, "CREATE INDEX check_ins_report ON check_ins(venue_id, ts_ms, voided);",
                           "CREATE INDEX check_ins_report ON check_ins(venue_id, ts_ms, voided);"};
  return m;
}

// Office 105: the weekly report's roll-up (server/office/retention.cpp). daily_scans holds, for
// every Vietnam day before rollup_state.through_day, each venue's count of non-voided check-ins
// still stored (purged ones are in daily_aggregates); rollup_state.through_seq is the highest
// ingest_seq counted, so an upload or a void arriving later for a rolled-up day is found by
// ingest_seq and recomputed. The report reads these counts instead of the check-ins.
inline const Migration& officeMigration105() {
  static const Migration m{105,
       R"sql(
CREATE TABLE daily_scans (
  venue_id TEXT NOT NULL, day INTEGER NOT NULL, scans INTEGER NOT NULL, PRIMARY KEY (venue_id, day)) WITHOUT ROWID;
CREATE TABLE rollup_state (through_day INTEGER NOT NULL, through_seq INTEGER NOT NULL);
INSERT INTO rollup_state(through_day, through_seq) VALUES (0, 0);
)sql",
       R"sql(
CREATE TABLE daily_scans (
  venue_id TEXT NOT NULL, day BIGINT NOT NULL, scans BIGINT NOT NULL, PRIMARY KEY (venue_id, day));
CREATE TABLE rollup_state (through_day BIGINT NOT NULL, through_seq BIGINT NOT NULL);
INSERT INTO rollup_state(through_day, through_seq) VALUES (0, 0);
)sql"};
  return m;
}

// Office 106: the phone index holds only check-ins that have a phone. Most have none (a CCCD
// scan carries no phone), so the full index was one key ('') for nearly every row: SQLite's
// statistics then priced "phone = ?" as a scan of the table and contact tracing walked every
// venue of the province instead (seconds at 10 M check-ins). The trace asks `phone <> ''`.
inline const Migration& officeMigration106() {
  static const Migration m{106,
       R"sql(
DROP INDEX check_ins_by_phone;
CREATE INDEX check_ins_by_phone ON check_ins(phone, ts_ms) WHERE phone <> '';
)sql",
       R"sql(
DROP INDEX check_ins_by_phone;
CREATE INDEX check_ins_by_phone ON check_ins(phone, ts_ms) WHERE phone <> '';
)sql"};
  return m;
}

// Office 107: the roll-up's counts summed per venue and ISO week (week = the day number of its
// Monday, Vietnam time), kept for every week whose seven days are all rolled up and always
// equal to the sum of that week's daily_scans rows: a province report then reads one row per
// venue and week instead of seven (server/office/retention.cpp, report.cpp).
inline const Migration& officeMigration107() {
  static const Migration m{107,
       R"sql(
CREATE TABLE weekly_scans (
  venue_id TEXT NOT NULL, week INTEGER NOT NULL, scans INTEGER NOT NULL, PRIMARY KEY (venue_id, week)) WITHOUT ROWID;
)sql",
       R"sql(
CREATE TABLE weekly_scans (
  venue_id TEXT NOT NULL, week BIGINT NOT NULL, scans BIGINT NOT NULL, PRIMARY KEY (venue_id, week));
)sql"};
  return m;
}

// Every table's key starts with venue_id, so a venue's rows stay together (and can later be
// distributed by venue, see docs/scaling.md).
inline const std::vector<Migration>& migrations() {
  static const std::vector<Migration> kAll = {
      {1,
       R"sql(
CREATE TABLE venues (
  venue_id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '', staff_count INTEGER NOT NULL DEFAULT 0,
  default_stay_minutes INTEGER NOT NULL DEFAULT 120);
CREATE TABLE scan_points (
  venue_id TEXT NOT NULL REFERENCES venues(venue_id), scan_point_id TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (venue_id, scan_point_id));
CREATE TABLE enrollment_codes (
  venue_id TEXT NOT NULL REFERENCES venues(venue_id), code_hash TEXT NOT NULL UNIQUE,
  created_ms INTEGER NOT NULL, expires_ms INTEGER NOT NULL, used_ms INTEGER, used_by_device TEXT,
  PRIMARY KEY (venue_id, code_hash));
CREATE TABLE devices (
  venue_id TEXT NOT NULL REFERENCES venues(venue_id), device_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, enrolled_ms INTEGER NOT NULL, revoked_ms INTEGER,
  PRIMARY KEY (venue_id, device_id));
CREATE INDEX devices_by_device ON devices(device_id);
CREATE TABLE check_ins (
  venue_id TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL,
  scan_point_id TEXT NOT NULL, person_kind TEXT NOT NULL, person_key TEXT NOT NULL, name TEXT NOT NULL,
  phone TEXT NOT NULL, birth_year INTEGER NOT NULL, dir TEXT NOT NULL, ts_ms INTEGER NOT NULL,
  tz_min INTEGER NOT NULL, voided INTEGER NOT NULL, voided_ms INTEGER, received_ms INTEGER NOT NULL,
  PRIMARY KEY (venue_id, device_id, seq));
CREATE UNIQUE INDEX check_ins_identity ON check_ins(device_id, seq);
CREATE INDEX check_ins_by_time ON check_ins(venue_id, ts_ms);
CREATE TABLE conflicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT, venue_id TEXT NOT NULL, device_id TEXT NOT NULL,
  seq INTEGER NOT NULL, incoming_json TEXT NOT NULL, received_ms INTEGER NOT NULL);
CREATE INDEX conflicts_by_venue ON conflicts(venue_id, id);
)sql",
       R"sql(
CREATE TABLE venues (
  venue_id TEXT PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL DEFAULT '', staff_count INTEGER NOT NULL DEFAULT 0,
  default_stay_minutes INTEGER NOT NULL DEFAULT 120);
CREATE TABLE scan_points (
  venue_id TEXT NOT NULL REFERENCES venues(venue_id), scan_point_id TEXT NOT NULL, name TEXT NOT NULL,
  PRIMARY KEY (venue_id, scan_point_id));
CREATE TABLE enrollment_codes (
  venue_id TEXT NOT NULL REFERENCES venues(venue_id), code_hash TEXT NOT NULL UNIQUE,
  created_ms BIGINT NOT NULL, expires_ms BIGINT NOT NULL, used_ms BIGINT, used_by_device TEXT,
  PRIMARY KEY (venue_id, code_hash));
CREATE TABLE devices (
  venue_id TEXT NOT NULL REFERENCES venues(venue_id), device_id TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE, enrolled_ms BIGINT NOT NULL, revoked_ms BIGINT,
  PRIMARY KEY (venue_id, device_id));
CREATE INDEX devices_by_device ON devices(device_id);
CREATE TABLE check_ins (
  venue_id TEXT NOT NULL, device_id TEXT NOT NULL, seq BIGINT NOT NULL,
  scan_point_id TEXT NOT NULL, person_kind TEXT NOT NULL, person_key TEXT NOT NULL, name TEXT NOT NULL,
  phone TEXT NOT NULL, birth_year INTEGER NOT NULL, dir TEXT NOT NULL, ts_ms BIGINT NOT NULL,
  tz_min INTEGER NOT NULL, voided BOOLEAN NOT NULL, voided_ms BIGINT, received_ms BIGINT NOT NULL,
  PRIMARY KEY (venue_id, device_id, seq));
CREATE UNIQUE INDEX check_ins_identity ON check_ins(device_id, seq);
CREATE INDEX check_ins_by_time ON check_ins(venue_id, ts_ms);
CREATE TABLE conflicts (
  id BIGSERIAL, venue_id TEXT NOT NULL, device_id TEXT NOT NULL,
  seq BIGINT NOT NULL, incoming_json TEXT NOT NULL, received_ms BIGINT NOT NULL,
  PRIMARY KEY (venue_id, id));
)sql"},
      officeMigration100(),
      officeMigration101(),
      officeMigration105(),
      officeMigration106(),
      officeMigration107(),
  };
  return kAll;
}

// Posters (server/posters/): signing keys, issued posters, self check-in declarations.
// Kept apart from kAll so parallel work on other ranges never touches these lines.
inline const Migration& postersMigration200() {
  static const Migration m{200,
       R"sql(
CREATE TABLE signing_keys (
  key_id TEXT PRIMARY KEY, seed_hex TEXT NOT NULL, created_ms INTEGER NOT NULL, revoked_ms INTEGER);
CREATE TABLE posters (
  venue_id TEXT NOT NULL REFERENCES venues(venue_id), scan_point_id TEXT NOT NULL, key_id TEXT NOT NULL,
  issued_ms INTEGER NOT NULL, url TEXT NOT NULL, validity TEXT NOT NULL, issued_by TEXT NOT NULL,
  PRIMARY KEY (venue_id, scan_point_id, issued_ms, key_id));
CREATE TABLE self_declarations (
  venue_id TEXT NOT NULL, device_id TEXT NOT NULL, seq INTEGER NOT NULL, declaration_json TEXT NOT NULL,
  received_ms INTEGER NOT NULL, PRIMARY KEY (venue_id, device_id, seq));
)sql",
       R"sql(
CREATE TABLE signing_keys (
  key_id TEXT PRIMARY KEY, seed_hex TEXT NOT NULL, created_ms BIGINT NOT NULL, revoked_ms BIGINT);
CREATE TABLE posters (
  venue_id TEXT NOT NULL REFERENCES venues(venue_id), scan_point_id TEXT NOT NULL, key_id TEXT NOT NULL,
  issued_ms BIGINT NOT NULL, url TEXT NOT NULL, validity TEXT NOT NULL, issued_by TEXT NOT NULL,
  PRIMARY KEY (venue_id, scan_point_id, issued_ms, key_id));
CREATE TABLE self_declarations (
  venue_id TEXT NOT NULL, device_id TEXT NOT NULL, seq BIGINT NOT NULL, declaration_json TEXT NOT NULL,
  received_ms BIGINT NOT NULL, PRIMARY KEY (venue_id, device_id, seq));
)sql"};
  return m;
}

// Posters 210: each issued poster's short code (poster::shortCode of its venue and scan point),
// so /c/{code} finds it by index. Rows issued before are filled on the first lookup
// (server/posters/short_codes.cpp): the code is derived from the ids, SQL cannot compute it.
inline const Migration& postersMigration210() {
  static const Migration m{210,
       R"sql(
ALTER TABLE posters ADD COLUMN short_code TEXT NOT NULL DEFAULT '';
CREATE INDEX posters_by_short_code ON posters(short_code);
)sql",
       R"sql(
ALTER TABLE posters ADD COLUMN short_code TEXT NOT NULL DEFAULT '';
CREATE INDEX posters_by_short_code ON posters(short_code);
)sql"};
  return m;
}

// Ingest 102: the store assigns check_ins.ingest_seq itself, once per group commit, instead of
// two triggers that rewrote every inserted row (SQLite ingest was trigger-bound); and
// check_ins_by_time (venue_id, ts_ms) goes, since check_ins_report (venue_id, ts_ms, voided)
// serves every query it served. One index less to maintain per inserted row.
inline const Migration& ingestMigration102() {
  static const Migration m{102,
       R"sql(
DROP TRIGGER check_ins_ingest_seq;
DROP TRIGGER check_ins_void_seq;
DROP INDEX check_ins_by_time;
)sql",
       R"sql(
DROP INDEX check_ins_by_time;
)sql"};
  return m;
}

// Areas 120 (server/areas/): the administrative map as data. areas holds every unit ever
// imported (a reorganisation sets retired_ms instead of deleting, so a venue's code keeps its
// name); area_successors maps old codes to the new areas they became; area_generation moves
// with every import, so running servers reload their in-memory copy.
inline const Migration& areasMigration120() {
  static const Migration m{120,
       R"sql(
CREATE TABLE areas (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL, level TEXT NOT NULL, parent TEXT NOT NULL,
  kind TEXT NOT NULL, source TEXT NOT NULL, imported_ms INTEGER NOT NULL, retired_ms INTEGER);
CREATE INDEX areas_by_parent ON areas(parent);
CREATE TABLE area_successors (
  old_code TEXT NOT NULL, new_code TEXT NOT NULL, since_ms INTEGER NOT NULL, PRIMARY KEY (old_code, new_code));
CREATE INDEX area_successors_by_new ON area_successors(new_code);
CREATE TABLE area_generation (n INTEGER NOT NULL);
INSERT INTO area_generation(n) VALUES (0);
)sql",
       R"sql(
CREATE TABLE areas (
  code TEXT PRIMARY KEY, name TEXT NOT NULL, short_name TEXT NOT NULL, level TEXT NOT NULL, parent TEXT NOT NULL,
  kind TEXT NOT NULL, source TEXT NOT NULL, imported_ms BIGINT NOT NULL, retired_ms BIGINT);
CREATE INDEX areas_by_parent ON areas(parent);
CREATE TABLE area_successors (
  old_code TEXT NOT NULL, new_code TEXT NOT NULL, since_ms BIGINT NOT NULL, PRIMARY KEY (old_code, new_code));
CREATE INDEX area_successors_by_new ON area_successors(new_code);
CREATE TABLE area_generation (n BIGINT NOT NULL);
INSERT INTO area_generation(n) VALUES (0);
)sql"};
  return m;
}

// Exposures 400 (server/exposures/, issue #17): what officers publish for visitors' phones to
// match against their own history. Withdrawn rows stay (withdrawn_ms) for the audit trail and
// so the list's version keeps moving forward.
inline const Migration& exposuresMigration400() {
  static const Migration m{400,
       R"sql(
CREATE TABLE exposures (
  id INTEGER PRIMARY KEY AUTOINCREMENT, venue_id TEXT NOT NULL REFERENCES venues(venue_id),
  scan_point_id TEXT NOT NULL DEFAULT '', from_ms INTEGER NOT NULL, until_ms INTEGER NOT NULL,
  advice TEXT NOT NULL, published_by TEXT NOT NULL, published_ms INTEGER NOT NULL,
  withdrawn_ms INTEGER, withdrawn_by TEXT NOT NULL DEFAULT '');
CREATE INDEX exposures_by_until ON exposures(until_ms);
)sql",
       R"sql(
CREATE TABLE exposures (
  id BIGSERIAL PRIMARY KEY, venue_id TEXT NOT NULL REFERENCES venues(venue_id),
  scan_point_id TEXT NOT NULL DEFAULT '', from_ms BIGINT NOT NULL, until_ms BIGINT NOT NULL,
  advice TEXT NOT NULL, published_by TEXT NOT NULL, published_ms BIGINT NOT NULL,
  withdrawn_ms BIGINT, withdrawn_by TEXT NOT NULL DEFAULT '');
CREATE INDEX exposures_by_until ON exposures(until_ms);
)sql"};
  return m;
}

// Self-registration 140 (server/office/self_registration.cpp): a venue's verification state
// ('verified' for every venue an officer or the CLI made; 'self' until the commune's officer
// confirms a self-registered one, or 'rejected'), folded name and street address (duplicates
// in the same commune are flagged), and the owner's secret, stored as its SHA-256 only, with
// the folded phone it was registered with (registrations per phone are limited).
inline const Migration& selfRegistrationMigration140() {
  static const Migration m{140,
       R"sql(
ALTER TABLE venues ADD COLUMN verification TEXT NOT NULL DEFAULT 'verified';
ALTER TABLE venues ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN verified_ms INTEGER;
ALTER TABLE venues ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN address_key TEXT NOT NULL DEFAULT '';
CREATE INDEX venues_unverified ON venues(verification, ward_code);
CREATE TABLE venue_owners (
  venue_id TEXT PRIMARY KEY REFERENCES venues(venue_id), key_hash TEXT NOT NULL UNIQUE, phone_key TEXT NOT NULL,
  created_ms INTEGER NOT NULL);
CREATE INDEX venue_owners_by_phone ON venue_owners(phone_key, created_ms);
)sql",
       R"sql(
ALTER TABLE venues ADD COLUMN verification TEXT NOT NULL DEFAULT 'verified';
ALTER TABLE venues ADD COLUMN verified_by TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN verified_ms BIGINT;
ALTER TABLE venues ADD COLUMN name_key TEXT NOT NULL DEFAULT '';
ALTER TABLE venues ADD COLUMN address_key TEXT NOT NULL DEFAULT '';
CREATE INDEX venues_unverified ON venues(verification, ward_code);
CREATE TABLE venue_owners (
  venue_id TEXT PRIMARY KEY REFERENCES venues(venue_id), key_hash TEXT NOT NULL UNIQUE, phone_key TEXT NOT NULL,
  created_ms BIGINT NOT NULL);
CREATE INDEX venue_owners_by_phone ON venue_owners(phone_key, created_ms);
)sql"};
  return m;
}

// Rejected self-registrations 150: the officer's reason, which the owner sees with the refusal.
inline const Migration& rejectionNoteMigration150() {
  static const Migration m{150, "ALTER TABLE venues ADD COLUMN verification_note TEXT NOT NULL DEFAULT '';",
                           "ALTER TABLE venues ADD COLUMN verification_note TEXT NOT NULL DEFAULT '';"};
  return m;
}

// Repeated entries 160 (session 12): a second phone at the same gate, offline, took a person
// in again within the repeat window of the first phone's entry. The check-in stays as sent;
// this names it, so the report counts one scan (storage/repeated_entries.cpp).
inline const Migration& repeatedEntriesMigration160() {
  static const Migration m{160,
                           "CREATE TABLE repeated_entries (venue_id TEXT NOT NULL, device_id TEXT NOT NULL, "
                           "seq INTEGER NOT NULL, ts_ms INTEGER NOT NULL, PRIMARY KEY (device_id, seq));"
                           "CREATE INDEX repeated_entries_by_venue ON repeated_entries(venue_id, ts_ms);",
                           "CREATE TABLE repeated_entries (venue_id TEXT NOT NULL, device_id TEXT NOT NULL, "
                           "seq BIGINT NOT NULL, ts_ms BIGINT NOT NULL, PRIMARY KEY (device_id, seq));"
                           "CREATE INDEX repeated_entries_by_venue ON repeated_entries(venue_id, ts_ms);"};
  return m;
}

// Photos 410 (issue #13): a violation report's photo is bytes on both backends, BLOB in
// SQLite and BYTEA in PostgreSQL (it was base64 text in a BLOB column, and TEXT). Stored
// photos are decoded once; SQLite's dq_base64_decode is registered by the store
// (storage/sqlite/sqlite_store.cpp), and leaves anything not base64 text as it is.
inline const Migration& photosMigration410() {
  static const Migration m{410,
       R"sql(
UPDATE violation_reports SET photo = dq_base64_decode(photo) WHERE typeof(photo) = 'text';
)sql",
       R"sql(
ALTER TABLE violation_reports ALTER COLUMN photo TYPE BYTEA USING decode(photo, 'base64');
)sql"};
  return m;
}

// Migrations for the runner: by version (owners append to different ranges of kAll, 100-199
// venues/office, 200-299 posters, so list order is not version order). The runner applies
// every version not yet recorded in schema_version, in this order.
inline const Migration& opsMigration300();
inline const Migration& opsMigration301();
inline std::vector<Migration> orderedMigrations() {
  std::vector<Migration> all = migrations();
  all.push_back(ingestMigration102());
  all.push_back(postersMigration200());
  all.push_back(postersMigration210());
  all.push_back(opsMigration300());  // schema_ops.hpp
  all.push_back(opsMigration301());
  all.push_back(areasMigration120());
  all.push_back(exposuresMigration400());
  all.push_back(photosMigration410());
  all.push_back(selfRegistrationMigration140());
  all.push_back(rejectionNoteMigration150());
  all.push_back(repeatedEntriesMigration160());
  std::sort(all.begin(), all.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return all;
}

}  // namespace diemquet::server

#include "schema_ops.hpp"  // NOLINT: after orderedMigrations, which declares what it defines
