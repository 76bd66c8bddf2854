// PostgreSQL side of the exposures table (migration 400).
#include "pg_store.hpp"

namespace diemquet::server {

namespace {
std::string n(int64_t v) {
  return std::to_string(v);
}
}  // namespace

Result<int64_t> PgStore::addExposure(const ExposureRow& e) {
  auto c = m_pool->lease();
  // INSERT ... SELECT: no row for an unknown venue, rather than a foreign-key error.
  auto r = c->exec(
      "INSERT INTO exposures(venue_id, scan_point_id, from_ms, until_ms, advice, published_by, published_ms) "
      "SELECT venue_id, $2, $3, $4, $5, $6, $7 FROM venues WHERE venue_id = $1 RETURNING id",
      {e.venueId, e.scanPointId, n(e.fromMs), n(e.untilMs), e.advice, e.publishedBy, n(e.publishedMs)});
  if (!r) return r.error();
  if (r->rows() == 0) return makeError(ErrorKind::NotFound, "no such venue");
  return r->integer(0, 0);
}

Status PgStore::withdrawExposure(int64_t id, const std::string& by, int64_t nowMs) {
  auto c = m_pool->lease();
  auto r = c->exec("UPDATE exposures SET withdrawn_ms = $1, withdrawn_by = $2 WHERE id = $3 AND withdrawn_ms IS NULL",
                   {n(nowMs), by, n(id)});
  if (!r) return r.error();
  if (r->affected() == 0) return makeError(ErrorKind::NotFound, "no such active exposure");
  return Done{};
}

Result<std::vector<ExposureRow>> PgStore::exposures(int64_t untilFromMs, bool withWithdrawn) {
  auto c = m_pool->lease();
  auto r = c->exec(
      "SELECT e.id, e.venue_id, e.scan_point_id, e.from_ms, e.until_ms, e.advice, e.published_by, e.published_ms, "
      "COALESCE(e.withdrawn_ms, 0), e.withdrawn_by, v.name, v.ward_code, COALESCE(p.name, '') FROM exposures e JOIN "
      "venues v ON v.venue_id = e.venue_id LEFT JOIN scan_points p ON p.venue_id = e.venue_id AND p.scan_point_id = "
      "e.scan_point_id WHERE e.until_ms >= $1 AND ($2 OR e.withdrawn_ms IS NULL) ORDER BY e.id",
      {n(untilFromMs), withWithdrawn ? "true" : "false"});
  if (!r) return r.error();
  std::vector<ExposureRow> out;
  for (int i = 0; i < r->rows(); ++i)
    out.push_back(ExposureRow{r->integer(i, 0), r->text(i, 1), r->text(i, 2), r->integer(i, 3), r->integer(i, 4),
                              r->text(i, 5), r->text(i, 6), r->integer(i, 7), r->integer(i, 8), r->text(i, 9),
                              r->text(i, 10), r->text(i, 11), r->text(i, 12)});
  return out;
}

Result<int64_t> PgStore::exposureListVersion() {
  auto c = m_pool->lease();
  auto r = c->exec("SELECT COALESCE(MAX(GREATEST(published_ms, COALESCE(withdrawn_ms, 0))), 0) FROM exposures");
  if (!r) return r.error();
  return r->integer(0, 0);
}

}  // namespace diemquet::server
