// SQLite side of the exposures table (migration 400). Same connection and lock as
// sqlite_store.cpp.
#include <sqlite3.h>

#include "sqlite_query.hpp"
#include "sqlite_store.hpp"

namespace diemquet::server {

namespace {

Error exposureDbError(sqlite3* db, const std::string& what) {
  return makeError(ErrorKind::Storage, what + ": " + sqlite3_errmsg(db));
}

using Stmt = SqliteQuery;

}  // namespace

Result<int64_t> SqliteStore::addExposure(const ExposureRow& e) {
  std::lock_guard lock(m_mutex);
  {
    Stmt v(m_db, "SELECT 1 FROM venues WHERE venue_id = ?");
    v.bind(1, e.venueId);
    int rc = v.step();
    if (rc == SQLITE_DONE) return makeError(ErrorKind::NotFound, "no such venue");
    if (rc != SQLITE_ROW) return exposureDbError(m_db, "reading venue");
  }
  Stmt q(m_db,
         "INSERT INTO exposures(venue_id, scan_point_id, from_ms, until_ms, advice, published_by, published_ms) "
         "VALUES (?,?,?,?,?,?,?)");
  q.bind(1, e.venueId).bind(2, e.scanPointId).bind(3, e.fromMs).bind(4, e.untilMs).bind(5, e.advice);
  q.bind(6, e.publishedBy).bind(7, e.publishedMs);
  if (q.step() != SQLITE_DONE) return exposureDbError(m_db, "adding exposure");
  return int64_t(sqlite3_last_insert_rowid(m_db));
}

Status SqliteStore::withdrawExposure(int64_t id, const std::string& by, int64_t nowMs) {
  std::lock_guard lock(m_mutex);
  Stmt q(m_db, "UPDATE exposures SET withdrawn_ms = ?, withdrawn_by = ? WHERE id = ? AND withdrawn_ms IS NULL");
  q.bind(1, nowMs).bind(2, by).bind(3, id);
  if (q.step() != SQLITE_DONE) return exposureDbError(m_db, "withdrawing exposure");
  if (sqlite3_changes(m_db) == 0) return makeError(ErrorKind::NotFound, "no such active exposure");
  return Done{};
}

Result<std::vector<ExposureRow>> SqliteStore::exposures(int64_t untilFromMs, bool withWithdrawn) {
  std::lock_guard lock(m_mutex);
  Stmt q(m_db,
         "SELECT e.id, e.venue_id, e.scan_point_id, e.from_ms, e.until_ms, e.advice, e.published_by, e.published_ms, "
         "COALESCE(e.withdrawn_ms, 0), e.withdrawn_by, v.name, v.ward_code, COALESCE(p.name, '') FROM exposures e "
         "JOIN venues v ON v.venue_id = e.venue_id LEFT JOIN scan_points p ON p.venue_id = e.venue_id AND "
         "p.scan_point_id = e.scan_point_id WHERE e.until_ms >= ? AND (? OR e.withdrawn_ms IS NULL) ORDER BY e.id");
  q.bind(1, untilFromMs).bind(2, int64_t(withWithdrawn ? 1 : 0));
  std::vector<ExposureRow> out;
  int rc;
  while ((rc = q.step()) == SQLITE_ROW)
    out.push_back(ExposureRow{q.integer(0), q.text(1), q.text(2), q.integer(3), q.integer(4), q.text(5), q.text(6),
                              q.integer(7), q.integer(8), q.text(9), q.text(10), q.text(11), q.text(12)});
  if (rc != SQLITE_DONE) return exposureDbError(m_db, "reading exposures");
  return out;
}

Result<int64_t> SqliteStore::exposureListVersion() {
  std::lock_guard lock(m_mutex);
  Stmt q(m_db, "SELECT COALESCE(MAX(MAX(published_ms, COALESCE(withdrawn_ms, 0))), 0) FROM exposures");
  if (q.step() != SQLITE_ROW) return exposureDbError(m_db, "reading exposure list version");
  return q.integer(0);
}

}  // namespace diemquet::server
