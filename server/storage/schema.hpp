// Versioned schema migrations, one list for both backends (each step in both dialects).
// Append only: a released step is never edited; the next change is a new version.
#pragma once
#include <vector>

namespace diemquet::server {

struct Migration {
  int version;
  const char* sqlite;
  const char* postgres;
};

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
  };
  return kAll;
}

}  // namespace diemquet::server
