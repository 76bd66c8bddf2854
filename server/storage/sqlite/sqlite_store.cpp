// SQLite backend. Durability: WAL with synchronous=FULL, so a commit is fsync'd before the
// server acknowledges it (NORMAL could lose the last commits on power loss).
#include "sqlite_store.hpp"

#include <sqlite3.h>

#include "check_in_json.hpp"
#include "../base64.hpp"
#include "../repeated_entries.hpp"
#include "../schema.hpp"
#include "wal_checkpointer.hpp"

namespace diemquet::server {

namespace {

Error dbError(sqlite3* db, const std::string& what) {
  return makeError(ErrorKind::Storage, what + ": " + sqlite3_errmsg(db));
}

// A prepared statement, finalized on scope exit; binds by 1-based position.
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) : m_db(db) { m_rc = sqlite3_prepare_v2(db, sql, -1, &m_s, nullptr); }
  // A statement of the connection's cache (the hot paths of every upload): reset, not finalized.
  Stmt(sqlite3* db, const char* sql, SqliteStatementCache& cache) : m_db(db), m_cached(true) {
    m_s = cache.get(db, sql);
    m_rc = m_s ? SQLITE_OK : SQLITE_ERROR;
  }
  ~Stmt() {
    if (!m_cached) {
      sqlite3_finalize(m_s);
    } else if (m_s) {
      sqlite3_reset(m_s);
      sqlite3_clear_bindings(m_s);
    }
  }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return m_rc == SQLITE_OK; }
  Stmt& bind(int i, const std::string& v) {
    sqlite3_bind_text(m_s, i, v.data(), int(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Stmt& bind(int i, int64_t v) {
    sqlite3_bind_int64(m_s, i, v);
    return *this;
  }
  Stmt& bindNull(int i) {
    sqlite3_bind_null(m_s, i);
    return *this;
  }
  int step() { return sqlite3_step(m_s); }
  void reset() {
    sqlite3_reset(m_s);
    sqlite3_clear_bindings(m_s);
  }
  std::string text(int c) const {
    auto p = sqlite3_column_text(m_s, c);
    return p ? std::string(reinterpret_cast<const char*>(p), size_t(sqlite3_column_bytes(m_s, c))) : std::string();
  }
  int64_t integer(int c) const { return sqlite3_column_int64(m_s, c); }
  bool isNull(int c) const { return sqlite3_column_type(m_s, c) == SQLITE_NULL; }

 private:
  sqlite3* m_db;
  bool m_cached = false;
  sqlite3_stmt* m_s = nullptr;
  int m_rc;
};

constexpr const char* kCheckInColumns =
    "device_id, seq, venue_id, scan_point_id, person_kind, person_key, name, phone, birth_year, dir, ts_ms, tz_min, "
    "voided";

CheckIn rowToCheckIn(const Stmt& s) {
  CheckIn c;
  c.deviceId = s.text(0);
  c.seq = s.integer(1);
  c.venueId = s.text(2);
  c.scanPointId = s.text(3);
  c.person.kind = personKindFromString(s.text(4)).value_or(PersonKind::Manual);
  c.person.key = s.text(5);
  c.person.displayName = s.text(6);
  c.person.phone = s.text(7);
  c.person.birthYear = int(s.integer(8));
  c.direction = directionFromString(s.text(9)).value_or(Direction::In);
  c.at = Instant{s.integer(10), int(s.integer(11))};
  c.voided = s.integer(12) != 0;
  c.sync = SyncState::Synced;
  return c;
}

// dq_base64_decode(x): the bytes of base64 text as a BLOB; any other value, or text that is
// not base64, unchanged (nothing is lost to a photo stored some other way).
void base64DecodeSql(sqlite3_context* ctx, int, sqlite3_value** argv) {
  if (sqlite3_value_type(argv[0]) == SQLITE_TEXT) {
    const auto* p = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const std::string text(p ? p : "", size_t(sqlite3_value_bytes(argv[0])));
    const std::string bytes = base64Decode(text);
    if (!bytes.empty() || text.empty()) {
      sqlite3_result_blob(ctx, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT);
      return;
    }
  }
  sqlite3_result_value(ctx, argv[0]);
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    Error e = makeError(ErrorKind::Storage, "cannot open SQLite database: " + std::string(sqlite3_errstr(rc)));
    sqlite3_close(db);
    return e;
  }
  std::unique_ptr<SqliteStore> s(new SqliteStore(db));
  sqlite3_busy_timeout(db, 10000);  // the admin CLI may write while the server runs
  // For migration 410 (schema.hpp): photos stored as base64 text become their bytes.
  sqlite3_create_function(db, "dq_base64_decode", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, nullptr, base64DecodeSql,
                          nullptr, nullptr);
  // 64 MiB of page cache keeps the check-in indexes' hot pages in memory while batches arrive.
  for (const char* pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA foreign_keys=ON",
                             "PRAGMA cache_size=-65536"}) {
    if (auto st = s->exec(pragma); !st) return st.error();
  }
  if (path != ":memory:" && !path.empty()) {
    s->m_path = path;
    // A second connection for the reads every upload makes (its token, its venues): WAL lets
    // them run while the writer commits, so uploads are checked while a group is written.
    if (sqlite3_open_v2(path.c_str(), &s->m_readDb, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) ==
        SQLITE_OK) {
      sqlite3_busy_timeout(s->m_readDb, 10000);
    } else {
      sqlite3_close(s->m_readDb);
      s->m_readDb = nullptr;
    }
    if (auto st = s->exec("PRAGMA wal_autocheckpoint=0"); !st) return st.error();
    if (auto st = s->exec("PRAGMA journal_size_limit=67108864"); !st) return st.error();  // 64 MB kept after a restart
    s->m_checkpointer = std::make_unique<WalCheckpointer>(path);
    sqlite3_wal_hook(
        db,
        [](void* self, sqlite3* conn, const char* schema, int pages) {
          if (static_cast<SqliteStore*>(self)->m_checkpointer->walGrew(pages))
            sqlite3_wal_checkpoint_v2(conn, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
          return SQLITE_OK;
        },
        s.get());
  }
  return s;
}

SqliteStore::~SqliteStore() {
  m_checkpointer.reset();
  m_writeCache.clear();
  m_readCache.clear();
  sqlite3_close(m_readDb);
  sqlite3_close(m_officeDb);
  sqlite3_close(m_db);
}

SqliteStatementCache& SqliteStore::cacheFor(sqlite3* db) { return db == m_readDb ? m_readCache : m_writeCache; }

sqlite3_stmt* SqliteStatementCache::get(sqlite3* db, const char* sql) {
  auto it = m_statements.find(sql);
  if (it != m_statements.end()) return it->second;
  sqlite3_stmt* s = nullptr;
  if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK) {
    sqlite3_finalize(s);
    return nullptr;
  }
  m_statements.emplace(sql, s);
  return s;
}

