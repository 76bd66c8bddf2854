// PostgreSQL backend. A commit returns after the WAL is flushed (synchronous_commit=on, the
// default, which docs/deploy.md says to keep), so an acknowledged batch survives a crash.
#include "pg_store.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>

#include "../repeated_entries.hpp"
#include "../schema.hpp"
#include "check_in_json.hpp"
#include "pg_bulk.hpp"

namespace diemquet::server {

using pg::Param;
using pg::PgResult;

namespace {

std::string num(int64_t v) { return std::to_string(v); }

constexpr const char* kCheckInColumns =
    "device_id, seq, venue_id, scan_point_id, person_kind, person_key, name, phone, birth_year, dir, ts_ms, tz_min, "
    "voided";

CheckIn rowToCheckIn(const PgResult& r, int i) {
  CheckIn c;
  c.deviceId = r.text(i, 0);
  c.seq = r.integer(i, 1);
  c.venueId = r.text(i, 2);
  c.scanPointId = r.text(i, 3);
  c.person.kind = personKindFromString(r.text(i, 4)).value_or(PersonKind::Manual);
  c.person.key = r.text(i, 5);
  c.person.displayName = r.text(i, 6);
  c.person.phone = r.text(i, 7);
  c.person.birthYear = int(r.integer(i, 8));
  c.direction = directionFromString(r.text(i, 9)).value_or(Direction::In);
  c.at = Instant{r.integer(i, 10), int(r.integer(i, 11))};
  c.voided = r.boolean(i, 12);
  c.sync = SyncState::Synced;
  return c;
}

// Runs `body` between BEGIN and COMMIT on one connection; rolls back on any error.
template <class Fn>
Status inTransaction(pg::PgConn& c, Fn&& body) {
  if (auto b = c.exec("BEGIN"); !b) return b.error();
  Status st = body();
  if (st) {
    auto cm = c.exec("COMMIT");
    if (!cm) st = cm.error();
    else return st;
  }
  c.exec("ROLLBACK");
  return st;
}

}  // namespace

Result<std::unique_ptr<PgStore>> PgStore::open(const std::string& conninfo, int poolSize) {
  auto pool = pg::PgPool::create(conninfo, poolSize);
  if (!pool) return pool.error();
  return std::unique_ptr<PgStore>(new PgStore(std::move(pool).value()));
}

Status PgStore::migrate() {
  auto c = m_pool->lease();
  // A session lock so two servers starting together do not both run a migration.
  constexpr const char* kLockKey = "727100001";
  if (auto l = c->exec("SELECT pg_advisory_lock($1::bigint)", {Param(kLockKey)}); !l) return l.error();
  Status st = [&]() -> Status {
    if (auto s = c->exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"); !s) return s.error();
    // Tests of a migration stop short of it first (tests/server/partitions.test.mjs).
    const char* until = std::getenv("DQ_MIGRATE_UNTIL");
    for (const Migration& m : orderedMigrations()) {
      if (until && *until && m.version > std::atoi(until)) continue;
      // By version, not MAX: ranges owned by different work land in any order.
      auto have = c->exec("SELECT 1 FROM schema_version WHERE version=$1", {num(m.version)});
      if (!have) return have.error();
      if (have->rows() > 0) continue;
      Status step = inTransaction(*c, [&]() -> Status {
        if (auto s = c->execScript(m.postgres); !s) return s;
        if (auto s = c->exec("INSERT INTO schema_version(version) VALUES ($1)", {num(m.version)}); !s) return s.error();
        return Done{};
      });
      if (!step) return step;
    }
    return Done{};
  }();
  c->exec("SELECT pg_advisory_unlock($1::bigint)", {Param(kLockKey)});
  return st;
}

Result<int> PgStore::schemaVersion() {
  auto c = m_pool->lease();
  auto r = c->exec("SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!r) return r.error();
  return int(r->integer(0, 0));
}

Status PgStore::createVenue(const Venue& v) {
  auto c = m_pool->lease();
  auto r = c->exec(
      "INSERT INTO venues(venue_id, name, address, category, staff_count, default_stay_minutes) "
      "VALUES ($1,$2,$3,$4,$5,$6)",
      {v.id, v.name, v.address, v.category, num(v.staffCount), num(v.defaultStayMinutes)});
  if (!r && r.error().kind == ErrorKind::Conflict) return makeError(ErrorKind::Conflict, "venue already exists");
  if (!r) return r.error();
  return Done{};
}

Status PgStore::addScanPoint(const ScanPoint& p) {
  auto c = m_pool->lease();
  auto r = c->exec("INSERT INTO scan_points(venue_id, scan_point_id, name) VALUES ($1,$2,$3)",
                   {p.venueId, p.id, p.name});
  if (!r && (r.error().kind == ErrorKind::Conflict || r.error().kind == ErrorKind::NotFound))
    return makeError(ErrorKind::Conflict, "scan point exists or venue unknown");
  if (!r) return r.error();
  return Done{};
}

Result<std::optional<Venue>> PgStore::findVenue(const std::string& venueId) {
  auto c = m_pool->lease();
  auto r = c->exec(
      "SELECT venue_id, name, address, category, staff_count, default_stay_minutes FROM venues WHERE venue_id=$1",
      {venueId});
  if (!r) return r.error();
  if (r->rows() == 0) return std::optional<Venue>();
  Venue v{r->text(0, 0), r->text(0, 1), r->text(0, 2), r->text(0, 3), int(r->integer(0, 4)), int(r->integer(0, 5))};
  return std::optional<Venue>(v);
}

Result<std::vector<ScanPoint>> PgStore::scanPoints(const std::string& venueId) {
  auto c = m_pool->lease();
  auto r = c->exec("SELECT scan_point_id, venue_id, name FROM scan_points WHERE venue_id=$1 ORDER BY scan_point_id",
                   {venueId});
  if (!r) return r.error();
  std::vector<ScanPoint> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(ScanPoint{r->text(i, 0), r->text(i, 1), r->text(i, 2)});
  return out;
}

Status PgStore::addEnrollmentCode(const std::string& venueId, const std::string& codeHash, int64_t createdMs,
                                  int64_t expiresMs) {
  auto c = m_pool->lease();
  auto r = c->exec("INSERT INTO enrollment_codes(venue_id, code_hash, created_ms, expires_ms) VALUES ($1,$2,$3,$4)",
                   {venueId, codeHash, num(createdMs), num(expiresMs)});
  if (!r && (r.error().kind == ErrorKind::Conflict || r.error().kind == ErrorKind::NotFound))
    return makeError(ErrorKind::NotFound, "unknown venue or duplicate code");
  if (!r) return r.error();
  return Done{};
}

Result<std::string> PgStore::redeemEnrollmentCode(const std::string& codeHash, const std::string& deviceId,
                                                  const std::string& tokenHash, int64_t nowMs) {
  auto c = m_pool->lease();
  std::string venue;
  Status st = inTransaction(*c, [&]() -> Status {
    auto u = c->exec(
        "UPDATE enrollment_codes SET used_ms=$1, used_by_device=$2 "
        "WHERE code_hash=$3 AND used_ms IS NULL AND expires_ms > $1 RETURNING venue_id",
        {num(nowMs), deviceId, codeHash});
    if (!u) return u.error();
    if (u->rows() == 0) return makeError(ErrorKind::NotFound, "unknown, used or expired enrollment code");
    venue = u->text(0, 0);
    // FOR SHARE: an officer's rejection of the venue waits for this enrollment, or this for it.
    auto r = c->exec("SELECT verification FROM venues WHERE venue_id=$1 FOR SHARE", {venue});
    if (!r) return r.error();
    if (r->rows() > 0 && r->text(0, 0) == "rejected")
      return makeError(ErrorKind::Conflict, "the commune rejected this venue's registration");
    auto d = c->exec(
        "INSERT INTO devices(venue_id, device_id, token_hash, enrolled_ms, revoked_ms) VALUES ($1,$2,$3,$4,NULL) "
        "ON CONFLICT (venue_id, device_id) DO UPDATE SET token_hash=EXCLUDED.token_hash, "
        "enrolled_ms=EXCLUDED.enrolled_ms, revoked_ms=NULL",
        {venue, deviceId, tokenHash, num(nowMs)});
    if (!d) return d.error();
    return Done{};
  });
  if (!st) return st.error();
  return venue;
}

Result<std::optional<Principal>> PgStore::authenticate(const std::string& tokenHash) {
  auto c = m_pool->lease();
  auto r = c->execPrepared("SELECT device_id, venue_id, revoked_ms FROM devices WHERE token_hash=$1", {tokenHash});
  if (!r) return r.error();
  if (r->rows() == 0) return std::optional<Principal>();
  Principal p{r->text(0, 0), r->text(0, 1), !r->isNull(0, 2), {}};
  auto v = c->execPrepared("SELECT venue_id FROM devices WHERE device_id=$1 AND revoked_ms IS NULL ORDER BY venue_id",
                   {p.deviceId});
  if (!v) return v.error();
  for (int i = 0; i < v->rows(); ++i) p.venues.push_back(v->text(i, 0));
  return std::optional<Principal>(p);
}

Status PgStore::revokeDevice(const std::string& venueId, const std::string& deviceId, int64_t nowMs) {
  auto c = m_pool->lease();
  auto r = c->exec("UPDATE devices SET revoked_ms=$1 WHERE venue_id=$2 AND device_id=$3 AND revoked_ms IS NULL",
                   {num(nowMs), venueId, deviceId});
  if (!r) return r.error();
  if (r->affected() == 0) return makeError(ErrorKind::NotFound, "no such active device at this venue");
  return Done{};
}

// Concurrent uploads share one transaction (group_commit.hpp): a handful of round trips and
// one WAL flush for the whole group instead of for each upload.
Result<IngestResult> PgStore::ingest(const std::vector<CheckIn>& batch, int64_t receivedMs) {
  if (batch.empty()) return IngestResult{};
  return m_groupCommit.run(batch, receivedMs, [this](const std::vector<PendingIngest*>& group) {
    auto c = m_pool->lease();
    if (ingestTogether(*c, group)) return;
    // The link dropped (a failover, a restart, a network cut): nothing of the group is
    // acknowledged yet, so it is tried once more on a new connection. A commit that did land
    // before the link dropped is found by the lookup, and its rows answer AlreadyStored.
    const bool lost = c->reconnectIfLost();
    if (group.size() == 1) {
      if (lost) ingestTogether(*c, group);
      return;
    }
    for (PendingIngest* p : group) ingestTogether(*c, {p});  // a failed group: each alone
  });
}

bool PgStore::ingestTogether(pg::PgConn& c, const std::vector<PendingIngest*>& group) {
  std::vector<IngestResult> outs(group.size());
  Status st = inTransaction(c, [&]() -> Status {
    // Lock every device of the group, in a fixed order, for the rest of the transaction: a
    // device's uploads are decided one at a time even across server processes.
    std::vector<std::string> devices, keyDevices;
    std::vector<int64_t> keySeqs;
    for (const PendingIngest* p : group)
      for (const CheckIn& ci : *p->batch) {
        devices.push_back(ci.deviceId);
        keyDevices.push_back(ci.deviceId);
        keySeqs.push_back(ci.seq);
      }
    std::sort(devices.begin(), devices.end());
    devices.erase(std::unique(devices.begin(), devices.end()), devices.end());
    if (auto l = c.execPrepared("SELECT pg_advisory_xact_lock(727100002, hashtext(d)) FROM "
                        "(SELECT d FROM unnest($1::text[]) AS d ORDER BY d) AS sorted",
                        {pg::textArray(devices)});
        !l)
      return l.error();
    // What the server already holds for these (device, seq), in one round trip.
    std::map<std::pair<std::string, int64_t>, CheckIn> have;
    {
      static const std::string sql =
          std::string("SELECT ") + kCheckInColumns +
          " FROM check_ins JOIN unnest($1::text[], $2::bigint[]) AS k(d, s) ON device_id = k.d AND seq = k.s";
      auto r = c.execPrepared(sql.c_str(), {pg::textArray(keyDevices), pg::bigintArray(keySeqs)});
      if (!r) return r.error();
      for (int i = 0; i < r->rows(); ++i) {
        CheckIn h = rowToCheckIn(*r, i);
        have.emplace(std::make_pair(h.deviceId, h.seq), h);
      }
    }
    // New rows are collected and written in one INSERT at the end; a void or a repeat of a row
    // new in this same group changes the pending copy.
    std::vector<CheckIn> fresh;
    std::vector<int64_t> freshReceived;
    std::map<std::pair<std::string, int64_t>, size_t> freshAt;
    for (size_t g = 0; g < group.size(); ++g) {
      IngestResult& out = outs[g];
      out.outcomes.clear();
      for (const CheckIn& ci : *group[g]->batch) {
        const int64_t receivedMs = group[g]->receivedMs;
        const auto key = std::make_pair(ci.deviceId, ci.seq);
        auto pending = freshAt.find(key);
        auto it = have.find(key);
        if (pending != freshAt.end() || it != have.end()) {
          CheckIn& h = pending != freshAt.end() ? fresh[pending->second] : it->second;
          if (!sameCheckIn(h, ci)) {
            auto r = c.exec(
                "INSERT INTO conflicts(venue_id, device_id, seq, incoming_json, received_ms) VALUES ($1,$2,$3,$4,$5)",
                {h.venueId, ci.deviceId, num(ci.seq), toJson(ci).dump(), num(receivedMs)});
            if (!r) return r.error();
            out.outcomes.push_back(IngestOutcome::Conflict);
          } else if (!h.voided && ci.voided) {
            if (pending == freshAt.end()) {
              auto r = c.exec(
                  "UPDATE check_ins SET voided=TRUE, voided_ms=$1 WHERE venue_id=$2 AND device_id=$3 AND seq=$4",
                  {num(receivedMs), h.venueId, ci.deviceId, num(ci.seq)});
              if (!r) return r.error();
            }
            h.voided = true;
            out.outcomes.push_back(IngestOutcome::Voided);
          } else {
            out.outcomes.push_back(IngestOutcome::AlreadyStored);
          }
          continue;
        }
        freshAt.emplace(key, fresh.size());
        fresh.push_back(ci);
        freshReceived.push_back(receivedMs);
        out.outcomes.push_back(IngestOutcome::Stored);
      }
    }
    std::vector<const CheckIn*> rows;
    rows.reserve(fresh.size());
    for (const CheckIn& f : fresh) rows.push_back(&f);
    if (auto st = pg::insertCheckIns(c, rows, freshReceived); !st) return st;
    return markRepeatedEntries(c, group, outs);
  });
  if (!st) {
    for (PendingIngest* p : group) p->result = st.error();
    return false;
  }
  for (size_t g = 0; g < group.size(); ++g) group[g]->result = std::move(outs[g]);
  return true;
}

// Entries a second phone repeated at the same gate (repeated_entries.hpp): one read of the
// group's people, then the marks that moved, in the group's transaction. The people are locked
// first (sorted, after the devices): two groups with one person, side by side, then decide one
// after the other, the second seeing the first's entries.
Status PgStore::markRepeatedEntries(pg::PgConn& c, const std::vector<PendingIngest*>& group,
                                    const std::vector<IngestResult>& outs) {
  RepeatedEntryMarks marks;
  for (size_t g = 0; g < group.size(); ++g) marks.add(*group[g]->batch, outs[g].outcomes);
  if (marks.empty()) return Done{};
  const std::vector<SqlStatement> lookup = marks.lookup();
  std::vector<std::string> people;
  for (const SqlStatement& st : lookup)
    for (size_t i = 0; i + 2 < st.params.size(); ++i) people.push_back(std::get<std::string>(st.params[i]));
  if (auto l = c.execPrepared("SELECT pg_advisory_xact_lock(727100004, hashtext(p)) FROM "
                              "(SELECT DISTINCT p FROM unnest($1::text[]) AS p ORDER BY p) AS sorted",
                              {pg::textArray(people)});
      !l)
    return l.error();
  std::vector<SqlRows> found;
  for (const SqlStatement& st : lookup) {
    auto r = runPgStatement(c, st);
    if (!r) return r.error();
    found.push_back(std::move(r.value()));
  }
  const RepeatedEntryMarks::Changes changes = marks.changes(found, group.front()->receivedMs);
  for (const SqlStatement& st : changes.statements)
    if (auto r = runPgStatement(c, st); !r) return r.error();
  if (changes.recount.empty()) return Done{};
  // A new ingest sequence, so a day already rolled up is counted again.
  std::vector<std::string> devices;
  std::vector<int64_t> seqs;
  for (const RecordId& id : changes.recount) {
    devices.push_back(id.deviceId);
    seqs.push_back(id.seq);
  }
  auto r = c.execPrepared("UPDATE check_ins SET ingest_seq = nextval('check_ins_ingest_seq') FROM "
                          "unnest($1::text[], $2::bigint[]) AS k(d, s) WHERE device_id = k.d AND seq = k.s",
                          {pg::textArray(devices), pg::bigintArray(seqs)});
  if (!r) return r.error();
  return Done{};
}

Result<std::vector<CheckIn>> PgStore::checkInsOfVenue(const std::string& venueId) {
  auto c = m_pool->lease();
  std::string sql =
      std::string("SELECT ") + kCheckInColumns + " FROM check_ins WHERE venue_id=$1 ORDER BY device_id, seq";
  auto r = c->exec(sql.c_str(), {venueId});
  if (!r) return r.error();
  std::vector<CheckIn> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(rowToCheckIn(*r, i));
  return out;
}

Result<std::vector<CheckIn>> PgStore::recentCheckInsOfVenue(const std::string& venueId, int64_t sinceMs) {
  auto c = m_pool->lease();
  std::string sql =
      std::string("SELECT ") + kCheckInColumns + " FROM check_ins WHERE venue_id=$1 AND ts_ms>=$2 ORDER BY ts_ms";
  auto r = c->exec(sql.c_str(), {venueId, std::to_string(sinceMs)});
  if (!r) return r.error();
  std::vector<CheckIn> out;
  for (int i = 0; i < r->rows(); ++i) out.push_back(rowToCheckIn(*r, i));
  return out;
}

Result<std::vector<ConflictRecord>> PgStore::conflictsOfVenue(const std::string& venueId) {
  auto c = m_pool->lease();
  auto r = c->exec(
      "SELECT venue_id, device_id, seq, incoming_json, received_ms FROM conflicts WHERE venue_id=$1 ORDER BY id",
      {venueId});
  if (!r) return r.error();
  std::vector<ConflictRecord> out;
  for (int i = 0; i < r->rows(); ++i)
    out.push_back(ConflictRecord{r->text(i, 0), r->text(i, 1), r->integer(i, 2), r->text(i, 3), r->integer(i, 4)});
  return out;
}

}  // namespace diemquet::server
