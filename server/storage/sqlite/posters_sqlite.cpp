// SQLite side of the posters tables (migration 200): signing keys, issued posters and the
// declarations sent with self check-ins. Same connection and lock as sqlite_store.cpp.
#include <sqlite3.h>

#include "sqlite_query.hpp"
#include "sqlite_store.hpp"

namespace diemquet::server {

namespace {

Error posterDbError(sqlite3* db, const std::string& what) {
  return makeError(ErrorKind::Storage, what + ": " + sqlite3_errmsg(db));
}

using Q = SqliteQuery;

}  // namespace

Status SqliteStore::addSigningKey(const SigningKeyRow& key) {
  std::lock_guard lock(m_mutex);
  Q q(m_db, "INSERT INTO signing_keys(key_id, seed_hex, created_ms) VALUES (?,?,?)");
  q.bind(1, key.keyId).bind(2, key.seedHex).bind(3, key.createdMs);
  int rc = q.step();
  if (rc == SQLITE_CONSTRAINT) return makeError(ErrorKind::Conflict, "a signing key with this id exists");
  if (rc != SQLITE_DONE) return posterDbError(m_db, "adding signing key");
  return Done{};
}

Result<std::vector<SigningKeyRow>> SqliteStore::signingKeys() {
  std::lock_guard lock(m_mutex);
  Q q(m_db, "SELECT key_id, seed_hex, created_ms, COALESCE(revoked_ms, 0) FROM signing_keys ORDER BY created_ms, key_id");
  std::vector<SigningKeyRow> out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW) out.push_back(SigningKeyRow{q.text(0), q.text(1), q.integer(2), q.integer(3)});
  if (rc != SQLITE_DONE) return posterDbError(m_db, "reading signing keys");
  return out;
}

Status SqliteStore::revokeSigningKey(const std::string& keyId, int64_t nowMs) {
  std::lock_guard lock(m_mutex);
  Q q(m_db, "UPDATE signing_keys SET revoked_ms=? WHERE key_id=? AND revoked_ms IS NULL");
  q.bind(1, nowMs).bind(2, keyId);
  if (q.step() != SQLITE_DONE) return posterDbError(m_db, "revoking signing key");
  if (sqlite3_changes(m_db) == 0) return makeError(ErrorKind::NotFound, "no such signing key in use");
  return Done{};
}

Status SqliteStore::recordPosters(const std::vector<PosterRow>& rows) {
  std::lock_guard lock(m_mutex);
  if (auto st = exec("BEGIN IMMEDIATE"); !st) return st;
  Status st = Done{};
  for (const PosterRow& r : rows) {
    Q q(m_db,
        "INSERT OR REPLACE INTO posters(venue_id, scan_point_id, key_id, issued_ms, url, validity, issued_by) "
        "VALUES (?,?,?,?,?,?,?)");
    q.bind(1, r.venueId).bind(2, r.scanPointId).bind(3, r.keyId).bind(4, r.issuedMs).bind(5, r.url);
    q.bind(6, r.validity).bind(7, r.issuedBy);
    if (q.step() != SQLITE_DONE) {
      st = posterDbError(m_db, "recording poster");
      break;
    }
  }
  if (!st) {
    exec("ROLLBACK");
    return st;
  }
  return exec("COMMIT");
}

Result<std::vector<PosterRow>> SqliteStore::postersOfVenue(const std::string& venueId) {
  std::lock_guard lock(m_mutex);
  Q q(m_db,
      "SELECT p.venue_id, p.scan_point_id, p.key_id, p.issued_ms, p.url, p.validity, p.issued_by FROM posters p "
      "WHERE p.venue_id=? AND p.issued_ms = (SELECT MAX(issued_ms) FROM posters x "
      "WHERE x.venue_id=p.venue_id AND x.scan_point_id=p.scan_point_id) ORDER BY p.scan_point_id");
  q.bind(1, venueId);
  std::vector<PosterRow> out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW)
    out.push_back(PosterRow{q.text(0), q.text(1), q.text(2), q.integer(3), q.text(4), q.text(5), q.text(6)});
  if (rc != SQLITE_DONE) return posterDbError(m_db, "reading posters");
  return out;
}

Status SqliteStore::recordSelfDeclaration(const std::string& venueId, const std::string& deviceId, int64_t seq,
                                          const std::string& declarationJson, int64_t receivedMs) {
  std::lock_guard lock(m_mutex);
  Q q(m_db,
      "INSERT OR IGNORE INTO self_declarations(venue_id, device_id, seq, declaration_json, received_ms) "
      "VALUES (?,?,?,?,?)");
  q.bind(1, venueId).bind(2, deviceId).bind(3, seq).bind(4, declarationJson).bind(5, receivedMs);
  if (q.step() != SQLITE_DONE) return posterDbError(m_db, "recording declaration");
  return Done{};
}

}  // namespace diemquet::server