void SqliteStatementCache::clear() {
  for (auto& [sql, s] : m_statements) sqlite3_finalize(s);
  m_statements.clear();
}

std::pair<sqlite3*, std::unique_lock<std::mutex>> SqliteStore::reader() {
  if (m_readDb) return {m_readDb, std::unique_lock(m_readMutex)};
  return {m_db, std::unique_lock(m_mutex)};
}

Status SqliteStore::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(m_db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return makeError(ErrorKind::Storage, "SQLite: " + msg);
  }
  return Done{};
}

Status SqliteStore::migrate() {
  std::lock_guard lock(m_mutex);
  if (auto st = exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"); !st) return st;
  for (const Migration& m : orderedMigrations()) {
    if (auto st = exec("BEGIN IMMEDIATE"); !st) return st;
    bool have = false;  // by version, not MAX: ranges owned by different work land in any order
    {
      Stmt q(m_db, "SELECT 1 FROM schema_version WHERE version=?");
      q.bind(1, int64_t(m.version));
      have = q.step() == SQLITE_ROW;
    }
    if (have) {
      exec("ROLLBACK");
      continue;
    }
    auto st = exec(m.sqlite);
    if (st) {
      Stmt ins(m_db, "INSERT INTO schema_version(version) VALUES (?)");
      ins.bind(1, int64_t(m.version));
      if (ins.step() != SQLITE_DONE) st = dbError(m_db, "recording schema version");
    }
    if (!st) {
      exec("ROLLBACK");
      return st;
    }
    if (auto c = exec("COMMIT"); !c) return c;
  }
  return Done{};
}

Result<int> SqliteStore::schemaVersion() {
  std::lock_guard lock(m_mutex);
  Stmt q(m_db, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  if (!q.ok() || q.step() != SQLITE_ROW) return dbError(m_db, "reading schema version");
  return int(q.integer(0));
}

Status SqliteStore::createVenue(const Venue& v) {
  std::lock_guard lock(m_mutex);
  Stmt s(m_db,
         "INSERT INTO venues(venue_id, name, address, category, staff_count, default_stay_minutes) "
         "VALUES (?,?,?,?,?,?)");
  s.bind(1, v.id).bind(2, v.name).bind(3, v.address).bind(4, v.category).bind(5, int64_t(v.staffCount));
  s.bind(6, int64_t(v.defaultStayMinutes));
  int rc = s.step();
  if (rc == SQLITE_CONSTRAINT) return makeError(ErrorKind::Conflict, "venue already exists");
  if (rc != SQLITE_DONE) return dbError(m_db, "creating venue");
  return Done{};
}

Status SqliteStore::addScanPoint(const ScanPoint& p) {
  std::lock_guard lock(m_mutex);
  Stmt s(m_db, "INSERT INTO scan_points(venue_id, scan_point_id, name) VALUES (?,?,?)");
  s.bind(1, p.venueId).bind(2, p.id).bind(3, p.name);
  int rc = s.step();
  if (rc == SQLITE_CONSTRAINT) return makeError(ErrorKind::Conflict, "scan point exists or venue unknown");
  if (rc != SQLITE_DONE) return dbError(m_db, "adding scan point");
  return Done{};
}

Result<std::optional<Venue>> SqliteStore::findVenue(const std::string& venueId) {
  auto [db, lock] = reader();
  Stmt s(db, "SELECT venue_id, name, address, category, staff_count, default_stay_minutes FROM venues WHERE venue_id=?",
         cacheFor(db));
  s.bind(1, venueId);
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<Venue>();
  if (rc != SQLITE_ROW) return dbError(db, "reading venue");
  Venue v{s.text(0), s.text(1), s.text(2), s.text(3), int(s.integer(4)), int(s.integer(5))};
  return std::optional<Venue>(v);
}

Result<std::vector<ScanPoint>> SqliteStore::scanPoints(const std::string& venueId) {
  std::lock_guard lock(m_mutex);
  Stmt s(m_db, "SELECT scan_point_id, venue_id, name FROM scan_points WHERE venue_id=? ORDER BY scan_point_id");
  s.bind(1, venueId);
  std::vector<ScanPoint> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(ScanPoint{s.text(0), s.text(1), s.text(2)});
  if (rc != SQLITE_DONE) return dbError(m_db, "reading scan points");
  return out;
}

Status SqliteStore::addEnrollmentCode(const std::string& venueId, const std::string& codeHash, int64_t createdMs,
                                      int64_t expiresMs) {
  std::lock_guard lock(m_mutex);
  Stmt s(m_db, "INSERT INTO enrollment_codes(venue_id, code_hash, created_ms, expires_ms) VALUES (?,?,?,?)");
  s.bind(1, venueId).bind(2, codeHash).bind(3, createdMs).bind(4, expiresMs);
  int rc = s.step();
  if (rc == SQLITE_CONSTRAINT) return makeError(ErrorKind::NotFound, "unknown venue or duplicate code");
  if (rc != SQLITE_DONE) return dbError(m_db, "adding enrollment code");
  return Done{};
}

Result<std::string> SqliteStore::redeemEnrollmentCode(const std::string& codeHash, const std::string& deviceId,
                                                      const std::string& tokenHash, int64_t nowMs) {
  std::lock_guard lock(m_mutex);
  if (auto st = exec("BEGIN IMMEDIATE"); !st) return st.error();
  auto fail = [&](Error e) -> Result<std::string> {
    exec("ROLLBACK");
    return e;
  };
  Stmt u(m_db,
         "UPDATE enrollment_codes SET used_ms=?, used_by_device=? "
         "WHERE code_hash=? AND used_ms IS NULL AND expires_ms > ? RETURNING venue_id");
  u.bind(1, nowMs).bind(2, deviceId).bind(3, codeHash).bind(4, nowMs);
  int rc = u.step();
  if (rc == SQLITE_DONE) return fail(makeError(ErrorKind::NotFound, "unknown, used or expired enrollment code"));
  if (rc != SQLITE_ROW) return fail(dbError(m_db, "redeeming code"));
  std::string venue = u.text(0);
  while (u.step() == SQLITE_ROW) {
  }
  Stmt r(m_db, "SELECT 1 FROM venues WHERE venue_id=? AND verification='rejected'");
  r.bind(1, venue);
  if (int vr = r.step(); vr == SQLITE_ROW)
    return fail(makeError(ErrorKind::Conflict, "the commune rejected this venue's registration"));
  else if (vr != SQLITE_DONE)
    return fail(dbError(m_db, "reading the venue's verification"));
  Stmt d(m_db,
         "INSERT INTO devices(venue_id, device_id, token_hash, enrolled_ms, revoked_ms) VALUES (?,?,?,?,NULL) "
         "ON CONFLICT(venue_id, device_id) DO UPDATE SET token_hash=excluded.token_hash, "
         "enrolled_ms=excluded.enrolled_ms, revoked_ms=NULL");
  d.bind(1, venue).bind(2, deviceId).bind(3, tokenHash).bind(4, nowMs);
  if (d.step() != SQLITE_DONE) return fail(dbError(m_db, "binding device"));
  if (auto st = exec("COMMIT"); !st) return fail(st.error());
  return venue;
}

Result<std::optional<Principal>> SqliteStore::authenticate(const std::string& tokenHash) {
  auto [db, lock] = reader();
  Stmt s(db, "SELECT device_id, venue_id, revoked_ms FROM devices WHERE token_hash=?", cacheFor(db));
  s.bind(1, tokenHash);
  int rc = s.step();
  if (rc == SQLITE_DONE) return std::optional<Principal>();
  if (rc != SQLITE_ROW) return dbError(db, "authenticating");
  Principal p{s.text(0), s.text(1), !s.isNull(2), {}};
  Stmt v(db, "SELECT venue_id FROM devices WHERE device_id=? AND revoked_ms IS NULL ORDER BY venue_id", cacheFor(db));
  v.bind(1, p.deviceId);
  while ((rc = v.step()) == SQLITE_ROW) p.venues.push_back(v.text(0));
  if (rc != SQLITE_DONE) return dbError(db, "reading device venues");
  return std::optional<Principal>(p);
}

Status SqliteStore::revokeDevice(const std::string& venueId, const std::string& deviceId, int64_t nowMs) {
  std::lock_guard lock(m_mutex);
  Stmt s(m_db, "UPDATE devices SET revoked_ms=? WHERE venue_id=? AND device_id=? AND revoked_ms IS NULL");
  s.bind(1, nowMs).bind(2, venueId).bind(3, deviceId);
  if (s.step() != SQLITE_DONE) return dbError(m_db, "revoking device");
  if (sqlite3_changes(m_db) == 0) return makeError(ErrorKind::NotFound, "no such active device at this venue");
  return Done{};
}

// One upload's rows, inside the group's transaction; feedSeq is the upstream feed's counter.
Status SqliteStore::ingestLocked(const std::vector<CheckIn>& batch, int64_t receivedMs, int64_t& feedSeq,
                                 IngestResult& out) {
  // New rows go in with ON CONFLICT DO NOTHING: one index probe instead of a lookup and an
  // insert; only a (device, seq) already stored is read back and compared.
  Stmt ins(m_db,
           "INSERT INTO check_ins(device_id, seq, venue_id, scan_point_id, person_kind, person_key, name, phone, "
           "birth_year, dir, ts_ms, tz_min, voided, received_ms, ingest_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
           "ON CONFLICT(device_id, seq) DO NOTHING",
           m_writeCache);
  static const std::string sel = std::string("SELECT ") + kCheckInColumns + " FROM check_ins WHERE device_id=? AND seq=?";
  Stmt find(m_db, sel.c_str(), m_writeCache);
  Stmt voidIt(m_db,
              "UPDATE check_ins SET voided=1, voided_ms=?, ingest_seq=? WHERE venue_id=? AND device_id=? AND seq=?",
              m_writeCache);
  Stmt conflict(m_db,
                "INSERT INTO conflicts(venue_id, device_id, seq, incoming_json, received_ms) VALUES (?,?,?,?,?)",
                m_writeCache);
  if (!find.ok() || !ins.ok() || !voidIt.ok() || !conflict.ok()) return dbError(m_db, "preparing ingest");
  for (const CheckIn& c : batch) {
    ins.reset();
    ins.bind(1, c.deviceId).bind(2, c.seq).bind(3, c.venueId).bind(4, c.scanPointId);
    ins.bind(5, std::string(toString(c.person.kind))).bind(6, c.person.key).bind(7, c.person.displayName);
    ins.bind(8, c.person.phone).bind(9, int64_t(c.person.birthYear)).bind(10, std::string(toString(c.direction)));
    ins.bind(11, c.at.utcMs).bind(12, int64_t(c.at.offsetMinutes)).bind(13, int64_t(c.voided ? 1 : 0));
    ins.bind(14, receivedMs).bind(15, feedSeq + 1);
    if (ins.step() != SQLITE_DONE) return dbError(m_db, "storing check-in");
    if (sqlite3_changes(m_db) == 1) {
      ++feedSeq;
      out.outcomes.push_back(IngestOutcome::Stored);
      continue;
    }
    find.reset();
    find.bind(1, c.deviceId).bind(2, c.seq);
    if (find.step() != SQLITE_ROW) return dbError(m_db, "looking up check-in");
    CheckIn have = rowToCheckIn(find);
    if (!sameCheckIn(have, c)) {
      conflict.reset();
      conflict.bind(1, have.venueId).bind(2, c.deviceId).bind(3, c.seq).bind(4, toJson(c).dump());
      conflict.bind(5, receivedMs);
      if (conflict.step() != SQLITE_DONE) return dbError(m_db, "flagging conflict");
      out.outcomes.push_back(IngestOutcome::Conflict);
    } else if (!have.voided && c.voided) {
      // A void moves the row to the end of the upstream feed, so pullers see it again.
      voidIt.reset();
      voidIt.bind(1, receivedMs).bind(2, feedSeq + 1).bind(3, have.venueId).bind(4, c.deviceId).bind(5, c.seq);
      if (voidIt.step() != SQLITE_DONE) return dbError(m_db, "voiding check-in");
      ++feedSeq;
      out.outcomes.push_back(IngestOutcome::Voided);
    } else {
      out.outcomes.push_back(IngestOutcome::AlreadyStored);
    }
  }
  return Done{};
}

// Entries a second phone repeated at the same gate (repeated_entries.hpp): one read of the
// group's people, then the marks that moved, in the group's transaction: no commit of its own.
Status SqliteStore::markRepeatedEntries(const RepeatedEntryMarks& marks, int64_t nowMs, int64_t& feedSeq) {
  if (marks.empty()) return Done{};
  const std::vector<SqlStatement> lookup = marks.lookup();
  std::vector<SqlRows> found(lookup.size());
  for (size_t i = 0; i < lookup.size(); ++i)
    if (auto st = runSqliteStatement(m_db, lookup[i], found[i]); !st) return st.error();
  const RepeatedEntryMarks::Changes changes = marks.changes(found, nowMs);
  for (const SqlStatement& st : changes.statements) {
    SqlRows ignored;
    if (auto r = runSqliteStatement(m_db, st, ignored); !r) return r.error();
  }
  Stmt recount(m_db, "UPDATE check_ins SET ingest_seq=? WHERE device_id=? AND seq=?", m_writeCache);
  for (const RecordId& id : changes.recount) {
    recount.reset();
    recount.bind(1, ++feedSeq).bind(2, id.deviceId).bind(3, id.seq);
    if (recount.step() != SQLITE_DONE) return dbError(m_db, "counting a repeated entry's day again");
  }
  return Done{};
}

// Concurrent uploads share one transaction and one fsync (group_commit.hpp).
Result<IngestResult> SqliteStore::ingest(const std::vector<CheckIn>& batch, int64_t receivedMs) {
  return m_groupCommit.run(batch, receivedMs, [this](const std::vector<PendingIngest*>& group) { commitGroup(group); });
}

void SqliteStore::commitGroup(const std::vector<PendingIngest*>& group) {
  std::lock_guard lock(m_mutex);
  if (group.size() > 1 && commitTogether(group)) return;
  // One upload alone, or a group that failed (a storage error: disk full, I/O): each upload in
  // its own transaction, so one bad upload cannot fail the others. No savepoints on the fast
  // path: SQLite writes every page a savepoint touches to a statement journal first.
  for (PendingIngest* p : group) {
    commitTogether({p});
  }
}

bool SqliteStore::commitTogether(const std::vector<PendingIngest*>& group) {
  auto fail = [&](const Error& e) {
    exec("ROLLBACK");
    for (PendingIngest* p : group) p->result = e;
    return false;
  };
  if (auto st = exec("BEGIN IMMEDIATE"); !st) return fail(st.error());
  int64_t feedSeq = 0;
  {
    Stmt n(m_db, "SELECT n FROM ingest_counter", m_writeCache);
    if (n.step() != SQLITE_ROW) return fail(dbError(m_db, "reading the feed counter"));
    feedSeq = n.integer(0);
  }
  std::vector<IngestResult> outs(group.size());
  for (size_t i = 0; i < group.size(); ++i) {
    outs[i].outcomes.reserve(group[i]->batch->size());
    if (auto st = ingestLocked(*group[i]->batch, group[i]->receivedMs, feedSeq, outs[i]); !st)
      return fail(st.error());
  }
  RepeatedEntryMarks marks;
  for (size_t i = 0; i < group.size(); ++i) marks.add(*group[i]->batch, outs[i].outcomes);
  if (auto st = markRepeatedEntries(marks, group.front()->receivedMs, feedSeq); !st) return fail(st.error());
  Stmt save(m_db, "UPDATE ingest_counter SET n=?", m_writeCache);
  save.bind(1, feedSeq);
  if (save.step() != SQLITE_DONE) return fail(dbError(m_db, "saving the feed counter"));
  if (auto st = exec("COMMIT"); !st) return fail(st.error());
  for (size_t i = 0; i < group.size(); ++i) group[i]->result = std::move(outs[i]);
  return true;
}

Result<std::vector<CheckIn>> SqliteStore::checkInsOfVenue(const std::string& venueId) {
  std::lock_guard lock(m_mutex);
  std::string sql =
      std::string("SELECT ") + kCheckInColumns + " FROM check_ins WHERE venue_id=? ORDER BY device_id, seq";
  Stmt s(m_db, sql.c_str());
  s.bind(1, venueId);
  std::vector<CheckIn> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(rowToCheckIn(s));
  if (rc != SQLITE_DONE) return dbError(m_db, "reading check-ins");
  return out;
}

Result<std::vector<CheckIn>> SqliteStore::recentCheckInsOfVenue(const std::string& venueId, int64_t sinceMs) {
  std::lock_guard lock(m_mutex);
  std::string sql = std::string("SELECT ") + kCheckInColumns + " FROM check_ins WHERE venue_id=? AND ts_ms>=? ORDER BY ts_ms";
  Stmt s(m_db, sql.c_str());
  s.bind(1, venueId);
  s.bind(2, sinceMs);
  std::vector<CheckIn> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out.push_back(rowToCheckIn(s));
  if (rc != SQLITE_DONE) return dbError(m_db, "reading recent check-ins");
  return out;
}

Result<std::vector<ConflictRecord>> SqliteStore::conflictsOfVenue(const std::string& venueId) {
  std::lock_guard lock(m_mutex);
  Stmt s(m_db,
         "SELECT venue_id, device_id, seq, incoming_json, received_ms FROM conflicts WHERE venue_id=? "
         "ORDER BY id");
  s.bind(1, venueId);
  std::vector<ConflictRecord> out;
  int rc;
  while ((rc = s.step()) == SQLITE_ROW)
    out.push_back(ConflictRecord{s.text(0), s.text(1), s.integer(2), s.text(3), s.integer(4)});
  if (rc != SQLITE_DONE) return dbError(m_db, "reading conflicts");
  return out;
}

}  // namespace diemquet::server
