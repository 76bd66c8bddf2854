// PostgreSQL side of the posters tables (migration 200): signing keys, issued posters and the
// declarations sent with self check-ins.
#include "pg_store.hpp"

namespace diemquet::server {

namespace {
std::string n(int64_t v) { return std::to_string(v); }
}  // namespace

Status PgStore::addSigningKey(const SigningKeyRow& key) {
  auto c = m_pool->lease();
  auto r = c->exec("INSERT INTO signing_keys(key_id, seed_hex, created_ms) VALUES ($1,$2,$3)",
                   {key.keyId, key.seedHex, n(key.createdMs)});
  if (!r && r.error().kind == ErrorKind::Conflict) return makeError(ErrorKind::Conflict, "a signing key with this id exists");
  if (!r) return r.error();
  return Done{};
}

Result<std::vector<SigningKeyRow>> PgStore::signingKeys() {
  auto c = m_pool->lease();
  auto r = c->exec(
      "SELECT key_id, seed_hex, created_ms, COALESCE(revoked_ms, 0) FROM signing_keys ORDER BY created_ms, key_id");
  if (!r) return r.error();
  std::vector<SigningKeyRow> out;
  for (int i = 0; i < r->rows(); ++i)
    out.push_back(SigningKeyRow{r->text(i, 0), r->text(i, 1), r->integer(i, 2), r->integer(i, 3)});
  return out;
}

Status PgStore::revokeSigningKey(const std::string& keyId, int64_t nowMs) {
  auto c = m_pool->lease();
  auto r = c->exec("UPDATE signing_keys SET revoked_ms=$1 WHERE key_id=$2 AND revoked_ms IS NULL", {n(nowMs), keyId});
  if (!r) return r.error();
  if (r->affected() == 0) return makeError(ErrorKind::NotFound, "no such signing key in use");
  return Done{};
}

Status PgStore::recordPosters(const std::vector<PosterRow>& rows) {
  auto c = m_pool->lease();
  if (auto b = c->exec("BEGIN"); !b) return b.error();
  for (const PosterRow& p : rows) {
    auto r = c->exec(
        "INSERT INTO posters(venue_id, scan_point_id, key_id, issued_ms, url, validity, issued_by) "
        "VALUES ($1,$2,$3,$4,$5,$6,$7) ON CONFLICT DO NOTHING",
        {p.venueId, p.scanPointId, p.keyId, n(p.issuedMs), p.url, p.validity, p.issuedBy});
    if (!r) {
      c->exec("ROLLBACK");
      return r.error();
    }
  }
  if (auto cm = c->exec("COMMIT"); !cm) {
    c->exec("ROLLBACK");
    return cm.error();
  }
  return Done{};
}

Result<std::vector<PosterRow>> PgStore::postersOfVenue(const std::string& venueId) {
  auto c = m_pool->lease();
  auto r = c->exec(
      "SELECT DISTINCT ON (scan_point_id) venue_id, scan_point_id, key_id, issued_ms, url, validity, issued_by "
      "FROM posters WHERE venue_id=$1 ORDER BY scan_point_id, issued_ms DESC",
      {venueId});
  if (!r) return r.error();
  std::vector<PosterRow> out;
  for (int i = 0; i < r->rows(); ++i)
    out.push_back(PosterRow{r->text(i, 0), r->text(i, 1), r->text(i, 2), r->integer(i, 3), r->text(i, 4),
                            r->text(i, 5), r->text(i, 6)});
  return out;
}

Status PgStore::recordSelfDeclaration(const std::string& venueId, const std::string& deviceId, int64_t seq,
                                      const std::string& declarationJson, int64_t receivedMs) {
  auto c = m_pool->lease();
  auto r = c->exec(
      "INSERT INTO self_declarations(venue_id, device_id, seq, declaration_json, received_ms) VALUES ($1,$2,$3,$4,$5) "
      "ON CONFLICT DO NOTHING",
      {venueId, deviceId, n(seq), declarationJson, n(receivedMs)});
  if (!r) return r.error();
  return Done{};
}

}  // namespace diemquet::server
